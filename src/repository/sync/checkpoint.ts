/**
 * What a cancelled sync leaves behind (docs/architecture.md "Runs", cancel): nothing. A sync that
 * fails on its own keeps what it fetched (whole targets under their content hash, partial
 * downloads to resume, the metadata it verified) so the next one goes faster; a sync stopped on
 * purpose — its AbortSignal aborted — puts the destination back as it was before it started,
 * `.updops/` included: every file it added is removed, the engine's own state files are restored
 * byte for byte, a partial download it extended is cut back to its old length.
 *
 * Before the sync the tree is listed once (names, sizes) and the engine's small state files
 * under `.updops/` (trusted metadata, ETags, target indexes — never the partial downloads) are
 * read into memory; served files are never rewritten before a sync completes (files first,
 * metadata last), so they need no copy.
 */
import { readdir, readFile, rmdir, rm, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../util/index.js';

const ENGINE = '.updops';
const PARTIAL = path.join(ENGINE, 'partial');

export interface DestCheckpoint {
  /** Puts the destination back as it was when the checkpoint was taken. */
  restore(): Promise<void>;
}

interface Listing {
  files: Map<string, number>;
  dirs: Set<string>;
}

async function list(root: string): Promise<Listing> {
  const out: Listing = { files: new Map(), dirs: new Set() };
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(root, rel), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const child = rel ? path.join(rel, entry.name) : entry.name;
      if (entry.isDirectory()) {
        out.dirs.add(child);
        await walk(child);
      } else {
        out.files.set(child, (await stat(path.join(root, child)).catch(() => undefined))?.size ?? 0);
      }
    }
  };
  await walk('');
  return out;
}

const isEngineState = (rel: string): boolean => rel.startsWith(`${ENGINE}${path.sep}`) && !rel.startsWith(`${PARTIAL}${path.sep}`);
const isPartial = (rel: string): boolean => rel.startsWith(`${PARTIAL}${path.sep}`);

export async function checkpointDest(dest: string): Promise<DestCheckpoint> {
  const before = await list(dest);
  const saved = new Map<string, Buffer>();
  for (const rel of before.files.keys()) {
    if (!isEngineState(rel)) continue;
    const bytes = await readFile(path.join(dest, rel)).catch(() => undefined);
    if (bytes) saved.set(rel, bytes);
  }
  return {
    restore: async () => {
      const now = await list(dest);
      for (const [rel, size] of now.files) {
        const full = path.join(dest, rel);
        const old = before.files.get(rel);
        if (old === undefined) await rm(full, { force: true });
        else if (isPartial(rel) && size > old) await truncate(full, old);
      }
      for (const [rel, bytes] of saved) {
        const full = path.join(dest, rel);
        const current = await readFile(full).catch(() => undefined);
        if (!current?.equals(bytes)) await writeFileAtomic(full, bytes);
      }
      // Folders the sync made, deepest first; only empty ones go.
      for (const rel of [...now.dirs].filter((d) => !before.dirs.has(d)).sort((a, b) => b.length - a.length)) {
        await rmdir(path.join(dest, rel)).catch(() => undefined);
      }
    },
  };
}
