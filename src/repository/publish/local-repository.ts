/**
 * Reads a repository folder's own TUF metadata, without network (docs/repository-format.md).
 * The publisher uses it to find the previous version; sync and the planner use
 * `readLocalRepository` to see what a folder (a vendor repo or a DP mirror) holds.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Metadata, MetadataKind } from '@tufjs/models';
import type { MetaFile, Root, Snapshot, Targets, Timestamp } from '@tufjs/models';
import { UpdopsError } from '../../errors.js';
import type { ErrorCode } from '../../errors.js';
import { delegatedPatterns, mergedView } from './delegations.js';

export interface LocalTarget {
  length: number;
  sha256: string;
  custom: Record<string, unknown>;
}

export interface LocalRepository {
  /** The repository version (timestamp, snapshot and targets all carry it). */
  version: number;
  /** The version's release time (`custom.published` of its targets). */
  published?: string;
  /** Every target of the version, delta targets included (they have `custom.delta`). */
  targets: Map<string, LocalTarget>;
}

export interface RepositoryState {
  root: Metadata<Root>;
  timestamp: Metadata<Timestamp>;
  snapshot: Metadata<Snapshot>;
  /** Top-level targets with every delegated role's targets merged in (delegations.ts `mergedView`). */
  targets: Metadata<Targets>;
  version: number;
}

export const METADATA_DIR = 'metadata';
export const TARGETS_DIR = 'targets';

/** `targets/<dir>/<sha256>.<basename>`: where a target's bytes live (consistent snapshots). */
export function targetFileRelPath(targetPath: string, sha256: string): string {
  const slash = targetPath.lastIndexOf('/');
  const dir = slash < 0 ? '' : `${targetPath.slice(0, slash)}/`;
  return `${TARGETS_DIR}/${dir}${sha256}.${targetPath.slice(slash + 1)}`;
}

/**
 * The folder's current version with its targets, or undefined when it has no
 * `metadata/timestamp.json` (empty, or an old-scheme-only folder). Checks the chain
 * timestamp → snapshot → targets (signatures against the folder's root.json, lengths, hashes),
 * but not expiry: an expired local copy still tells what is installed.
 */
export async function readLocalRepository(repoDir: string): Promise<LocalRepository | undefined> {
  const state = await readRepositoryState(repoDir);
  if (!state) return undefined;
  const pinned = await readPinnedView(repoDir, state);
  const view = pinned ?? state.targets;
  const version = pinned ? pinned.signed.version : state.version;
  const targets = new Map<string, LocalTarget>();
  let published: string | undefined;
  for (const [targetPath, file] of Object.entries(view.signed.targets)) {
    const custom = file.custom;
    const sha256 = file.hashes.sha256;
    if (!sha256) throw fail('TUF_METADATA', repoDir, `target ${targetPath} has no sha256 hash`);
    targets.set(targetPath, { length: file.length, sha256, custom });
    if (typeof custom.published === 'string' && custom.delta === undefined && (!published || custom.published > published)) {
      published = custom.published;
    }
  }
  return published === undefined ? { version, targets } : { version, published, targets };
}

/**
 * A pinned mirror (rings and pinning, sync/pin.ts) serves an older `M.targets.json` named by
 * `metadata/pin.json`: that view is what the folder holds. Signed by the folder's root targets
 * keys, as the sync verified it; the snapshot does not list it, so no length or hash is checked.
 */
async function readPinnedView(repoDir: string, state: RepositoryState): Promise<Metadata<Targets> | undefined> {
  const bytes = await readOptional(path.join(repoDir, METADATA_DIR, 'pin.json'));
  if (!bytes) return undefined;
  let targetsVersion: unknown;
  try {
    targetsVersion = (JSON.parse(bytes.toString('utf8')) as { targetsVersion?: unknown }).targetsVersion;
  } catch {
    throw fail('TUF_METADATA', repoDir, 'metadata/pin.json is not valid JSON');
  }
  if (!Number.isInteger(targetsVersion)) throw fail('TUF_METADATA', repoDir, 'metadata/pin.json names no targetsVersion');
  const name = `${targetsVersion as number}.targets.json`;
  const md = await readOptional(path.join(repoDir, METADATA_DIR, name));
  if (!md) throw fail('TUF_METADATA', repoDir, `metadata/${name}, named by metadata/pin.json, is missing`);
  const targets = parse(MetadataKind.Targets, md, repoDir, name);
  verify(state.root, 'targets', targets, repoDir);
  if (targets.signed.version !== targetsVersion) throw fail('TUF_METADATA', repoDir, `metadata/${name} says version ${targets.signed.version}`);
  return targets;
}

