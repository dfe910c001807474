/**
 * sha256 of whole files in worker threads (DESIGN.md 3 "Sync"). A download writes its bytes
 * on the main thread and, once the file is complete on disk, a worker reads it back (from the
 * page cache) and hashes it, so hashing file N runs on another core while file N+1 downloads.
 * The file is renamed into place only after this answer matches the metadata, exactly as with
 * hashing while streaming; hashing what is on disk also covers a resumed file's old bytes.
 * Workers are unreferenced while idle: an idle pool never keeps the process alive.
 */
import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createHash } from 'node:crypto';
import { WorkerPool } from '../../util/index.js';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const { createHash } = require('node:crypto');
const buffer = Buffer.allocUnsafe(1024 * 1024);
parentPort.on('message', ({ id, file, maxBytes }) => {
  let fd;
  try {
    fd = openSync(file, 'r');
    const hash = createHash('sha256');
    let size = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      size += n;
      if (size > maxBytes) break;
      hash.update(n === buffer.length ? buffer : buffer.subarray(0, n));
    }
    parentPort.postMessage({ id, size, sha256: hash.digest('hex') });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
});
`;

export interface FileHash {
  /** Bytes read; reading stops once it passes `maxBytes`, so a size above it means "too long". */
  size: number;
  sha256: string;
}

interface Pending {
  resolve: (hash: FileHash) => void;
  reject: (error: Error) => void;
}

interface Reply {
  id: number;
  size?: number;
  sha256?: string;
  error?: { message: string; code?: string };
}

/** One core stays for the downloads themselves; more than four hashers would only queue on I/O. */
const pool = new WorkerPool<Reply, Pending>(WORKER_SOURCE, Math.max(1, Math.min(4, availableParallelism() - 1)), (reply, job) => {
  if (reply.error) job.reject(Object.assign(new Error(reply.error.message), reply.error.code ? { code: reply.error.code } : {}));
  else job.resolve({ size: reply.size ?? 0, sha256: reply.sha256 ?? '' });
  return 'done';
});

/** sha256 of a whole file, hashed in a worker thread; reads at most a little past `maxBytes`. */
export function hashFileInWorker(file: string, maxBytes: number): Promise<FileHash> {
  return new Promise<FileHash>((resolve, reject) => {
    try {
      pool.submit({ file, maxBytes }, { resolve, reject });
    } catch {
      // No worker could be started: the same answer on this thread.
      hashFileHere(file, maxBytes).then(resolve, reject);
    }
  });
}

/** The same answer on this thread (no worker could be started). */
async function hashFileHere(file: string, maxBytes: number): Promise<FileHash> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) break;
    hash.update(chunk as Buffer);
  }
  return { size, sha256: hash.digest('hex') };
}
