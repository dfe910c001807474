/** Small file helpers for the device side: tree links, existence (atomic writes are the shared one in util). */
import { copyFile, link, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';

export async function exists(file: string): Promise<boolean> {
  return readdir(path.dirname(file)).then(
    (names) => names.includes(path.basename(file)),
    () => false,
  );
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
