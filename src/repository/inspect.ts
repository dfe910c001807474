/**
 * What a repository folder holds (docs/design.md 2 "Actual state", 3): its verified version and
 * publication time, and the files missing or of the wrong size against its own metadata. Read
 * by the planner (drift), by runs after a sync (the recorded observation) and by a DP agent
 * (its heartbeat). Cheap: the metadata is verified once per distinct version, files are stat'ed.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isUpdopsError } from '../errors.js';
import { readLocalRepository, targetFileRelPath, type LocalRepository } from './publish/local-repository.js';

export interface RepositoryInspection {
  version?: number;
  published?: string;
  /** sha256 of the folder's timestamp metadata: equal fingerprints, equal versions. */
  fingerprint?: string;
  missing: string[];
  corrupt: string[];
}

const TIMESTAMP = 'metadata/timestamp.json';

/**
 * Verified metadata shared by byte-identical repositories within one observation. DPs at the
 * same version hold the same signed files (docs/design.md 3: metadata is copied as signed), and
 * verification is a pure function of those bytes, so a fleet of thousands of DPs costs one
 * signature check per distinct version instead of one per DP.
 */
export type MetadataMemo = Map<string, Promise<LocalRepository | undefined>>;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function fingerprintOf(file: string): Promise<string | undefined> {
  try {
    return sha256(await readFile(file));
  } catch {
    return undefined;
  }
}

/**
 * sha256 over the four metadata files `readLocalRepository` verifies (root, timestamp, and the
 * snapshot and targets versions they name), when the folder uses consistent snapshots; else
 * undefined, and the folder is read without sharing.
 */
async function metadataKey(repository: string): Promise<{ key?: string; timestamp?: Buffer }> {
  const dir = path.join(repository, 'metadata');
  const timestamp = await readFile(path.join(dir, 'timestamp.json')).catch(() => undefined);
  if (!timestamp) return {};
  try {
    const root = await readFile(path.join(dir, 'root.json'));
    const signed = (bytes: Buffer): { consistent_snapshot?: unknown; meta?: Record<string, { version?: unknown }> } => (JSON.parse(bytes.toString('utf8')) as { signed?: object }).signed ?? {};
    if (signed(root).consistent_snapshot !== true) return { timestamp };
    const snapshot = await readFile(path.join(dir, `${Number(signed(timestamp).meta?.['snapshot.json']?.version)}.snapshot.json`));
    const targets = await readFile(path.join(dir, `${Number(signed(snapshot).meta?.['targets.json']?.version)}.targets.json`));
    const hash = createHash('sha256');
    for (const bytes of [root, timestamp, snapshot, targets]) hash.update(`${bytes.length}\u0000`).update(bytes);
    return { key: hash.digest('hex'), timestamp };
  } catch {
    return { timestamp };
  }
}

async function readVerified(repository: string, memo: MetadataMemo | undefined): Promise<{ local: LocalRepository | undefined; fingerprint?: string }> {
  if (!memo) return { local: await readLocalRepository(repository), ...(await fingerprintOf(path.join(repository, TIMESTAMP)).then((f) => (f ? { fingerprint: f } : {}))) };
  const { key, timestamp } = await metadataKey(repository);
  const fingerprint = timestamp ? { fingerprint: sha256(timestamp) } : {};
  if (key === undefined) return { local: await readLocalRepository(repository), ...fingerprint };
  let pending = memo.get(key);
  if (!pending) {
    pending = readLocalRepository(repository);
    memo.set(key, pending);
    // A failure is this folder's own: the next folder with the same bytes reads for itself.
    pending.catch(() => memo.delete(key));
  }
  return { local: await pending, ...fingerprint };
}

/** Missing or wrong-sized files against the folder's own metadata (cheap: stat only). */
export async function inspectRepository(repository: string, memo?: MetadataMemo): Promise<RepositoryInspection> {
  let read;
  try {
    read = await readVerified(repository, memo);
  } catch (error) {
    return { version: 0, missing: [], corrupt: [`metadata (${isUpdopsError(error) ? error.message : String(error)})`] };
  }
  const { local } = read;
  if (!local) return { missing: [], corrupt: [] };
  const missing: string[] = [];
  const corrupt: string[] = [];
  for (const [targetPath, target] of local.targets) {
    const file = path.join(repository, targetFileRelPath(targetPath, target.sha256));
    const size = await stat(file).then((s) => s.size, () => undefined);
    if (size === undefined) missing.push(targetPath);
    else if (size !== target.length) corrupt.push(targetPath);
  }
  const status = { version: local.version, missing, corrupt, fingerprint: read.fingerprint };
  return local.published === undefined ? status : { ...status, published: local.published };
}
