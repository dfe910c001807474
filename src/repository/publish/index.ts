/**
 * `updops publish` (docs/design.md 3, "Publishing"): turns a content folder into the next version of
 * a repository folder. Order of work = the atomic switch of docs/repository-format.md: target
 * files and deltas, plain old-scheme files, then metadata (timestamp.json last), SHA256SUMS,
 * and only then removal of what the retained versions no longer reference.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Metadata, Targets } from '@tufjs/models';
import { UpdopsError, isUpdopsError } from '../../errors.js';
import { loadDelegatedKey, loadKeys, loadPreviousRootKey } from '../keys.js';
import type { RepositoryKeys } from '../keys.js';
import { scanContent } from './content-scan.js';
import { splitTargets } from './delegations.js';
import type { ContentScan } from './content-scan.js';
import { buildDeltas } from './deltas.js';
import { exists } from './files.js';
import { readSums, writePlainFiles, writeSums } from './legacy.js';
import type { LegacySums } from './legacy.js';
import { METADATA_DIR, readOldTargets, readRepositoryState } from './local-repository.js';
import type { RepositoryState } from './local-repository.js';
import { acquirePublishLock } from './lock.js';
import { writeMetadata } from './metadata-writer.js';
import { normalizeOptions } from './options.js';
import type { NormalizedOptions, PublishOptions } from './options.js';
import { pruneRepository, removePlainFiles, retainedVersions } from './prune.js';
import { contentTargets, isDeltaPath, storeContent } from './targets.js';

export type { PublishOptions, LegacyMode } from './options.js';
export { readLocalRepository } from './local-repository.js';
export type { LocalRepository, LocalTarget } from './local-repository.js';
export { deltaTargetPath } from './deltas.js';
export type { DeltaCustom } from './deltas.js';
export { parseDuration } from './options.js';
export { rotateRoleKey } from './rotate.js';
export { checkRoleName } from './delegations.js';
export type { RotateOptions, RotateResult } from './rotate.js';

export interface PublishResult {
  /** The new repository version (0 with `legacy: 'only'`: the old scheme has no versions). */
  version: number;
  /** Content targets in the new version (delta targets not counted). */
  targets: number;
  /** Paths that are new or whose content changed since the previous version. */
  changed: string[];
  /** Paths the previous version had and this one does not. */
  removed: string[];
  /** Delta targets listed in the new version. */
  deltas: number;
  /** Bytes written into the repository folder by this publish (hard links count 0). */
  bytes: number;
}

export async function publishRepository(options: PublishOptions): Promise<PublishResult> {
  const opts = normalizeOptions(options);
  const keys = opts.legacy === 'only' ? undefined : await loadKeys(opts.keysDir);
  const scan = await scanContent(opts.contentDir);
  await mkdir(opts.repoDir, { recursive: true });
  const release = await acquirePublishLock(opts.repoDir);
  try {
    return keys ? await publishTuf(opts, scan, keys) : await publishLegacyOnly(opts, scan);
  } finally {
    await release();
  }
}

async function publishTuf(opts: NormalizedOptions, scan: ContentScan, keys: RepositoryKeys): Promise<PublishResult> {
  const previous = await readPrevious(opts.repoDir);
  const version = (previous?.version ?? 0) + 1;
  const history = await readHistory(opts.repoDir, previous, Math.max(1, opts.deltas));
  const prevSums = await readSums(opts.repoDir);

  let bytes = await storeContent(opts.repoDir, scan.files);
  const content = contentTargets(scan, version, opts.published);
  const deltas = await buildDeltas({ repoDir: opts.repoDir, files: scan.files, history, count: opts.deltas });
  bytes += deltas.bytes;
  if (opts.legacy === 'with') bytes += await writePlainFiles(opts.repoDir, scan.files, 'with', prevSums);

  const delegations = await Promise.all(opts.delegations.map(async (d) => ({ ...d, key: await loadDelegatedKey(opts.keysDir, d.name) })));
  const split = splitTargets([...content.values()], delegations);
  const idle = delegations.find((d) => split.get(d.name)?.length === 0);
  if (idle) {
    throw new UpdopsError(
      'PUBLISH',
      `delegation ${idle.name} (${idle.paths.join(', ')}) covers no file of the content; in TUF patterns each * stays within one path segment (modules/*/* for modules/<application>/<file>)`,
    );
  }
  const written = await writeMetadata({
    repoDir: opts.repoDir,
    keys,
    previousRoot: await loadPreviousRootKey(opts.keysDir),
    delegations,
    version,
    previous,
    targets: [...content.values(), ...deltas.targets],
    now: opts.now,
    expiresMs: opts.expiresMs,
  });
  bytes += written.bytes;

  // After the switch: the old-scheme list, then removal of what nothing references any more.
  if (opts.legacy === 'with') bytes += await writeSums(opts.repoDir, scan.files, opts.published);
  await removeStalePlainFiles(opts.repoDir, prevSums, opts.legacy === 'with' ? scan : undefined);
  const current = await readOldTargets(opts.repoDir, version);
  if (current) await pruneRepository(opts.repoDir, current, retainedVersions(opts.deltas));

  const { changed, removed } = diffPaths(previousHashes(previous?.targets), scan);
  return { version, targets: scan.files.length, changed, removed, deltas: deltas.targets.length, bytes };
}

