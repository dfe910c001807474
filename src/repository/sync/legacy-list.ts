/**
 * The old scheme's list (docs/repository-format.md "Old scheme"): SHA256SUMS parsed as the sync
 * accepts it, and the sizes a sync saw for the files it holds (`.updops/legacy-sizes.json`):
 * SHA256SUMS names no sizes, and without one a DP's inspection could tell a missing file but
 * not a truncated one without hashing the whole folder. Small and free of the download code, so
 * the planner reads it without loading the sync.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { UpdopsError } from '../../errors.js';
import { writeFileAtomic } from '../../util/index.js';
import { checkTargetPath, destPaths, toLocal } from './paths.js';
import { isSelected, type SelectableTarget, type TargetSelection } from './selection.js';

export interface LegacyList {
  published?: string;
  files: Map<string, string>;
}

/** An old-scheme file, as the selection sees it: no custom data, so never a diff file; its path says the component. */
export const LEGACY_FILE: SelectableTarget = { custom: {} };

export function parseSums(text: string): LegacyList {
  const files = new Map<string, string>();
  let published: string | undefined;
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const meta = /^#\s*published:\s*(\S+)/.exec(line);
    if (meta) published = meta[1];
    if (line.startsWith('#')) continue;
    const match = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line);
    if (!match?.[1] || !match[2]) throw new UpdopsError('LEGACY_MISMATCH', `SHA256SUMS line ${index + 1} is not "<sha256>  <path>"`);
    try {
      checkTargetPath(match[2]);
    } catch {
      throw new UpdopsError('TUF_PATH', `SHA256SUMS line ${index + 1}: path ${JSON.stringify(match[2])} escapes the repository; refused`);
    }
    files.set(match[2], match[1].toLowerCase());
  }
  return { ...(published ? { published } : {}), files };
}

interface LegacySizes {
  /** sha256 of the SHA256SUMS these sizes belong to: sizes of another list say nothing. */
  sums: string;
  sizes: Record<string, number>;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** After the files are in place, before SHA256SUMS: the size of every selected file the list names. */
export async function writeLegacySizes(dest: string, sumsBytes: Buffer, list: LegacyList, selection: TargetSelection): Promise<void> {
  const sizes: Record<string, number> = {};
  for (const name of list.files.keys()) {
    if (!isSelected(name, LEGACY_FILE, selection)) continue;
    const size = await stat(toLocal(dest, name)).then((s) => s.size, () => undefined);
    if (size !== undefined) sizes[name] = size;
  }
  const doc: LegacySizes = { sums: sha256(sumsBytes), sizes };
  await writeFileAtomic(destPaths(dest).legacySizes, `${JSON.stringify(doc)}\n`);
}

/** The sizes recorded for exactly these SHA256SUMS bytes, or an empty map (a folder synced before sizes were kept). */
export async function readLegacySizes(dest: string, sumsBytes: Buffer): Promise<Map<string, number>> {
  try {
    const doc = JSON.parse(await readFile(destPaths(dest).legacySizes, 'utf8')) as LegacySizes;
    if (doc.sums !== sha256(sumsBytes)) return new Map();
    return new Map(Object.entries(doc.sizes).filter((e): e is [string, number] => typeof e[1] === 'number'));
  } catch {
    return new Map();
  }
}
