/**
 * Brings every wanted target of the verified version into dest/targets under its
 * content-addressed name (docs/design.md 3): only missing/changed files, bounded concurrency,
 * diff files when the dest holds the base, full file otherwise.
 */
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import type { Transport } from '../transport/index.js';
import { applyDeltaToFile } from './delta.js';
import { hasTarget, storedHash } from './dest-state.js';
import type { TargetEntry } from './dest-state.js';
import { downloadFile } from './download.js';
import type { FileJob } from './download.js';
import { checkTargetPath, destPaths, targetRelPath, toLocal } from './paths.js';
import { isDelta, isSelected } from './selection.js';
import { downloadVerified } from './verified-download.js';
import type { SyncContext } from './types.js';

export interface FetchStats {
  files: number;
  bytes: number;
  deltaFiles: number;
  deltaBytesSaved: number;
}

type Entries = [string, TargetEntry][];

export async function fetchTargets(
  transport: Transport,
  ctx: SyncContext,
  next: Map<string, TargetEntry>,
  previous: Map<string, TargetEntry> | undefined,
  /** The source's root says `consistent_snapshot`: files are fetched as `<hash>.<name>`, else by plain name. */
  consistent = true,
): Promise<FetchStats> {
  const stats: FetchStats = { files: 0, bytes: 0, deltaFiles: 0, deltaBytesSaved: 0 };
  const missing: Entries = [];
  for (const [name, entry] of next) {
    if (isSelected(name, entry, ctx) && !(await hasTarget(ctx.dest, name, entry))) missing.push([name, entry]);
  }
  const deltas = missing.filter(([, e]) => isDelta(e));
  const full = missing.filter(([, e]) => !isDelta(e));
  const progress = { files: 0, filesTotal: missing.length, bytes: 0, bytesTotal: missing.reduce((n, [, e]) => n + e.length, 0) };
  const report = (): void => ctx.onProgress?.({ ...progress });
  const onBytes = (n: number): void => {
    progress.bytes += n;
    stats.bytes += n;
    report();
  };
  const limit = pLimit(ctx.concurrency);
  // Folders already made are shared by every download of this sync (one mkdir per folder).
  const hooks = { retries: ctx.retries, signal: ctx.signal, onBytes, dirs: new Set<string>(), workerMin: ctx.workerMinBytes };
  const done = (): void => {
    progress.files += 1;
    stats.files += 1;
    report();
  };

  // Diff files first, best effort: they only speed things up, a bad one must not fail the sync.
  await settleAll(
    deltas.map(([name, entry]) =>
      limit(async () => {
        try {
          await downloadFile(transport, job(ctx.dest, name, entry, consistent), hooks);
          done();
        } catch (error) {
          if (ctx.signal?.aborted) throw error;
          ctx.warnings.push(`diff file ${name} skipped: ${(error as Error).message}`);
        }
      }),
    ),
  );
  await settleAll(
    full.map(([name, entry]) =>
      limit(async () => {
        ctx.signal?.throwIfAborted();
        const base = previous?.get(name);
        const sha256 = onlySha256(entry);
        const delta = ctx.diffs && base?.sha256 && sha256 ? findDelta(next, name, base.sha256, sha256) : undefined;
        if (!sha256) {
          // Another hash set than sha256 alone: checked in full by verified-download.ts.
          const local = toLocal(ctx.dest, targetRelPath(name, storedHash(entry)));
          const bytes = await downloadVerified(transport, remoteRel(name, entry, consistent), { label: name, ...entry }, local, path.join(destPaths(ctx.dest).partial, `${storedHash(entry)}.part`));
          onBytes(bytes);
        } else if (delta && base && (await fromDelta(ctx, name, entry, base, delta))) {
          stats.deltaFiles += 1;
          stats.deltaBytesSaved += Math.max(0, entry.length - delta[1].length);
        } else {
          await downloadFile(transport, job(ctx.dest, name, entry, consistent), hooks);
        }
        done();
      }),
    ),
  );
  return stats;
}

/**
 * Like Promise.all, but settles only once every download has: a failure (or a cancel) is thrown
 * when nothing is still writing into the destination, so a cancelled sync can put it back.
 */
export async function settleAll(work: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** The sha256 the fast pipeline checks, when it is the only hash listed. */
function onlySha256(entry: TargetEntry): string | undefined {
  const names = Object.keys(entry.hashes);
  return names.length === 1 && names[0] === 'sha256' ? entry.sha256 : undefined;
}

/** Where the source has the file; the mirror itself always stores it content-addressed. */
function remoteRel(name: string, entry: TargetEntry, consistent: boolean): string {
  return consistent ? targetRelPath(name, storedHash(entry)) : ['targets', ...checkTargetPath(name)].join('/');
}

function job(dest: string, name: string, entry: TargetEntry, consistent: boolean): FileJob {
  const rel = targetRelPath(name, storedHash(entry));
  const sha256 = entry.sha256 ?? '';
  return {
    rel: remoteRel(name, entry, consistent),
    label: name,
    length: entry.length,
    declaresLength: true,
    sha256,
    part: path.join(destPaths(dest).partial, `${sha256}.part`),
    final: toLocal(dest, rel),
  };
}

function findDelta(targets: Map<string, TargetEntry>, name: string, base: string, result: string): [string, TargetEntry] | undefined {
  for (const [deltaName, entry] of targets) {
    const d = entry.custom.delta as { target?: unknown; base?: unknown; result?: unknown } | undefined;
    if (d && d.target === name && d.base === base && d.result === result) return [deltaName, entry];
  }
  return undefined;
}

/** Applies a verified diff file to the held base; true only if the result is exactly the target. */
async function fromDelta(ctx: SyncContext, name: string, entry: TargetEntry, base: TargetEntry, delta: [string, TargetEntry]): Promise<boolean> {
  const deltaFile = toLocal(ctx.dest, targetRelPath(delta[0], storedHash(delta[1])));
  if (!(await hasTarget(ctx.dest, delta[0], delta[1])) || !(await hasTarget(ctx.dest, name, base))) return false;
  const part = path.join(destPaths(ctx.dest).partial, `${storedHash(entry)}.delta-result`);
  try {
    await mkdir(path.dirname(part), { recursive: true });
    const basePath = toLocal(ctx.dest, targetRelPath(name, storedHash(base)));
    const out = await applyDeltaToFile(basePath, await readFile(deltaFile), part, entry.length);
    if (out.length !== entry.length || out.sha256 !== entry.sha256) {
      await rm(part, { force: true });
      ctx.warnings.push(`diff file ${delta[0]} did not produce ${name} (sha256 ${out.sha256}); fetched the full file`);
      return false;
    }
    await rename(part, toLocal(ctx.dest, targetRelPath(name, storedHash(entry))));
    return true;
  } catch (error) {
    await rm(part, { force: true });
    ctx.warnings.push(`diff file ${delta[0]} could not be applied (${(error as Error).message}); fetched the full file`);
    return false;
  }
}
