/**
 * The code of a delta worker thread (started by delta-worker.ts, which explains why): reads both
 * files, checks they are the content expected, and answers the fossil delta from one to the other.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createDelta } from 'fossil-delta';
import type { DeltaJob } from './delta-worker.js';
import { sha256Hex } from './files.js';

/** No delta when a file is not the content its name promises (a damaged stored copy). */
export interface DeltaReply {
  delta: Uint8Array | null;
}

const job = workerData as DeltaJob;
const base = readFileSync(job.base);
const result = readFileSync(job.result);
if (sha256Hex(base) !== job.baseSha256 || sha256Hex(result) !== job.resultSha256) {
  parentPort?.postMessage({ delta: null } satisfies DeltaReply);
} else {
  const delta = createDelta(base, result);
  parentPort?.postMessage({ delta } satisfies DeltaReply, [delta.buffer]);
}
