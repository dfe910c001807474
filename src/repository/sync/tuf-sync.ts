/**
 * A full TUF sync from one source (docs/design.md 3 "Sync"): the client workflow (client-session.ts,
 * delegations.ts) verifies every role, then the missing targets are fetched, the metadata is
 * switched in atomically and unreferenced files are cleaned up. The no-op fast path lives in
 * `source.ts`.
 */
import { access, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TargetFile } from '@tufjs/models';
import { isUpdopsError, UpdopsError } from '../../errors.js';
import type { Transport } from '../transport/index.js';
import { TufSession } from './client-session.js';
import type { Prefetched } from './client-session.js';
import { filterComponents } from './components.js';
import { mirrorTargets } from './delegations.js';
import { writeTargetsIndex } from './dest-state.js';
import type { DestVersion, TargetEntry } from './dest-state.js';
import { fetchTargets, type FetchStats } from './fetch-targets.js';
import { unsupportedHash } from './hashes.js';
import { checkTargetPath, destPaths } from './paths.js';
import { mirrorFiles, placePlainTargets, removeUnreferenced, switchMetadata } from './publish-dest.js';
import { metadataSource, type MetadataSource } from './remote-metadata.js';
import { PIN_FILE, writeKept } from './pin-state.js';
import { resolvePin, type PinnedTargets } from './pin.js';
import { loadTrustedRoot } from './trust.js';
import { trustedDir } from './trusted-dir.js';
import { SYNC_DEFAULTS } from './types.js';
import type { SourceOutcome, SyncContext } from './types.js';

export async function syncTuf(transport: Transport, ctx: SyncContext, prefetched: Prefetched, held: DestVersion | undefined): Promise<SourceOutcome> {
  const current = held && { ...held, targets: filterComponents(held.targets, ctx.components) };
  const storage = trustedDir(destPaths(ctx.dest).tuf);
  if (!(await storage.read('root'))) await storage.write('root', await loadTrustedRoot(ctx, transport));
  const source = metadataSource(transport, 'metadata/');
  const session = await TufSession.start(source, storage, { maxMetadataBytes: ctx.maxMetadataBytes });
  await session.refresh(prefetched);
  const resolved = await mirrorTargets(session);
  const maxBytes = ctx.maxMetadataBytes ?? SYNC_DEFAULTS.metadataMaxBytes;
  // Rings and pinning (pin.ts): the pinned view replaces the current targets; kept versions sit beside them.
  const pinned = ctx.pin === undefined ? undefined : await resolvePin(session, source, ctx.dest, ctx.pin, maxBytes);
  const kept = await keptVersions(session, source, ctx, maxBytes);
  const currentTargets = targetEntries(resolved);
  const all = pinned ? targetEntries(new Map(Object.entries(pinned.md.signed.targets))) : currentTargets;
  const next = filterComponents(all, ctx.components);

  const stats = await fetchTargets(transport, ctx, next, current?.targets, session.root.signed.consistentSnapshot);
  const keptTargets: Map<string, TargetEntry>[] = [];
  for (const k of kept) {
    const targets = filterComponents(targetEntries(new Map(Object.entries(k.md.signed.targets))), ctx.components);
    add(stats, await fetchTargets(transport, ctx, targets, current?.targets, true));
    keptTargets.push(targets);
  }
  ctx.signal?.throwIfAborted();
  const older = [...(pinned ? [pinned] : []), ...kept].map((k): [string, Buffer] => [`${k.targetsVersion}.targets.json`, k.bytes]);
  const files = mirrorFiles(session, await missingOlderRoots(transport, ctx.dest, session.roots), older);
  if (pinned) files.writes.splice(files.writes.length - 1, 0, [PIN_FILE, Buffer.from(`${JSON.stringify({ version: pinned.version, targetsVersion: pinned.targetsVersion })}\n`)]);
  const snapshotVersion = session.store.snapshot?.signed.version ?? 0;
  // The index is always the current version's: a pinned view is read from its own targets file (dest-state.ts).
  await writeTargetsIndex(ctx.dest, { snapshotVersion, expires: files.expires, targets: currentTargets });
  if (!files.consistent) await placePlainTargets(ctx.dest, next);
  if (!pinned) await rm(path.join(destPaths(ctx.dest).metadata, PIN_FILE), { force: true });
  await switchMetadata(ctx.dest, files);
  const keep = [next, ...keptTargets, ...(current ? [current.targets] : [])];
  const removed = await removeUnreferenced(ctx.dest, keep, [...files.versioned, ...(current?.metadataFiles ?? [])], !files.consistent);
  await writeKept(ctx.dest, kept.map((k) => k.targetsVersion));
  const timestamp = session.bytes.get('timestamp');
  const pinChanged = current?.pin?.targetsVersion !== pinned?.targetsVersion;
  return {
    version: pinned?.targetsVersion ?? session.store.targets?.signed.version ?? 0,
    ...(pinned ? { pinned: { version: pinned.version, targetsVersion: pinned.targetsVersion } } : {}),
    changed: current === undefined || !timestamp || !current.timestamp.equals(timestamp) || pinChanged || stats.files > 0 || removed > 0,
    ...stats,
    removed,
    scheme: 'tuf',
  };
}

function add(into: FetchStats, more: FetchStats): void {
  into.files += more.files;
  into.bytes += more.bytes;
  into.deltaFiles += more.deltaFiles;
  into.deltaBytesSaved += more.deltaBytesSaved;
}

/** The versions a mirror keeps for its pinned devices; one it cannot keep is a warning (its devices then fail with the reason). */
async function keptVersions(session: TufSession, source: MetadataSource, ctx: SyncContext, maxBytes: number): Promise<PinnedTargets[]> {
  const out: PinnedTargets[] = [];
  for (const version of ctx.keepVersions) {
    try {
      const found = await resolvePin(session, source, ctx.dest, version, maxBytes);
      if (found && !out.some((k) => k.targetsVersion === found.targetsVersion)) out.push(found);
    } catch (error) {
      if (!isUpdopsError(error) || error.code === 'SOURCE_UNREACHABLE' || error.code === 'DOWNLOAD_TIMEOUT') throw error;
      ctx.warnings.push(`version ${JSON.stringify(version)} pinned by devices of this mirror is not kept: ${error.code}: ${error.message}`);
    }
  }
  return out;
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
