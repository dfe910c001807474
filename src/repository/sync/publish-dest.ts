/**
 * The atomic switch of a mirror (docs/design.md 3, docs/repository-format.md "Atomic switch"):
 * target files are already renamed in under content-addressed names; now the metadata, copied
 * byte for byte as signed, goes in by temp+rename — roots, every N.<role>.json, N.snapshot.json,
 * root.json, and last timestamp.json. Until that last rename a reader sees the previous
 * complete version. Afterwards, files neither version references are removed.
 */
import { copyFile, readdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { tempNameFor, writeFileAtomic } from '../../util/index.js';
import type { TufSession } from './client-session.js';
import { storedHash } from './dest-state.js';
import type { TargetEntry } from './dest-state.js';
import { checkTargetPath, destPaths, targetRelPath, toLocal } from './paths.js';
import { roleFile } from './remote-metadata.js';

/** The one atomic write (src/util): temp file, fsync, rename, fsync of the folder. */
export const writeAtomic = writeFileAtomic;

export interface MirrorFiles {
  /** File name → bytes, in write order; `timestamp.json` last. */
  writes: [string, Buffer][];
  /** The versioned metadata names of this version (kept by the next sweep). */
  versioned: string[];
  /** Earliest expiry of the delegated roles (the top-level ones are read back from the files). */
  expires: Date;
  consistent: boolean;
}

/**
 * Every verified role, under the names the repository used (docs/repository-format.md), so
 * python-tuf, tuf-js and updops clients all read a DP as they read the source: all roots by
 * version, each targets role as `N.<role>.json`, the snapshot, then `root.json` and last
 * `timestamp.json`. A source without consistent snapshots is read by plain names, so those are
 * written too (and the versioned ones stay for our own reading, dest-state.ts).
 */
export function mirrorFiles(session: TufSession, olderRoots: Map<number, Buffer>, olderTargets: [string, Buffer][] = []): MirrorFiles {
  const consistent = session.root.signed.consistentSnapshot;
  const writes: [string, Buffer][] = [...olderRoots, ...session.roots].map(([v, bytes]) => [`${v}.root.json`, bytes]);
  const versioned: string[] = [];
  let expires = Infinity;
  const add = (role: string, version: number, bytes: Buffer): void => {
    writes.push([roleFile(role, version), bytes]);
    versioned.push(roleFile(role, version));
    if (!consistent) writes.push([roleFile(role, undefined), bytes]);
  };
  for (const [role, bytes] of session.bytes) {
    if (role === 'root' || role === 'timestamp' || role === 'snapshot') continue;
    const md = session.store.getRole(role);
    if (!md) continue;
    add(role, md.signed.version, bytes);
    expires = Math.min(expires, Date.parse(md.signed.expires));
  }
  // Older targets versions a pinned reader takes (pin.ts): verified there, kept as the publisher signed them.
  for (const [name, bytes] of olderTargets) {
    if (versioned.includes(name)) continue;
    writes.push([name, bytes]);
    versioned.push(name);
  }
  const snapshot = session.bytes.get('snapshot');
  const snapshotVersion = session.store.snapshot?.signed.version;
  if (snapshot && snapshotVersion !== undefined) add('snapshot', snapshotVersion, snapshot);
  const root = session.bytes.get('root');
  const timestamp = session.bytes.get('timestamp');
  if (root) writes.push(['root.json', root]);
  if (timestamp) writes.push(['timestamp.json', timestamp]);
  return { writes, versioned, expires: new Date(Number.isFinite(expires) ? expires : 8.64e15), consistent };
}

export async function switchMetadata(dest: string, files: MirrorFiles): Promise<void> {
  const dir = destPaths(dest).metadata;
  for (const [name, bytes] of files.writes) await writeAtomic(path.join(dir, name), bytes);
}

/**
 * A source without consistent snapshots is read as `targets/<path>`: those names are made from
 * the content-addressed files just before the metadata switch (such a source cannot be
 * switched atomically for its readers anyway, TUF 4.4 `consistent_snapshot`).
 */
export async function placePlainTargets(dest: string, targets: Map<string, TargetEntry>): Promise<void> {
  for (const [name, entry] of targets) {
    const plain = toLocal(dest, ['targets', ...checkTargetPath(name)].join('/'));
    const temp = tempNameFor(plain);
    await copyFile(toLocal(dest, targetRelPath(name, storedHash(entry))), temp);
    await rename(temp, plain);
  }
}

/** Keeps the files of the new and the previous version; returns how many target files went. */
export async function removeUnreferenced(
  dest: string,
  keep: Map<string, TargetEntry>[],
  keepMetadata: string[],
  plainTargets = false,
): Promise<number> {
  const paths = destPaths(dest);
  const keepFiles = new Set<string>();
  for (const map of keep) {
    for (const [name, entry] of map) {
      keepFiles.add(toLocal(dest, targetRelPath(name, storedHash(entry))));
      if (plainTargets) keepFiles.add(toLocal(dest, ['targets', ...checkTargetPath(name)].join('/')));
    }
  }
  const removed = await sweep(paths.targets, (file) => !keepFiles.has(file));
  const keepMeta = new Set(keepMetadata);
  const metaNames = await readdir(paths.metadata).catch(() => [] as string[]);
  for (const name of metaNames) {
    const stale = (/^\d+\..+\.json$/.test(name) && !/^\d+\.root\.json$/.test(name) && !keepMeta.has(name)) || name.includes('.tmp-');
    if (stale) await rm(path.join(paths.metadata, name), { force: true });
  }
  // Indexes of versions neither kept version is.
  const indexDir = path.dirname(paths.index(0));
  for (const name of await readdir(indexDir).catch(() => [] as string[])) {
    if (!keepMeta.has(name.replace(/^(\d+)\.targets\.json$/, '$1.snapshot.json'))) await rm(path.join(indexDir, name), { force: true });
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
