/**
 * A full TUF sync from one source (docs/design.md 3 "Sync"): the client workflow (client-session.ts,
 * delegations.ts) verifies every role, then the missing targets are fetched, the metadata is
 * switched in atomically and unreferenced files are cleaned up. The no-op fast path lives in
 * `source.ts`.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { TargetFile } from '@tufjs/models';
import { UpdopsError } from '../../errors.js';
import type { Transport } from '../transport/index.js';
import { TufSession } from './client-session.js';
import type { Prefetched } from './client-session.js';
import { filterComponents } from './components.js';
import { mirrorTargets } from './delegations.js';
import { writeTargetsIndex } from './dest-state.js';
import type { DestVersion, TargetEntry } from './dest-state.js';
import { fetchTargets } from './fetch-targets.js';
import { unsupportedHash } from './hashes.js';
import { checkTargetPath, destPaths } from './paths.js';
import { mirrorFiles, placePlainTargets, removeUnreferenced, switchMetadata } from './publish-dest.js';
import { metadataSource } from './remote-metadata.js';
import { loadTrustedRoot } from './trust.js';
import { trustedDir } from './trusted-dir.js';
import { SYNC_DEFAULTS } from './types.js';
import type { SourceOutcome, SyncContext } from './types.js';

export async function syncTuf(transport: Transport, ctx: SyncContext, prefetched: Prefetched, held: DestVersion | undefined): Promise<SourceOutcome> {
  const current = held && { ...held, targets: filterComponents(held.targets, ctx.components) };
  const storage = trustedDir(destPaths(ctx.dest).tuf);
  if (!(await storage.read('root'))) await storage.write('root', await loadTrustedRoot(ctx, transport));
  const session = await TufSession.start(metadataSource(transport, 'metadata/'), storage, { maxMetadataBytes: ctx.maxMetadataBytes });
  await session.refresh(prefetched);
  const resolved = await mirrorTargets(session);
  const all = targetEntries(resolved);
  const next = filterComponents(all, ctx.components);

  const stats = await fetchTargets(transport, ctx, next, current?.targets, session.root.signed.consistentSnapshot);
  ctx.signal?.throwIfAborted();
  const files = mirrorFiles(session, await missingOlderRoots(transport, ctx.dest, session.roots));
  const snapshotVersion = session.store.snapshot?.signed.version ?? 0;
  await writeTargetsIndex(ctx.dest, { snapshotVersion, expires: files.expires, targets: all });
  if (!files.consistent) await placePlainTargets(ctx.dest, next);
  await switchMetadata(ctx.dest, files);
  const keep = current ? [next, current.targets] : [next];
  const removed = await removeUnreferenced(ctx.dest, keep, [...files.versioned, ...(current?.metadataFiles ?? [])], !files.consistent);
  const timestamp = session.bytes.get('timestamp');
  return {
    version: session.store.targets?.signed.version ?? 0,
    changed: current === undefined || !timestamp || !current.timestamp.equals(timestamp) || stats.files > 0 || removed > 0,
    ...stats,
    removed,
    scheme: 'tuf',
  };
}

/** Verified targets → entries; every path and hash set is checked before anything is fetched. */
function targetEntries(resolved: Map<string, TargetFile>): Map<string, TargetEntry> {
  const out = new Map<string, TargetEntry>();
  for (const [name, file] of resolved) {
    checkTargetPath(name);
    const bad = unsupportedHash(file.hashes);
    if (bad !== undefined || Object.keys(file.hashes).length === 0) {
      throw new UpdopsError('TUF_METADATA', `target ${name}: ${bad === undefined ? 'no hash' : `hash algorithm ${JSON.stringify(bad)} is not supported`}, so it cannot be verified; refused`);
    }
    const sha256 = file.hashes.sha256;
    out.set(name, { length: file.length, hashes: { ...file.hashes }, ...(sha256 ? { sha256 } : {}), custom: file.custom ?? {} });
  }
  return out;
}

/**
 * A downstream reader that starts from 1.root.json needs every N.root.json up to ours. Roots
 * before our trust anchor are copied as the source has them (they are signed; the reader
 * verifies the chain itself).
 */
async function missingOlderRoots(transport: Transport, dest: string, verified: Map<number, Buffer>): Promise<Map<number, Buffer>> {
  const out = new Map<number, Buffer>();
  const first = Math.min(...verified.keys());
  const source = metadataSource(transport, 'metadata/');
  for (let v = 1; v < first; v++) {
    if (await access(path.join(destPaths(dest).metadata, `${v}.root.json`)).then(() => true, () => false)) continue;
    const bytes = await source.fetch(`${v}.root.json`, SYNC_DEFAULTS.rootMaxBytes);
    if (bytes) out.set(v, bytes);
  }
  return out;
}
