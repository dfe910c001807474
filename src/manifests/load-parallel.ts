/**
 * Large configs load on several threads (10,000 manifests in a few seconds, issue target): YAML
 * parsing dominates and is CPU-bound, so the files are split into contiguous slices, one per
 * worker, and the results concatenated in file order — identical to loading in one thread.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Problem } from '../errors.js';
import type { LoadedManifest } from './document.js';
import { loadManifestFiles, type LoadResult } from './load.js';
import { parseManifestFile, type ParsedFile } from './parse.js';
import type { Locator } from './positions.js';
import type { RejectedDocument } from './unchecked.js';

/** Below this many files one thread is faster than starting workers. */
export const PARALLEL_MIN_FILES = 200;

interface WorkerResult {
  manifests: Omit<LoadedManifest, 'locator'>[];
  problems: Problem[];
  rejected: RejectedDocument[];
}

/** Parses the file again on first use; valid configs rarely need a position at all. */
function lazyLocator(file: string, index: number, cache: Map<string, ParsedFile>): Locator {
  let real: Locator | undefined;
  const resolve = (): Locator => {
    if (!real) {
      let parsed = cache.get(file);
      if (!parsed) {
        parsed = parseManifestFile(file, readFileSync(file));
        cache.set(file, parsed);
      }
      const doc = parsed.documents.find((d) => d.index === index);
      const fallback = (path: string) => ({ file, line: 1, col: 1, path: path || '/' });
      real = doc?.locator ?? { locate: fallback, locateKey: fallback };
    }
    return real;
  };
  return { locate: (pointer) => resolve().locate(pointer), locateKey: (pointer) => resolve().locateKey(pointer) };
}

function runWorker(files: string[]): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(fileURLToPath(new URL('./load-worker.js', import.meta.url)), { workerData: { files } });
    worker.once('message', (result: WorkerResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`manifest loader thread exited with code ${code}`)));
  });
}

/** Workers run compiled code only: from TypeScript sources (tests) the one-thread path is used. */
function canUseWorkers(): boolean {
  return import.meta.url.endsWith('.js');
}

/** Threads to use: `UPDOPS_LOAD_THREADS` (1 turns parallel loading off), else up to 4, one per core. */
export function loaderThreads(env: NodeJS.ProcessEnv = process.env): number {
  const wanted = Number(env.UPDOPS_LOAD_THREADS);
  return Number.isInteger(wanted) && wanted >= 1 ? wanted : Math.min(4, availableParallelism());
}

export async function loadManifestFilesParallel(files: string[], threads = loaderThreads()): Promise<LoadResult> {
  if (threads < 2 || files.length < PARALLEL_MIN_FILES || !canUseWorkers()) return loadManifestFiles(files);
  const size = Math.ceil(files.length / threads);
  const slices = Array.from({ length: threads }, (_, i) => files.slice(i * size, (i + 1) * size)).filter((s) => s.length > 0);
  const results = await Promise.all(slices.map(runWorker));
  const cache = new Map<string, ParsedFile>();
  return {
    manifests: results.flatMap((r) => r.manifests.map((m) => ({ ...m, locator: lazyLocator(m.file, m.index, cache) }))),
    problems: results.flatMap((r) => r.problems),
    rejected: results.flatMap((r) => r.rejected),
    files,
  };
}
