/**
 * Removal after the switch (docs/repository-format.md "Atomic switch", "Retention"): files no
 * version in the retention window references go, so a reader still on the previous version
 * keeps its files, and the next publish still finds the bases its deltas need.
 */
import { opendir, readdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import type { Metadata, Targets } from '@tufjs/models';
import { TEMP_PREFIX } from './files.js';
import { METADATA_DIR, TARGETS_DIR, readOldTargets, targetFileRelPath } from './local-repository.js';

/** How many versions (the new one included) keep their metadata and files. */
export function retainedVersions(deltas: number): number {
  return Math.max(2, deltas);
}

export interface PruneResult {
  removedFiles: number;
}

export async function pruneRepository(
  repoDir: string,
  current: Metadata<Targets>,
  keep: number,
): Promise<PruneResult> {
  const version = current.signed.version;
  const window = new Set<number>();
  for (let v = version; v > version - keep && v >= 1; v--) window.add(v);

  const referenced = new Set<string>();
  for (const v of window) {
    const md = v === version ? current : await readOldTargets(repoDir, v);
    for (const t of Object.values(md?.signed.targets ?? {})) {
      const sha = t.hashes.sha256;
      if (sha) referenced.add(path.join(repoDir, targetFileRelPath(t.path, sha)));
    }
  }
  let removedFiles = await pruneMetadata(path.join(repoDir, METADATA_DIR), window);
  removedFiles += await pruneTree(path.join(repoDir, TARGETS_DIR), referenced);
  return { removedFiles };
}

/** Old `N.snapshot.json` / `N.targets.json` / `N.<delegated role>.json` and leftover temp files; roots are kept (clients walk them). */
async function pruneMetadata(dir: string, window: Set<number>): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const versioned = /^(\d+)\.(.+)\.json$/.exec(name);
    if ((versioned && versioned[2] !== 'root' && !window.has(Number(versioned[1]))) || name.startsWith(TEMP_PREFIX)) {
      await rm(path.join(dir, name), { force: true });
      removed++;
    }
  }
  return removed;
}

/** Everything under targets/ is ours: unreferenced files go, then empty folders. */
async function pruneTree(dir: string, keep: Set<string>): Promise<number> {
  let removed = 0;
  let handle;
  try {
    handle = await opendir(dir);
  } catch {
    return 0;
  }
  for await (const entry of handle) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      removed += await pruneTree(file, keep);
      await rmdir(file).catch(() => undefined); // only succeeds when empty
    } else if (!keep.has(file)) {
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}

/** Removes plain (old-scheme) files no longer listed, and folders that became empty. */
export async function removePlainFiles(repoDir: string, paths: Iterable<string>): Promise<void> {
  for (const p of paths) {
    const segments = p.split('/');
    await rm(path.join(repoDir, ...segments), { force: true });
    for (let i = segments.length - 1; i > 0; i--) {
      const parent = path.join(repoDir, ...segments.slice(0, i));
      if ((await readdir(parent).catch(() => ['x'])).length > 0) break;
      await rmdir(parent).catch(() => undefined);
    }
  }
}
