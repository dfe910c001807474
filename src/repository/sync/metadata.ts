/**
 * TUF client workflow 5.3–5.6 over a transport (docs/design.md 3 "Sync"). Verification is tuf-js's
 * own TrustedMetadataStore — the class `Updater.refresh()` drives — called step by step here
 * so that (a) every failure maps to a precise UpdopsError (Updater wraps snapshot/targets
 * failures in a bare RuntimeError), and (b) we keep the exact signed bytes to copy into dest.
 */
import { TrustedMetadataStore } from 'tuf-js/dist/store.js';
import { EqualVersionError, ExpiredMetadataError } from 'tuf-js/dist/error.js';
import type { Metadata, Targets } from '@tufjs/models';
import { UpdopsError } from '../../errors.js';
import type { Transport } from '../transport/index.js';
import { readCapped } from './body.js';
import { mapTufError } from './tuf-errors.js';
import type { MetadataStep } from './tuf-errors.js';
import { SYNC_DEFAULTS } from './types.js';

/** Previously trusted metadata (rollback protection, TUF 5.4.3 / 5.5.5). */
export interface LocalMetadata {
  timestamp?: Buffer | undefined;
  snapshot?: Buffer | undefined;
  targets?: Buffer | undefined;
}

export interface VerifiedMetadata {
  /** Every root verified on the way, by version, including the starting one. */
  roots: Map<number, Buffer>;
  rootVersion: number;
  timestamp: Buffer;
  snapshot: Buffer;
  snapshotVersion: number;
  targetsBytes: Buffer;
  targetsVersion: number;
  targets: Metadata<Targets>;
}

export async function fetchMetadata(transport: Transport, relPath: string, maxBytes: number): Promise<Buffer | undefined> {
  const res = await transport.get(relPath);
  if (res.status === 'not-found') return undefined;
  if (res.status !== 'ok') throw new UpdopsError('SYNC', `${relPath}: unexpected reply`);
  return readCapped(res.body, maxBytes, `${transport.display}/${relPath}`);
}

function step<T>(name: MetadataStep, bytes: Buffer | undefined, run: () => T, expectedVersion?: number): T {
  try {
    return run();
  } catch (error) {
    throw mapTufError(error, { step: name, bytes, expectedVersion });
  }
}

export async function refreshMetadata(
  transport: Transport,
  trustedRoot: Buffer,
  local: LocalMetadata,
  remoteTimestamp: Buffer | undefined,
  maxBytes: number | undefined,
): Promise<VerifiedMetadata> {
  const store = step('root', trustedRoot, () => new TrustedMetadataStore(trustedRoot));
  const roots = new Map<number, Buffer>([[store.root.signed.version, trustedRoot]]);

  // 5.3: root rotation, one version at a time until the source has no next one.
  for (let v = store.root.signed.version + 1; v < store.root.signed.version + 257; v++) {
    const bytes = await fetchMetadata(transport, `metadata/${v}.root.json`, maxBytes ?? SYNC_DEFAULTS.rootMaxBytes);
    if (!bytes) break;
    step('root', bytes, () => store.updateRoot(bytes));
    roots.set(v, bytes);
  }

  // 5.4: timestamp; the previously trusted one first, so an older remote one is a rollback.
  let timestamp = local.timestamp;
  if (local.timestamp) {
    const previous = local.timestamp;
    try {
      store.updateTimestamp(previous);
    } catch {
      // An expired or superseded local timestamp still served for the version comparison.
    }
  }
  const remote =
    remoteTimestamp ?? (await fetchMetadata(transport, 'metadata/timestamp.json', maxBytes ?? SYNC_DEFAULTS.timestampMaxBytes));
  if (!remote) throw new UpdopsError('SOURCE_NOT_FOUND', `${transport.display}: metadata/timestamp.json is missing`);
  try {
    store.updateTimestamp(remote);
    timestamp = remote;
  } catch (error) {
    if (!(error instanceof EqualVersionError)) throw mapTufError(error, { step: 'timestamp', bytes: remote });
  }
  const ts = store.timestamp;
  if (!ts || !timestamp) throw new UpdopsError('TUF_METADATA', 'no trusted timestamp metadata');
  step('timestamp', timestamp, () => {
    if (ts.signed.isExpired(new Date())) throw new ExpiredMetadataError('timestamp.json is expired');
  });

  // 5.5: snapshot, N.snapshot.json (consistent snapshots); reuse the local copy when it still matches.
  const snapshotMeta = ts.signed.snapshotMeta;
  const snapshot = await loadRole(transport, 'snapshot', local.snapshot, snapshotMeta.version, snapshotMeta.length, maxBytes, (bytes, trusted) =>
    store.updateSnapshot(bytes, trusted),
  );
  const snap = store.snapshot;
  const targetsMeta = snap?.signed.meta['targets.json'];
  if (!snap || !targetsMeta) throw new UpdopsError('TUF_METADATA', 'snapshot metadata does not list targets.json');

  // 5.6: top-level targets (no delegations, docs/repository-format.md).
  const targetsBytes = await loadRole(transport, 'targets', local.targets, targetsMeta.version, targetsMeta.length, maxBytes, (bytes) =>
    store.updateDelegatedTargets(bytes, 'targets', 'root'),
  );
  const targets = store.targets;
  if (!targets) throw new UpdopsError('TUF_METADATA', 'no trusted targets metadata');
  return {
    roots,
    rootVersion: store.root.signed.version,
    timestamp,
    snapshot,
    snapshotVersion: snap.signed.version,
    targetsBytes,
    targetsVersion: targets.signed.version,
    targets,
  };
}

async function loadRole(
  transport: Transport,
  role: 'snapshot' | 'targets',
  localBytes: Buffer | undefined,
  version: number,
  declaredLength: number | undefined,
  maxBytes: number | undefined,
  update: (bytes: Buffer, trusted: boolean) => unknown,
): Promise<Buffer> {
  if (localBytes) {
    try {
      // Trusted for snapshot: verified last time; this only succeeds if it is still current.
      update(localBytes, true);
      return localBytes;
    } catch {
      // Stale local copy: it stays loaded (snapshot) as the rollback reference, as tuf-js does.
    }
  }
  const rel = `metadata/${version}.${role}.json`;
  // The parent role's declared length bounds the read, but never above the cap: a signed
  // snapshot declaring a 20 MB targets.json (a 100,000-target bomb) would otherwise be read and
  // canonicalized for signature checking, which takes minutes (test/reliability/bad-repositories).
  const cap = maxBytes ?? SYNC_DEFAULTS.metadataMaxBytes;
  if (declaredLength !== undefined && declaredLength > cap) {
    throw new UpdopsError('TUF_LENGTH_EXCEEDED', `${transport.display}: ${rel} is declared as ${declaredLength} bytes, over the ${cap}-byte limit for metadata; refused`);
  }
  const bytes = await fetchMetadata(transport, rel, declaredLength ?? cap);
  if (!bytes) throw new UpdopsError('TUF_METADATA', `${transport.display}: ${rel}, named by the ${role === 'snapshot' ? 'timestamp' : 'snapshot'}, is missing (mix-and-match or a half-published source)`);
  step(role, bytes, () => update(bytes, false), version);
  return bytes;
}

