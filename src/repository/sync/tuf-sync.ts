/**
 * A full TUF sync from one source (docs/design.md 3 "Sync"): verify metadata, fetch what is missing,
 * switch atomically, clean up. The no-op fast path lives in `source.ts`.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { UpdopsError } from '../../errors.js';
import type { Transport } from '../transport/index.js';
import { filterComponents } from './components.js';
import type { DestVersion, TargetEntry } from './dest-state.js';
import { fetchTargets } from './fetch-targets.js';
import { fetchMetadata, refreshMetadata } from './metadata.js';
import type { VerifiedMetadata } from './metadata.js';
import { checkTargetPath, destPaths } from './paths.js';
import { removeUnreferenced, switchMetadata } from './publish-dest.js';
import { loadLocalMetadata, loadTrustedRoot, persistTrusted } from './trust.js';
import { SYNC_DEFAULTS } from './types.js';
import type { SourceOutcome, SyncContext } from './types.js';

export async function syncTuf(
  transport: Transport,
  ctx: SyncContext,
  remoteTimestamp: Buffer | undefined,
  held: DestVersion | undefined,
): Promise<SourceOutcome> {
  const current = held && { ...held, targets: filterComponents(held.targets, ctx.components) };
  const trusted = await loadTrustedRoot(ctx, transport);
  const verified = await refreshMetadata(transport, trusted, await loadLocalMetadata(ctx.dest), remoteTimestamp, ctx.maxMetadataBytes);
  const next = filterComponents(targetEntries(verified), ctx.components);
  const newestRoot = verified.roots.get(verified.rootVersion) ?? trusted;
  await persistTrusted(ctx.dest, { root: newestRoot, timestamp: verified.timestamp, snapshot: verified.snapshot, targets: verified.targetsBytes });

  const stats = await fetchTargets(transport, ctx, next, current?.targets);
  ctx.signal?.throwIfAborted();
  await switchMetadata(ctx.dest, verified, await missingOlderRoots(transport, ctx.dest, verified));
  const removed = await removeUnreferenced(ctx.dest, current ? [next, current.targets] : [next], {
    snapshot: [verified.snapshotVersion, ...(current ? [current.snapshotVersion] : [])],
    targets: [verified.targetsVersion, ...(current ? [current.targetsVersion] : [])],
  });
  return {
    version: verified.targetsVersion,
    changed: current === undefined || !current.timestamp.equals(verified.timestamp) || stats.files > 0 || removed > 0,
    ...stats,
    removed,
    scheme: 'tuf',
  };
}

/** Verified targets → entries; every path is checked before anything is fetched (TUF_PATH). */
function targetEntries(verified: VerifiedMetadata): Map<string, TargetEntry> {
  const out = new Map<string, TargetEntry>();
  for (const [name, file] of Object.entries(verified.targets.signed.targets)) {
    checkTargetPath(name);
    const sha256 = file.hashes.sha256;
    if (!sha256 || !/^[0-9a-f]{64}$/.test(sha256)) {
      throw new UpdopsError('TUF_METADATA', `target ${name} has no sha256 hash in the targets metadata`);
    }
    out.set(name, { length: file.length, sha256, custom: (file.custom ?? {}) });
  }
  return out;
}

/**
 * A downstream reader that starts from 1.root.json needs every N.root.json up to ours. Roots
 * before our trust anchor are copied as the source has them (they are signed; the reader
 * verifies the chain itself).
 */
async function missingOlderRoots(transport: Transport, dest: string, verified: VerifiedMetadata): Promise<Map<number, Buffer>> {
  const out = new Map<number, Buffer>();
  const first = Math.min(...verified.roots.keys());
  for (let v = 1; v < first; v++) {
    const file = path.join(destPaths(dest).metadata, `${v}.root.json`);
    if (await access(file).then(() => true, () => false)) continue;
    const bytes = await fetchMetadata(transport, `metadata/${v}.root.json`, SYNC_DEFAULTS.rootMaxBytes);
    if (bytes) out.set(v, bytes);
  }
  return out;
}
