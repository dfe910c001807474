/**
 * The atomic switch of a mirror (docs/design.md 3, docs/repository-format.md "Atomic switch"):
 * target files are already renamed in under content-addressed names; now the metadata, copied
 * byte for byte as signed, goes in by temp+rename — roots, N.targets.json, N.snapshot.json,
 * root.json, and last timestamp.json. Until that last rename a reader sees the previous
 * complete version. Afterwards, files neither version references are removed.
 */
import { readdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../util/index.js';
import type { VerifiedMetadata } from './metadata.js';
import { destPaths, targetRelPath, toLocal } from './paths.js';
import type { TargetEntry } from './dest-state.js';

export async function switchMetadata(dest: string, verified: VerifiedMetadata, olderRoots: Map<number, Buffer>): Promise<void> {
  const dir = destPaths(dest).metadata;
  for (const [version, bytes] of [...olderRoots, ...verified.roots]) {
    await writeFileAtomic(path.join(dir, `${version}.root.json`), bytes);
  }
  await writeFileAtomic(path.join(dir, `${verified.targetsVersion}.targets.json`), verified.targetsBytes);
  await writeFileAtomic(path.join(dir, `${verified.snapshotVersion}.snapshot.json`), verified.snapshot);
  const newest = verified.roots.get(verified.rootVersion);
  if (newest) await writeFileAtomic(path.join(dir, 'root.json'), newest);
  await writeFileAtomic(path.join(dir, 'timestamp.json'), verified.timestamp);
}

/** Keeps the files of the new and the previous version; returns how many target files went. */
export async function removeUnreferenced(
  dest: string,
  keep: Map<string, TargetEntry>[],
  keepMetadataVersions: { snapshot: number[]; targets: number[] },
): Promise<number> {
  const paths = destPaths(dest);
  const keepFiles = new Set<string>();
  for (const map of keep) {
    for (const [name, entry] of map) keepFiles.add(toLocal(dest, targetRelPath(name, entry.sha256)));
  }
  const removed = await sweep(paths.targets, (file) => !keepFiles.has(file));
  const keepMeta = new Set([
    ...keepMetadataVersions.snapshot.map((v) => `${v}.snapshot.json`),
    ...keepMetadataVersions.targets.map((v) => `${v}.targets.json`),
  ]);
  const metaNames = await readdir(paths.metadata).catch(() => [] as string[]);
  for (const name of metaNames) {
    const stale = (/^\d+\.(snapshot|targets)\.json$/.test(name) && !keepMeta.has(name)) || name.includes('.tmp-');
    if (stale) await rm(path.join(paths.metadata, name), { force: true });
  }
  // Partials left after a successful sync belong to versions nobody wants any more.
  await rm(paths.partial, { recursive: true, force: true });
  return removed;
}

async function sweep(dir: string, remove: (file: string) => boolean): Promise<number> {
  let count = 0;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      count += await sweep(full, remove);
      await rmdir(full).catch(() => undefined);
    } else if (remove(full)) {
      await rm(full, { force: true });
      if (!entry.name.includes('.tmp-')) count += 1;
    }
  }
  return count;
}
