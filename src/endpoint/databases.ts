/**
 * The databases part of an update (docs/design.md 1 "Type Update"; seed: "During an update, the
 * application modules and databases on your device are compared with the up-to-date version at
 * the update source … the missing portions of the updates will be installed").
 * `ROOT/bases/` is a TUF mirror restricted to the `databases` component: it keeps the signed
 * metadata, so it can be re-verified at any time. A run syncs into a staging copy seeded with
 * hard links of the installed set (only missing/changed files, or their diff files, move), then
 * switches atomically; on any failure the installed set is left byte-identical.
 */
import path from 'node:path';
import { DATABASES_COMPONENT, readLocalRepository, releaseOf } from '../repository/index.js';
import { syncRepository } from '../repository/index.js';
import type { BandwidthLimit, SourceSpec, SyncProgress, SyncResult } from '../repository/index.js';
import { exists } from './fs-util.js';
import { deviceLayout } from './layout.js';
import { discardStaging, prepareStaging, recoverSet, switchSet } from './staged-set.js';
import type { StagedSet } from './staged-set.js';
import { sha256OfFile } from '../util/index.js';

export { DATABASES_COMPONENT };

export interface InstalledDatabases {
  /** The repository version the set came from. */
  repositoryVersion: number;
  /** `custom.version` of the databases targets (else the repository version). */
  version: string;
  /** Release time (`custom.published`), used for freshness. */
  published?: string;
  files: number;
}

export function basesSet(root: string): StagedSet {
  const layout = deviceLayout(root);
  return {
    live: layout.bases,
    previous: layout.basesPrevious,
    stagingRoot: layout.staging,
    prefix: 'bases',
    skip: (rel) => rel === '.updops/partial',
    carryOver: '.updops/partial',
  };
}

/**
 * What is installed, from the set's own signed metadata (signatures checked); undefined = without
 * databases. Read-only: between the two switch renames the set is read from `bases.previous`.
 */
export async function readInstalledDatabases(root: string): Promise<InstalledDatabases | undefined> {
  const layout = deviceLayout(root);
  const dir = (await exists(layout.bases)) ? layout.bases : layout.basesPrevious;
  const repo = await readLocalRepository(dir).catch(() => undefined);
  if (!repo) return undefined;
  const dbs = [...repo.targets].filter(([name]) => name.split('/')[0] === DATABASES_COMPONENT);
  if (dbs.length === 0) return undefined;
  const custom = dbs[0]?.[1].custom ?? {};
  const published = typeof custom.published === 'string' ? custom.published : repo.published;
  return {
    repositoryVersion: repo.version,
    // The same name a DP reports for the release it holds (a delta target carries none).
    version: releaseOf(new Map(dbs), repo.version),
    ...(published ? { published } : {}),
    files: dbs.length,
  };
}

export interface DatabasesUpdate {
  sync: SyncResult;
  installed: InstalledDatabases | undefined;
}

export interface DatabasesOptions {
  sources: SourceSpec[];
  diffs: boolean;
  trustRoot?: string | undefined;
  concurrency?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: SyncProgress) => void) | undefined;
  /** The task's cap on this device's downloads (`bandwidth`). */
  bandwidth?: BandwidthLimit | undefined;
  /** Ignore every cap (`urgent`). */
  urgent?: boolean | undefined;
  /** The ring's pinned version (`spec.version`): the databases (and modules) of that release, an older one if need be. */
  pin?: string | undefined;
}

/** The cap options of one device sync. */
export function capOptions(options: Pick<DatabasesOptions, 'bandwidth' | 'urgent'>): { bandwidth?: BandwidthLimit; urgent?: boolean } {
  return { ...(options.bandwidth ? { bandwidth: options.bandwidth } : {}), ...(options.urgent ? { urgent: true } : {}) };
}

/** Stage → sync (databases only) → switch. Throws on failure; the installed set is then untouched. */
export async function updateDatabases(root: string, options: DatabasesOptions): Promise<DatabasesUpdate> {
  const set = basesSet(root);
  await recoverSet(set);
  const staging = await prepareStaging(set);
  try {
    const sync = await syncRepository(
      {
        sources: options.sources,
        dest: staging,
        components: [DATABASES_COMPONENT],
        diffs: options.diffs,
        ...(options.trustRoot ? { trustRoot: options.trustRoot } : {}),
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.pin !== undefined ? { pin: options.pin } : {}),
        ...capOptions(options),
      },
      options.signal,
    );
    options.signal?.throwIfAborted();
    if (sync.changed || !(await exists(set.live))) await switchSet(set, staging);
    else await discardStaging(staging);
    return { sync, installed: await readInstalledDatabases(root) };
  } catch (error) {
    await discardStaging(staging).catch(() => undefined);
    throw error;
  }
}

/** Re-verifies the installed set end to end: signed metadata, then every databases file's length and sha256. */
export async function verifyInstalledDatabases(root: string): Promise<string[]> {
  const bases = deviceLayout(root).bases;
  let repo;
  try {
    repo = await readLocalRepository(bases);
  } catch (error) {
    return [(error as Error).message];
  }
  if (!repo) return ['no databases installed'];
  const problems: string[] = [];
  for (const [name, target] of repo.targets) {
    if (name.split('/')[0] !== DATABASES_COMPONENT) continue;
    const dir = path.posix.dirname(name);
    const file = path.join(bases, 'targets', ...dir.split('/'), `${target.sha256}.${path.posix.basename(name)}`);
    const digest = await sha256OfFile(file);
    if (digest !== target.sha256) problems.push(`${name}: ${digest ? 'sha256 mismatch' : 'missing'}`);
  }
  return problems;
}

