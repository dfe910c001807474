/**
 * The code of a hash worker thread (started by hash-pool.ts, which explains why they exist):
 * sha256 of one whole file per request, with the reading loop the rest of updops uses.
 */
import { parentPort } from 'node:worker_threads';
import { hashFileSync } from '../../util/index.js';
import type { FileHash } from '../../util/index.js';
import { toThreadError } from '../../util/index.js';
import type { ThreadError } from '../../util/index.js';

export interface HashRequest {
  id: number;
  file: string;
  /** Reading stops once past it: a length above it means "too long". */
  maxBytes: number;
}

export type HashReply = { id: number; hash: FileHash } | { id: number; error: ThreadError };

parentPort?.on('message', ({ id, file, maxBytes }: HashRequest) => {
  let reply: HashReply;
  try {
    reply = { id, hash: hashFileSync(file, maxBytes) };
  } catch (error) {
    reply = { id, error: toThreadError(error) };
  }
  parentPort?.postMessage(reply);
});
