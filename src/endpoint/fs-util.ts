/** Small file helpers for the device side: atomic writes, tree links, existence. */
import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function exists(file: string): Promise<boolean> {
  return readdir(path.dirname(file)).then(
    (names) => names.includes(path.basename(file)),
    () => false,
  );
}

/** temp + rename: a reader sees the old or the new file, never half of one. */
export async function writeFileAtomic(file: string, data: string | Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Mirrors `from` into `to` with hard links (copies where links are refused), skipping what
 * `skip` names (relative, `/`-separated). The sync engine only ever replaces files by rename,
 * so a linked file in the copy is never written through.
 */
export async function linkTree(from: string, to: string, skip: (rel: string) => boolean = () => false, rel = ''): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const sub = rel ? `${rel}/${entry.name}` : entry.name;
    if (skip(sub)) continue;
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) await linkTree(src, dst, skip, sub);
    else if (entry.isFile()) await link(src, dst).catch(() => copyFile(src, dst));
  }
}
