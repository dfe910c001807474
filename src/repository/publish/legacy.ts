/**
 * Old scheme (docs/design.md 3, docs/repository-format.md "Old scheme"): an unsigned coreutils
 * `SHA256SUMS` at the repository root with a `# published:` line, and the plain content files
 * it lists at their content paths.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UpdopsError } from '../../errors.js';
import type { ContentFile } from './content-scan.js';
import { copyVerified, linkOrCopy, writeFileAtomic } from './files.js';
import { targetFileRelPath } from './local-repository.js';

export const SUMS_FILE = 'SHA256SUMS';

export interface LegacySums {
  published?: string;
  files: Map<string, string>;
}

export function formatSums(files: { path: string; sha256: string }[], published: string): string {
  const lines = [...files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => `${f.sha256}  ${f.path}`);
  return `# published: ${published}\n${lines.join('\n')}\n`;
}

/** A listed path must stay inside the repository (a tampered list must not make us touch other files). */
export function isSafeListedPath(p: string): boolean {
  return p !== '' && !p.startsWith('/') && !/^[a-zA-Z]:/.test(p) && !p.includes('\\') && !p.includes('\0') &&
    p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

/** Reads the repository's SHA256SUMS (two-space or ` *` binary form), or undefined when absent. */
export async function readSums(repoDir: string): Promise<LegacySums | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(repoDir, SUMS_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const files = new Map<string, string>();
  let published: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const comment = /^#\s*published:\s*(\S+)\s*$/.exec(line);
    if (comment) published = comment[1];
    const entry = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line);
    if (entry && isSafeListedPath(entry[2]!)) files.set(entry[2]!, entry[1]!.toLowerCase());
  }
  return published === undefined ? { files } : { published, files };
}

/**
 * Puts each content file at its plain path. Beside a TUF repository (`with`) these are hard
 * links to the target files; alone (`only`) they are copies of the content. Unchanged files
 * (same hash listed before, file present with the right size) are left alone. Returns bytes copied.
 */
export async function writePlainFiles(
  repoDir: string,
  files: ContentFile[],
  mode: 'with' | 'only',
  previous: LegacySums | undefined,
): Promise<number> {
  let bytes = 0;
  for (const f of files) {
    const plain = path.join(repoDir, ...f.path.split('/'));
    if (mode === 'with') {
      bytes += await linkOrCopy(path.join(repoDir, targetFileRelPath(f.path, f.sha256)), plain);
      continue;
    }
    const present = await stat(plain).catch(() => undefined);
    if (previous?.files.get(f.path) === f.sha256 && present?.isFile() && present.size === f.length) continue;
    if (!(await copyVerified(f.file, plain, f.sha256))) {
      throw new UpdopsError('PUBLISH', `${f.file} changed while it was being published; publish again once the content folder is stable`);
    }
    bytes += f.length;
  }
  return bytes;
}

export async function writeSums(repoDir: string, files: ContentFile[], published: string): Promise<number> {
  const text = formatSums(files, published);
  await writeFileAtomic(path.join(repoDir, SUMS_FILE), text);
  return Buffer.byteLength(text);
}
