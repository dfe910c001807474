/**
 * Rings and pinning (docs/architecture.md "Rings and pinning"): a sync pinned to a version takes
 * the targets of an older repository version while the current timestamp and snapshot are still
 * fetched and verified (freshness holds, no freeze). The pinned view is the newest
 * `M.targets.json` whose targets carry `custom.version === pin`, found by walking back from the
 * current targets version N (at most PIN_LOOKBACK versions), verified by the CURRENT trusted
 * root's targets role (signatures, type, version) and unexpired. The version found is cached in
 * the dest (`.updops/pins.json`), so later syncs look there first and never walk again.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Metadata, MetadataKind } from '@tufjs/models';
import type { Targets } from '@tufjs/models';
import { UpdopsError } from '../../errors.js';
import type { TufSession } from './client-session.js';
import { destPaths } from './paths.js';
import type { MetadataSource } from './remote-metadata.js';
import { carriesVersion, PIN_LOOKBACK, readPinCache, writePinCache, type PinRecord } from './pin-state.js';

export { PIN_FILE, type PinRecord } from './pin-state.js';

export interface PinnedTargets extends PinRecord {
  /** The exact signed bytes of `M.targets.json`. */
  bytes: Buffer;
  md: Metadata<Targets>;
}

/**
 * The targets `pin` names, or undefined when the current targets already carry it (no pinned
 * view needed). `local`: a folder whose `metadata/` may already hold the file (the dest itself).
 */
export async function resolvePin(session: TufSession, source: MetadataSource, dest: string, pin: string, maxBytes: number): Promise<PinnedTargets | undefined> {
  const top = session.store.targets;
  if (!top) throw new UpdopsError('TUF_METADATA', 'no trusted targets metadata');
  if (carriesVersion(top.signed.targets, pin)) return undefined;
  if (top.signed.delegations) {
    throw new UpdopsError('PIN_UNSUPPORTED', `${source.display}: version ${JSON.stringify(pin)} cannot be pinned: the repository delegates targets, and pinning reads the top-level targets only`);
  }
  if (!session.root.signed.consistentSnapshot) {
    throw new UpdopsError('PIN_UNSUPPORTED', `${source.display}: version ${JSON.stringify(pin)} cannot be pinned: the repository has no consistent snapshots, so older targets versions are not kept`);
  }
  const current = top.signed.version;
  const lowest = Math.max(1, current - PIN_LOOKBACK);
  const cache = await readPinCache(dest);
  const cached = cache[pin];
  const order = [...(cached !== undefined && cached < current && cached >= 1 ? [cached] : [])];
  for (let v = current - 1; v >= lowest; v--) if (v !== cached) order.push(v);
  for (const version of order) {
    const bytes = await readLocal(dest, version) ?? (await source.fetch(`${version}.targets.json`, maxBytes));
    if (!bytes) continue;
    const md = parseTargets(bytes, source.display, version);
    if (!md || !carriesVersion(md.signed.targets, pin)) continue;
    verifyPinned(session, md, version, pin, source.display);
    if (cache[pin] !== version) await writePinCache(dest, { ...cache, [pin]: version });
    return { version: pin, targetsVersion: version, bytes, md };
  }
  throw new UpdopsError(
    'PIN_NOT_FOUND',
    `${source.display}: no targets version from ${current} down to ${lowest} carries version ${JSON.stringify(pin)} (custom.version); the repository no longer has it, or never had it`,
  );
}

/** Signed by the current root's targets keys, the version its name says, no delegations, unexpired. */
function verifyPinned(session: TufSession, md: Metadata<Targets>, version: number, pin: string, display: string): void {
  const what = `version ${JSON.stringify(pin)} (targets ${version})`;
  try {
    session.root.verifyDelegate('targets', md);
  } catch (error) {
    throw new UpdopsError('TUF_SIGNATURE', `${display}: ${what} is not signed by the targets keys of the current root (${(error as Error).message}); the publisher must re-sign it to keep it pinned`, { cause: error });
  }
  if (md.signed.version !== version) {
    throw new UpdopsError('TUF_METADATA', `${display}: ${version}.targets.json says version ${md.signed.version} (mix-and-match); refused`);
  }
  if (md.signed.delegations) {
    throw new UpdopsError('PIN_UNSUPPORTED', `${display}: ${what} delegates targets, and pinning reads the top-level targets only`);
  }
  if (md.signed.isExpired(new Date())) {
    throw new UpdopsError('TUF_EXPIRED', `${display}: ${what} expired at ${md.signed.expires}; the publisher must re-sign it to keep it pinned`);
  }
}

function parseTargets(bytes: Buffer, display: string, version: number): Metadata<Targets> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if ((json as { signed?: { _type?: unknown } } | null)?.signed?._type !== 'targets') {
    throw new UpdopsError('TUF_METADATA', `${display}: ${version}.targets.json is not targets metadata; refused`);
  }
  try {
    return Metadata.fromJSON(MetadataKind.Targets, json as Parameters<typeof Metadata.fromJSON>[1]);
  } catch (error) {
    throw new UpdopsError('TUF_METADATA', `${display}: ${version}.targets.json is not valid targets metadata: ${(error as Error).message}`, { cause: error });
  }
}

async function readLocal(dest: string, version: number): Promise<Buffer | undefined> {
  return readFile(path.join(destPaths(dest).metadata, `${version}.targets.json`)).catch(() => undefined);
}

