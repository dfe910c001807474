/**
 * Runs fossil-delta's `createDelta` in a worker thread: it is synchronous and takes seconds to
 * a minute on large files (~18 s for 40 MiB), and a publish may share its process with a
 * server (tests, benches, the demo). The worker (delta-thread.ts) reads both files itself, so
 * the main thread never holds them, checks their hashes, and hands back the delta bytes.
 */
import { siblingModule, startWorker } from '../../util/index.js';
import type { DeltaReply } from './delta-thread.js';

export interface DeltaJob {
  /** File holding the base content, and its expected sha256. */
  base: string;
  baseSha256: string;
  /** File holding the new content, and its expected sha256. */
  result: string;
  resultSha256: string;
}

/** The fossil delta from base to result, or undefined when a file is not the content expected. */
export function createDeltaInWorker(job: DeltaJob): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(siblingModule(import.meta.url, 'delta-thread'), { workerData: job satisfies DeltaJob });
    let answered = false;
    worker.once('message', (message: DeltaReply) => {
      answered = true;
      resolve(message.delta ? Buffer.from(message.delta.buffer, message.delta.byteOffset, message.delta.byteLength) : undefined);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`delta worker exited with code ${code}`));
    });
  });
}