export async function readRepositoryState(repoDir: string): Promise<RepositoryState | undefined> {
  const metadataDir = path.join(repoDir, METADATA_DIR);
  const timestampBytes = await readOptional(path.join(metadataDir, 'timestamp.json'));
  if (!timestampBytes) return undefined;
  const rootBytes = await readOptional(path.join(metadataDir, 'root.json'));
  if (!rootBytes) throw fail('TUF_METADATA', repoDir, 'metadata/timestamp.json exists but metadata/root.json is missing');

  const root = parse(MetadataKind.Root, rootBytes, repoDir, 'root.json');
  verify(root, 'root', root, repoDir);
  const timestamp = parse(MetadataKind.Timestamp, timestampBytes, repoDir, 'timestamp.json');
  verify(root, 'timestamp', timestamp, repoDir);

  const snapshotMeta = timestamp.signed.snapshotMeta;
  const snapshotName = root.signed.consistentSnapshot ? `${snapshotMeta.version}.snapshot.json` : 'snapshot.json';
  const snapshot = await readListed(MetadataKind.Snapshot, repoDir, snapshotName, snapshotMeta);
  verify(root, 'snapshot', snapshot, repoDir);

  const targetsMeta = snapshot.signed.meta['targets.json'];
  if (!targetsMeta) throw fail('TUF_METADATA', repoDir, `${snapshotName} does not list targets.json`);
  const targetsName = root.signed.consistentSnapshot ? `${targetsMeta.version}.targets.json` : 'targets.json';
  const top = await readListed(MetadataKind.Targets, repoDir, targetsName, targetsMeta);
  verify(root, 'targets', top, repoDir);
  const delegated = [];
  for (const { name } of delegatedPatterns(top)) {
    const meta = snapshot.signed.meta[`${name}.json`];
    if (!meta) throw fail('TUF_METADATA', repoDir, `${snapshotName} does not list ${name}.json, which targets delegates to`);
    const md = await readListed(MetadataKind.Targets, repoDir, root.signed.consistentSnapshot ? `${meta.version}.${name}.json` : `${name}.json`, meta);
    verify(top, name, md, repoDir);
    delegated.push(md);
  }
  const targets = mergedView(top, delegated);
  const version = Math.max(timestamp.signed.version, snapshot.signed.version, targets.signed.version);
  return { root, timestamp, snapshot, targets, version };
}

/**
 * Targets metadata of an earlier version kept in the folder (for deltas), or undefined when it
 * was pruned. Not signature-checked: keys may have been rotated since, and every base file read
 * through it is checked against its sha256 before use.
 */
export async function readOldTargets(repoDir: string, version: number): Promise<Metadata<Targets> | undefined> {
  const read = async (role: string) => {
    const name = `${version}.${role}.json`;
    const bytes = await readOptional(path.join(repoDir, METADATA_DIR, name));
    return bytes ? parse(MetadataKind.Targets, bytes, repoDir, name) : undefined;
  };
  const top = await read('targets');
  if (!top) return undefined;
  const delegated = [];
  for (const { name } of delegatedPatterns(top)) {
    const md = await read(name);
    if (md) delegated.push(md);
  }
  return mergedView(top, delegated);
}

async function readListed<K extends MetadataKind.Snapshot | MetadataKind.Targets>(
  kind: K,
  repoDir: string,
  name: string,
  meta: MetaFile,
) {
  const bytes = await readOptional(path.join(repoDir, METADATA_DIR, name));
  if (!bytes) throw fail('TUF_METADATA', repoDir, `metadata/${name} is missing`);
  try {
    meta.verify(bytes);
  } catch (error) {
    throw fail('TUF_HASH_MISMATCH', repoDir, `metadata/${name} does not match its length or hash (${(error as Error).message})`, error);
  }
  return parse(kind, bytes, repoDir, name);
}

function parse(kind: MetadataKind.Root, bytes: Buffer, repoDir: string, name: string): Metadata<Root>;
function parse(kind: MetadataKind.Timestamp, bytes: Buffer, repoDir: string, name: string): Metadata<Timestamp>;
function parse<K extends MetadataKind.Snapshot | MetadataKind.Targets>(
  kind: K,
  bytes: Buffer,
  repoDir: string,
  name: string,
): K extends MetadataKind.Snapshot ? Metadata<Snapshot> : Metadata<Targets>;
function parse(kind: MetadataKind, bytes: Buffer, repoDir: string, name: string): unknown {
  try {
    const json = JSON.parse(bytes.toString('utf8'));
    // The overloads of fromJSON are per kind; one call site serves all four.
    return Metadata.fromJSON(kind as MetadataKind.Root, json);
  } catch (error) {
    throw fail('TUF_METADATA', repoDir, `metadata/${name} is not valid ${kind} metadata: ${(error as Error).message}`, error);
  }
}

function verify(delegator: Metadata<Root> | Metadata<Targets>, role: string, md: Metadata<Root | Timestamp | Snapshot | Targets>, repoDir: string): void {
  try {
    delegator.verifyDelegate(role, md);
  } catch (error) {
    const by = delegator.signed.type === MetadataKind.Root ? 'metadata/root.json' : 'its delegation in targets.json';
    throw fail('TUF_SIGNATURE', repoDir, `${role} metadata is not signed by the keys in ${by}: ${(error as Error).message}`, error);
  }
}

async function readOptional(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function fail(code: ErrorCode, repoDir: string, message: string, cause?: unknown): UpdopsError {
  return new UpdopsError(code, `${repoDir}: ${message}`, cause === undefined ? {} : { cause });
}
