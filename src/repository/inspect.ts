/**
 * What a repository folder holds (docs/design.md 2 "Actual state", 3): its verified version and
 * publication time, and the files missing or of the wrong size among those its task asks for —
 * the sync's own selection (sync/selection.ts: diff files only with `downloadDiffFiles`, the
 * `components` filter), in the scheme the sync would use (TUF metadata; SHA256SUMS only for an
 * old-scheme task, when the folder has no TUF metadata). Read by the planner (drift), by runs
 * after a sync (the recorded observation) and by a DP agent (its result and heartbeat), all
 * with the task's settings, so a DP a sync has just completed is in sync. Cheap: the metadata
 * is verified once per distinct version, files are stat'ed.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isUpdopsError } from '../errors.js';
import { readLocalRepository, targetFileRelPath, type LocalRepository, type LocalTarget } from './publish/local-repository.js';
import { LEGACY_FILE, parseSums, readLegacySizes } from './sync/legacy-list.js';
import { isSelected, selectTargets, type TargetSelection } from './sync/selection.js';
import { toLocal } from './sync/paths.js';

/** What a DP's task asks its folder to hold: the sync's selection, and whether the old scheme may stand in for TUF. */
export interface RepositoryExpectation extends TargetSelection {
  /** `legacyScheme`: a folder without TUF metadata is read by its SHA256SUMS. */
  legacy: boolean;
}

export interface RepositoryInspection {
  version?: number;
  published?: string;
  /** sha256 of the folder's timestamp metadata: equal fingerprints, equal versions. */
  fingerprint?: string;
  missing: string[];
  corrupt: string[];
  /** Every target the folder's metadata lists (missing and corrupt ones included): what a projection of the next sync compares with. */
  targets?: ReadonlyMap<string, LocalTarget>;
}

/**
 * A download task's settings (or an assignment's, which carry the same names) as an expectation:
 * the defaults and the "no components listed means all" rule the sync applies (runs/download-to-dp.ts).
 */
export function repositoryExpectation(settings: { legacyScheme?: boolean | undefined; downloadDiffFiles?: boolean | undefined; components?: readonly string[] | undefined } | undefined): RepositoryExpectation {
  const components = settings?.components?.length ? [...settings.components] : undefined;
  return { legacy: settings?.legacyScheme ?? false, diffs: settings?.downloadDiffFiles ?? false, ...(components ? { components } : {}) };
}

const TIMESTAMP = 'metadata/timestamp.json';
const LEGACY_SUMS = 'SHA256SUMS';
/** The version an old-scheme folder reports: SHA256SUMS has none (the sync reports 0 too). */
const LEGACY_VERSION = 0;

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

/** Missing or wrong-sized files among those `expected` asks for (cheap: stat only). */
export async function inspectRepository(repository: string, expected: RepositoryExpectation, memo?: MetadataMemo): Promise<RepositoryInspection> {
  let read;
  try {
    read = await readVerified(repository, memo);
  } catch (error) {
    return { version: 0, missing: [], corrupt: [`metadata (${isUpdopsError(error) ? error.message : String(error)})`] };
  }
  const { local } = read;
  if (!local) return expected.legacy ? inspectLegacy(repository, expected) : { missing: [], corrupt: [] };
  const missing: string[] = [];
  const corrupt: string[] = [];
  for (const [targetPath, target] of selectTargets(local.targets, expected)) {
    const file = path.join(repository, targetFileRelPath(targetPath, target.sha256));
    const size = await stat(file).then((s) => s.size, () => undefined);
    if (size === undefined) missing.push(targetPath);
    else if (size !== target.length) corrupt.push(targetPath);
  }
  const status = { version: local.version, missing, corrupt, fingerprint: read.fingerprint, targets: local.targets };
  return local.published === undefined ? status : { ...status, published: local.published };
}

/**
 * An old-scheme folder: the selected files SHA256SUMS lists, each present, and of the size the
 * sync saw (legacy-list.ts). Its fingerprint is the sha256 of SHA256SUMS, as the planner's probe
 * of an old-scheme source computes it.
 */
async function inspectLegacy(repository: string, expected: TargetSelection): Promise<RepositoryInspection> {
  const bytes = await readFile(path.join(repository, LEGACY_SUMS)).catch(() => undefined);
  if (!bytes) return { missing: [], corrupt: [] };
  let list;
  try {
    list = parseSums(bytes.toString('utf8'));
  } catch (error) {
    return { version: LEGACY_VERSION, missing: [], corrupt: [`${LEGACY_SUMS} (${isUpdopsError(error) ? error.message : String(error)})`] };
  }
  const sizes = await readLegacySizes(repository, bytes);
  const missing: string[] = [];
  const corrupt: string[] = [];
  for (const name of list.files.keys()) {
    if (!isSelected(name, LEGACY_FILE, expected)) continue;
    const size = await stat(toLocal(repository, name)).then((s) => s.size, () => undefined);
    const want = sizes.get(name);
    if (size === undefined) missing.push(name);
    else if (want !== undefined && size !== want) corrupt.push(name);
  }
  const status = { version: LEGACY_VERSION, missing, corrupt, fingerprint: sha256(bytes) };
  return list.published === undefined ? status : { ...status, published: list.published };
}
