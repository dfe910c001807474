/**
 * Old scheme (docs/design.md 3, docs/repository-format.md "Old scheme"): SHA256SUMS lists plain
 * files with their sha256. Unsigned, so it is used only when asked (`legacy`). Files are
 * fetched to temp names, verified, renamed into place; SHA256SUMS goes in last.
 */
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import type { Transport } from '../transport/index.js';
import { downloadFile } from './download.js';
import { settleAll } from './fetch-targets.js';
import { destPaths, toLocal } from './paths.js';
import { LEGACY_FILE, parseSums, writeLegacySizes } from './legacy-list.js';
import { writeFileAtomic } from '../../util/index.js';
import type { SourceOutcome, SyncContext } from './types.js';
import { isSelected } from './selection.js';
import { sha256OfFile } from '../../util/index.js';

export async function syncLegacy(transport: Transport, ctx: SyncContext, sumsBytes: Buffer): Promise<SourceOutcome> {
  const next = parseSums(sumsBytes.toString('utf8'));
  const sumsFile = path.join(ctx.dest, 'SHA256SUMS');
  const previousBytes = await readFile(sumsFile).catch(() => undefined);
  const previous = previousBytes ? parseSums(previousBytes.toString('utf8')).files : new Map<string, string>();
  const staging = path.join(destPaths(ctx.dest).partial, 'legacy');
  const todo: [string, string][] = [];
  for (const [name, sha] of next.files) {
    if (!isSelected(name, LEGACY_FILE, ctx)) continue;
    // Unchanged entries are trusted only if the file on disk still has that hash.
    if (previous.get(name) === sha && (await sha256OfFile(toLocal(ctx.dest, name))) === sha) continue;
    todo.push([name, sha]);
  }
  let bytes = 0;
  const limit = pLimit(ctx.concurrency);
  const staged: (readonly [string, string])[] = [];
  await settleAll(
    todo.map(([name, sha]) =>
      limit(async () => {
        ctx.signal?.throwIfAborted();
        const temp = path.join(staging, `${sha}.${path.basename(name)}`);
        await downloadFile(
          transport,
          { rel: name, label: name, length: 0, declaresLength: false, sha256: sha, part: `${temp}.part`, final: temp },
          { retries: ctx.retries, signal: ctx.signal, onBytes: (n) => (bytes += n), mismatchCode: 'LEGACY_MISMATCH' },
        );
        staged.push([name, temp] as const);
      }),
    ),
  );
  ctx.signal?.throwIfAborted();
  for (const [name, temp] of staged) {
    const final = toLocal(ctx.dest, name);
    await mkdir(path.dirname(final), { recursive: true });
    await rename(temp, final);
  }
  // Sizes first, SHA256SUMS last: the list names no sizes, and a DP's inspection needs one to tell a corrupt file.
  await writeLegacySizes(ctx.dest, sumsBytes, next, ctx);
  await writeFileAtomic(sumsFile, sumsBytes);
  let removed = 0;
  for (const name of previous.keys()) {
    if (next.files.has(name) && isSelected(name, LEGACY_FILE, ctx)) continue;
    await rm(toLocal(ctx.dest, name), { force: true });
    removed += 1;
  }
  await rm(staging, { recursive: true, force: true });
  return {
    version: 0,
    changed: todo.length > 0 || removed > 0 || !previousBytes?.equals(sumsBytes),
    files: todo.length,
    bytes,
    deltaFiles: 0,
    deltaBytesSaved: 0,
    removed,
    scheme: 'legacy',
  };
}
