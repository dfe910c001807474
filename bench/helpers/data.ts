/**
 * Bench data for `bench/sync.ts`: a content folder of pseudo-random files, cached under
 * `bench/.data/` keyed by the scale so reruns skip generation, plus hard-link helpers that
 * put a cached version in place the way a publisher would (files first, metadata last).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface DataFile {
  /** Content-relative path: `<component>/<application>/<file>`. */
  rel: string;
  size: number;
}

const MB = 1024 * 1024;
const FILES = 500;
const BIG = 8;
const CHUNK = 4 * MB;

/** A small deterministic PRNG (mulberry32): the same sizes and paths every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 500 files, ~1 GB at scale 1: eight of 50–100 MB, the rest 10 KB–2 MB (skewed small). */
export function plan(scale: number): DataFile[] {
  const rnd = prng(42);
  const components = ['databases', 'modules', 'components', 'applications'];
  const out: DataFile[] = [];
  for (let i = 0; i < FILES; i++) {
    const big = i < BIG;
    const bytes = big ? 50 * MB + rnd() * 50 * MB : 10 * 1024 + rnd() ** 1.5 * 2 * MB;
    const component = components[i % components.length]!;
    const rel = `${component}/app${i % 23}/${big ? 'base' : 'file'}-${i}.bin`;
    out.push({ rel, size: Math.max(1, Math.round(bytes * scale)) });
  }
  return out;
}

export const totalBytes = (files: DataFile[]): number => files.reduce((n, f) => n + f.size, 0);

/** Writes the files that are missing or the wrong size; returns how many were (re)generated. */
export async function ensureContent(dir: string, files: DataFile[]): Promise<number> {
  let made = 0;
  for (const file of files) {
    const full = path.join(dir, file.rel);
    const have = await stat(full).then((s) => s.size, () => -1);
    if (have === file.size) continue;
    await mkdir(path.dirname(full), { recursive: true });
    const temp = `${full}.tmp`;
    await writeFile(temp, '');
    for (let left = file.size; left > 0; left -= CHUNK) await appendFile(temp, randomBytes(Math.min(CHUNK, left)));
    await rename(temp, full);
    made++;
  }
  return made;
}

/**
 * v2 of the content: hard links to v1 except `changed`, which are copies with 1% appended.
 * Returns the appended bytes.
 */
export async function makeV2(v1: string, v2: string, changed: DataFile[]): Promise<number> {
  await rm(v2, { recursive: true, force: true });
  await linkTree(v1, v2);
  let appended = 0;
  for (const file of changed) {
    const full = path.join(v2, file.rel);
    const bytes = await readFile(full);
    await rm(full);
    const extra = randomBytes(Math.max(1, Math.round(file.size / 100)));
    await writeFile(full, Buffer.concat([bytes, extra]));
    appended += extra.length;
  }
  return appended;
}

/** Every file of `src` hard-linked into `dst` (same layout), replacing by rename. */
export async function linkTree(src: string, dst: string, skip: (rel: string) => boolean = () => false, rel = ''): Promise<void> {
  await mkdir(path.join(dst, rel), { recursive: true });
  for (const entry of await readdir(path.join(src, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) await linkTree(src, dst, skip, child);
    else if (entry.isFile() && !skip(child)) await linkReplace(path.join(src, child), path.join(dst, child));
  }
}

async function linkReplace(from: string, to: string): Promise<void> {
  const temp = `${path.dirname(to)}/.tmp-link-${path.basename(to)}`;
  await rm(temp, { force: true });
  await link(from, temp);
  await rename(temp, to);
}

/**
 * Puts a published repository version in place in a live (served) folder: targets first,
 * then versioned metadata, then root.json and last timestamp.json, as the publisher does.
 */
export async function switchRepo(src: string, live: string): Promise<void> {
  await linkTree(src, live, (rel) => rel.startsWith('metadata/'));
  const last = ['root.json', 'timestamp.json'];
  await linkTree(path.join(src, 'metadata'), path.join(live, 'metadata'), (rel) => last.includes(rel));
  for (const name of last) await linkReplace(path.join(src, 'metadata', name), path.join(live, 'metadata', name));
}

/** Bench-local cache marker: regenerated published repos once metadata would be near expiry. */
export async function freshMarker(file: string, maxAgeDays: number): Promise<boolean> {
  if (!existsSync(file)) return false;
  const made = Number(await readFile(file, 'utf8'));
  return Date.now() - made < maxAgeDays * 86_400_000;
}

export const writeMarker = (file: string): Promise<void> => writeFile(file, String(Date.now()));
