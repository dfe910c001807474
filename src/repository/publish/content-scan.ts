/**
 * Reads a content folder into the list of targets to publish (docs/repository-format.md
 * "New scheme": target path = `<component>/<application>/<file…>` relative to the folder).
 */
import { opendir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { UpdopsError } from '../../errors.js';
import { hashFile } from './files.js';

export interface ContentFile {
  /** Target path, `/`-separated, relative to the content folder. */
  path: string;
  /** Absolute path of the file on disk. */
  file: string;
  length: number;
  sha256: string;
  component: string;
  application: string;
}

export interface ContentScan {
  files: ContentFile[];
  /** `<component>/<application>` → the one-line VERSION file's text. */
  versions: Map<string, string>;
}

/** First segments that would collide with the repository's own folders (or hidden files). */
export const RESERVED_FIRST_SEGMENTS = ['metadata', 'targets', 'deltas'] as const;
/**
 * Characters refused in names: URL-special ones (a target path becomes a URL path as is),
 * and ones Windows DPs cannot store (docs/design.md 1: download tasks run on Windows DPs).
 */
const FORBIDDEN_CHARS = /[\\:*?"<>|%#]/;
const hasControlChar = (s: string): boolean => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
const HASH_CONCURRENCY = 4;

export function checkTargetPath(targetPath: string): string | undefined {
  const segments = targetPath.split('/');
  const first = segments[0] ?? '';
  if ((RESERVED_FIRST_SEGMENTS as readonly string[]).includes(first) || first.startsWith('.')) {
    return `"${first}" is reserved and cannot be the first folder of a content path (${targetPath})`;
  }
  if (segments.length < 3) {
    return `${targetPath} must sit at <component>/<application>/<file>, e.g. databases/kes/daily.avc`;
  }
  const bad = segments.find((s) => s === '' || s === '.' || s === '..' || FORBIDDEN_CHARS.test(s) || hasControlChar(s) || /[. ]$/.test(s));
  if (bad !== undefined) {
    return `unsupported name "${bad}" in ${targetPath} (no control characters, \\ : * ? " < > | % #, nor a trailing dot or space)`;
  }
  return undefined;
}

export async function scanContent(contentDir: string): Promise<ContentScan> {
  let rootStat;
  try {
    rootStat = await stat(contentDir);
  } catch (error) {
    throw new UpdopsError('PUBLISH', `content directory ${contentDir} does not exist`, { cause: error });
  }
  if (!rootStat.isDirectory()) throw new UpdopsError('PUBLISH', `content path ${contentDir} is not a directory`);

  const found: { path: string; file: string }[] = [];
  const versionFiles: { key: string; file: string }[] = [];
  await walk(contentDir, [], new Set([await realpath(contentDir)]), found, versionFiles);
  if (found.length === 0) {
    throw new UpdopsError('PUBLISH', `content directory ${contentDir} has no files to publish`);
  }
  const problems = found.map((f) => checkTargetPath(f.path)).filter((p): p is string => p !== undefined);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new UpdopsError('PUBLISH', `${problems[0]}${more}`);
  }

  const limit = pLimit(HASH_CONCURRENCY);
  const files = await Promise.all(
    found.map((f) =>
      limit(async (): Promise<ContentFile> => {
        const { sha256, length } = await hashFile(f.file);
        const [component = '', application = ''] = f.path.split('/');
        return { ...f, sha256, length, component, application };
      }),
    ),
  );
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const versions = new Map<string, string>();
  for (const v of versionFiles) versions.set(v.key, await readVersionFile(v.file));
  return { files, versions };
}

/** Recursive walk; follows symlinks (content folders are often assembled from links) but not in cycles. */
async function walk(
  dir: string,
  rel: string[],
  seen: Set<string>,
  found: { path: string; file: string }[],
  versionFiles: { key: string; file: string }[],
): Promise<void> {
  for await (const entry of await opendir(dir)) {
    const file = path.join(dir, entry.name);
    const parts = [...rel, entry.name];
    let kind = entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : 'other';
    if (entry.isSymbolicLink()) {
      const target = await stat(file).catch(() => undefined);
      kind = target?.isDirectory() ? 'dir' : target?.isFile() ? 'file' : 'other';
    }
    if (kind === 'dir') {
      const real = await realpath(file);
      if (seen.has(real)) throw new UpdopsError('PUBLISH', `symlink loop in content directory at ${file}`);
      await walk(file, parts, new Set([...seen, real]), found, versionFiles);
    } else if (kind === 'file') {
      if (parts.length === 3 && entry.name === 'VERSION') versionFiles.push({ key: parts.slice(0, 2).join('/'), file });
      else found.push({ path: parts.join('/'), file });
    } else {
      throw new UpdopsError('PUBLISH', `${file} is neither a regular file nor a directory (broken symlink?)`);
    }
  }
}

async function readVersionFile(file: string): Promise<string> {
  const text = (await readFile(file, 'utf8')).trim();
  if (text === '' || text.includes('\n') || text.length > 100) {
    throw new UpdopsError('PUBLISH', `${file} must hold one line of at most 100 characters (the application's version)`);
  }
  return text;
}
