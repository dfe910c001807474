/**
 * One source attempt: the no-op fast path, then the TUF or old-scheme sync (docs/design.md 3).
 * No-op: the two requests TUF requires (5.3, 5.4) — the root after the trusted one (absent),
 * then metadata/timestamp.json (with the stored ETag as If-None-Match); if the timestamp is
 * what the dest already publishes, still unexpired, and the dest's files are all there, stop —
 * whatever the repository size.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UpdopsError } from '../../errors.js';
import type { Transport } from '../transport/index.js';
import { readCapped } from './body.js';
import { filterComponents } from './components.js';
import type { Prefetched } from './client-session.js';
import { isComplete, keptVersionsHeld, readDestVersion } from './dest-state.js';
import type { DestVersion } from './dest-state.js';
import { destPaths } from './paths.js';
import { readSyncState, rememberEtag } from './state.js';
import { SYNC_DEFAULTS } from './types.js';
import type { SourceOutcome, SyncContext } from './types.js';

export async function syncFromSource(transport: Transport, ctx: SyncContext, sourceKey: string): Promise<SourceOutcome> {
  const current = await readDestVersion(ctx.dest);
  const trustedVersion = await trustedRootVersion(ctx.dest);
  // 5.3 first: a rotated or revoked key reaches the dest even when the timestamp is unchanged.
  if (trustedVersion !== undefined) {
    const nextRoot = await fetchNextRoot(transport, trustedVersion + 1);
    if (nextRoot) return fullSync(transport, ctx, sourceKey, { nextRoot }, current, undefined);
  }
  const etag = current ? (await readSyncState(ctx.dest)).etags[sourceKey] : undefined;
  const res = await transport.get('metadata/timestamp.json', etag ? { ifNoneMatch: etag } : {});
  if (res.status === 'not-found') return oldScheme(transport, ctx);

  let remote: Buffer | undefined;
  let newEtag = etag;
  if (res.status === 'ok') {
    remote = await readCapped(res.body, ctx.maxMetadataBytes ?? SYNC_DEFAULTS.timestampMaxBytes, `${transport.display}/metadata/timestamp.json`);
    newEtag = res.etag;
  } else if (current) {
    // 304: the source still has the timestamp whose ETag we stored when we published it.
    remote = current.timestamp;
  }

  const wanted = current && { ...current, targets: filterComponents(current.targets, ctx.components) };
  if (
    trustedVersion !== undefined &&
    wanted &&
    remote?.equals(wanted.timestamp) &&
    wanted.expires.getTime() > Date.now() &&
    current !== undefined &&
    samePin(current, ctx.pin) &&
    (await isComplete(ctx.dest, wanted, ctx)) &&
    (await keptVersionsHeld(ctx.dest, wanted, ctx.keepVersions, ctx))
  ) {
    if (newEtag !== etag) await rememberEtag(ctx.dest, sourceKey, newEtag);
    const version = wanted.pin?.targetsVersion ?? wanted.targetsVersion;
    return { version, ...(wanted.pin ? { pinned: wanted.pin } : {}), changed: false, files: 0, bytes: 0, deltaFiles: 0, deltaBytesSaved: 0, removed: 0, scheme: 'tuf' };
  }
  return fullSync(transport, ctx, sourceKey, { nextRootAbsent: trustedVersion !== undefined, timestamp: remote }, current, newEtag);
}

/** The dest serves the view the sync asks for: the pinned one, or the current one when it carries the pin (or no pin is asked). */
function samePin(held: DestVersion, pin: string | undefined): boolean {
  if (held.pin) return held.pin.version === pin;
  return pin === undefined || [...held.targets.values()].some((e) => e.custom.version === pin && e.custom.delta === undefined);
}

async function fullSync(
  transport: Transport,
  ctx: SyncContext,
  sourceKey: string,
  prefetched: Prefetched,
  current: DestVersion | undefined,
  etag: string | undefined,
): Promise<SourceOutcome> {
  // Loaded only past the no-op check: tuf-js and @tufjs/models cost ~40 ms of start-up.
  const { syncTuf } = await import('./tuf-sync.js');
  const outcome = await syncTuf(transport, ctx, prefetched, current);
  await rememberEtag(ctx.dest, sourceKey, etag);
  return outcome;
}

async function fetchNextRoot(transport: Transport, version: number): Promise<Buffer | undefined> {
  const rel = `metadata/${version}.root.json`;
  const res = await transport.get(rel);
  if (res.status !== 'ok') return undefined;
  return readCapped(res.body, SYNC_DEFAULTS.rootMaxBytes, `${transport.display}/${rel}`);
}

/** The version of the root the dest trusts, read without tuf-js (it is verified when used). */
async function trustedRootVersion(dest: string): Promise<number | undefined> {
  try {
    const doc = JSON.parse(await readFile(path.join(destPaths(dest).tuf, 'root.json'), 'utf8')) as { signed?: { version?: unknown } };
    return typeof doc.signed?.version === 'number' ? doc.signed.version : undefined;
  } catch {
    return undefined;
  }
}

/** A source without metadata/timestamp.json: old scheme if allowed, else say how to allow it. */
async function oldScheme(transport: Transport, ctx: SyncContext): Promise<SourceOutcome> {
  const [{ metadataSource }, { syncLegacy }] = await Promise.all([import('./remote-metadata.js'), import('./legacy.js')]);
  const sums = await metadataSource(transport, '').fetch('SHA256SUMS', ctx.maxMetadataBytes ?? SYNC_DEFAULTS.metadataMaxBytes);
  if (!sums) {
    throw new UpdopsError('SOURCE_NOT_FOUND', `${transport.display}: no update repository there (neither metadata/timestamp.json nor SHA256SUMS)`);
  }
  if (ctx.pin !== undefined) {
    throw new UpdopsError('PIN_UNSUPPORTED', `${transport.display} offers only the old scheme (SHA256SUMS), which has no versions: version ${JSON.stringify(ctx.pin)} cannot be pinned`);
  }
  if (!ctx.legacy) {
    throw new UpdopsError(
      'LEGACY_SCHEME_REQUIRED',
      `${transport.display} offers only the old scheme (SHA256SUMS, no signed metadata); enable "download updates by using the old scheme" (legacyScheme: true / --legacy) to use it`,
    );
  }
  return syncLegacy(transport, ctx, sums);
}
