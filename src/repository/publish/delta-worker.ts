/**
 * Runs fossil-delta's `createDelta` in a worker thread: it is synchronous and takes seconds to
 * a minute on large files (~18 s for 40 MiB), and a publish may share its process with a
 * server (tests, benches, the demo). The worker reads both files itself, so the main thread
 * never holds them, checks their hashes, and hands back the delta bytes.
 */
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { createHash } = require('node:crypto');
const sha = (b) => createHash('sha256').update(b).digest('hex');
import(workerData.module).then(({ createDelta }) => {
  const base = readFileSync(workerData.base);
  const result = readFileSync(workerData.result);
  if (sha(base) !== workerData.baseSha256 || sha(result) !== workerData.resultSha256) {
    parentPort.postMessage({ delta: null });
    return;
  }
  const delta = createDelta(base, result);
  parentPort.postMessage({ delta }, [delta.buffer]);
});
`;

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
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ...job, module: import.meta.resolve('fossil-delta') },
    });
    let answered = false;
    worker.once('message', (message: { delta: Uint8Array | null }) => {
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
