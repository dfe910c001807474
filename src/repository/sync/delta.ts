/**
 * Diff files (DESIGN.md 3, docs/repository-format.md "Diff files"): fossil-delta works in
 * memory and synchronously (~0.6 s per 5 MB, DEPENDENCIES.md Smoke 2), so it runs in a worker
 * thread to keep downloads flowing. The caller verifies the result against the target's own
 * length and sha256; any failure means "fetch the full file".
 */
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.module).then(({ applyDelta }) => {
  const out = applyDelta(new Uint8Array(workerData.base), new Uint8Array(workerData.delta));
  parentPort.postMessage(out, [out.buffer]);
});
`;

export async function applyDeltaInWorker(base: Buffer, delta: Buffer): Promise<Buffer> {
  const module = import.meta.resolve('fossil-delta');
  const baseCopy = Uint8Array.from(base).buffer;
  const deltaCopy = Uint8Array.from(delta).buffer;
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module, base: baseCopy, delta: deltaCopy },
      transferList: [baseCopy, deltaCopy],
    });
    worker.once('message', (out: Uint8Array) => {
      resolve(Buffer.from(out.buffer, out.byteOffset, out.byteLength));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`delta worker exited with code ${code}`));
    });
  });
}