async function publishLegacyOnly(opts: NormalizedOptions, scan: ContentScan): Promise<PublishResult> {
  if (await exists(path.join(opts.repoDir, METADATA_DIR, 'timestamp.json'))) {
    throw new UpdopsError(
      'PUBLISH',
      `${opts.repoDir} already holds a TUF repository; --legacy-only would leave its metadata stale (use --with-legacy, or a new folder)`,
    );
  }
  const prevSums = await readSums(opts.repoDir);
  let bytes = await writePlainFiles(opts.repoDir, scan.files, 'only', prevSums);
  bytes += await writeSums(opts.repoDir, scan.files, opts.published);
  await removeStalePlainFiles(opts.repoDir, prevSums, scan);
  const { changed, removed } = diffPaths(prevSums?.files ?? new Map(), scan);
  return { version: 0, targets: scan.files.length, changed, removed, deltas: 0, bytes };
}

async function readPrevious(repoDir: string): Promise<RepositoryState | undefined> {
  try {
    return await readRepositoryState(repoDir);
  } catch (error) {
    const detail = isUpdopsError(error) ? error.toLine() : (error as Error).message;
    throw new UpdopsError('PUBLISH', `cannot read the current version of ${repoDir} to publish the next one: ${detail}`, { cause: error });
  }
}

/** Targets metadata of versions V-1, V-2, … (newest first), as far as the folder still has them. */
async function readHistory(repoDir: string, previous: RepositoryState | undefined, count: number) {
  const history: (Metadata<Targets> | undefined)[] = [];
  if (!previous) return history;
  history.push(previous.targets);
  for (let v = previous.version - 1; history.length < count && v >= 1; v--) history.push(await readOldTargets(repoDir, v));
  return history;
}

function previousHashes(targets: Metadata<Targets> | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const [p, t] of Object.entries(targets?.signed.targets ?? {})) {
    if (!isDeltaPath(p) && t.hashes.sha256) map.set(p, t.hashes.sha256);
  }
  return map;
}

function diffPaths(before: Map<string, string>, scan: ContentScan): { changed: string[]; removed: string[] } {
  const now = new Set(scan.files.map((f) => f.path));
  const changed = scan.files.filter((f) => before.get(f.path) !== f.sha256).map((f) => f.path);
  const removed = [...before.keys()].filter((p) => !now.has(p)).sort();
  return { changed, removed };
}

/** Plain files the previous SHA256SUMS listed that the new one does not (all of them when it is dropped). */
async function removeStalePlainFiles(repoDir: string, prevSums: LegacySums | undefined, scan: ContentScan | undefined) {
  if (!prevSums) return;
  const keep = new Set(scan?.files.map((f) => f.path) ?? []);
  await removePlainFiles(repoDir, [...prevSums.files.keys()].filter((p) => !keep.has(p) && !isReserved(p)));
  if (!scan) await removePlainFiles(repoDir, ['SHA256SUMS']);
}

/** Never let an old list make us delete the repository's own folders. */
function isReserved(p: string): boolean {
  const first = p.split('/')[0] ?? '';
  return first === 'metadata' || first === 'targets' || first === 'SHA256SUMS' || first.startsWith('.');
}
