/**
 * One source attempt: the no-op fast path, then the TUF or old-scheme sync (docs/design.md 3).
 * No-op: one request for metadata/timestamp.json (with the stored ETag as If-None-Match); if
 * it is what the dest already publishes, still unexpired, and the dest's files are all there,
 * stop — whatever the repository size.
 */
import { UpdopsError } from '../../errors.js';
import type { Transport } from '../transport/index.js';
import { readCapped } from './body.js';
import { filterComponents } from './components.js';
import { isComplete, readDestVersion } from './dest-state.js';
import { readSyncState, rememberEtag } from './state.js';
import { SYNC_DEFAULTS } from './types.js';
import type { SourceOutcome, SyncContext } from './types.js';

export async function syncFromSource(transport: Transport, ctx: SyncContext, sourceKey: string): Promise<SourceOutcome> {
  const current = await readDestVersion(ctx.dest);
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
  if (wanted && remote?.equals(wanted.timestamp) && wanted.expires.getTime() > Date.now() && (await isComplete(ctx.dest, wanted, false))) {
    if (newEtag !== etag) await rememberEtag(ctx.dest, sourceKey, newEtag);
    return { version: wanted.targetsVersion, changed: false, files: 0, bytes: 0, deltaFiles: 0, deltaBytesSaved: 0, removed: 0, scheme: 'tuf' };
  }
  // Loaded only past the no-op check: tuf-js and @tufjs/models cost ~40 ms of start-up.
  const { syncTuf } = await import('./tuf-sync.js');
  const outcome = await syncTuf(transport, ctx, remote, current);
  await rememberEtag(ctx.dest, sourceKey, newEtag);
  return outcome;
}

/** A source without metadata/timestamp.json: old scheme if allowed, else say how to allow it. */
async function oldScheme(transport: Transport, ctx: SyncContext): Promise<SourceOutcome> {
  const [{ fetchMetadata }, { syncLegacy }] = await Promise.all([import('./metadata.js'), import('./legacy.js')]);
  const sums = await fetchMetadata(transport, 'SHA256SUMS', ctx.maxMetadataBytes ?? SYNC_DEFAULTS.metadataMaxBytes);
  if (!sums) {
    throw new UpdopsError('SOURCE_NOT_FOUND', `${transport.display}: no update repository there (neither metadata/timestamp.json nor SHA256SUMS)`);
  }
  if (!ctx.legacy) {
    throw new UpdopsError(
      'LEGACY_SCHEME_REQUIRED',
      `${transport.display} offers only the old scheme (SHA256SUMS, no signed metadata); enable "download updates by using the old scheme" (legacyScheme: true / --legacy) to use it`,
    );
  }
  return syncLegacy(transport, ctx, sums);
}
