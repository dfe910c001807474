/**
 * sha256 of whole files in worker threads (docs/design.md 3 "Sync"). A download writes its bytes
 * on the main thread and, once the file is complete on disk, a worker reads it back (from the
 * page cache) and hashes it, so hashing file N runs on another core while file N+1 downloads.
 * The file is renamed into place only after this answer matches the metadata, exactly as with
 * hashing while streaming; hashing what is on disk also covers a resumed file's old bytes.
 * Workers are unreferenced while idle: an idle pool never keeps the process alive.
 */
import { availableParallelism } from 'node:os';
import { hashFileSync } from '../../util/index.js';
import type { FileHash } from '../../util/index.js';
import { WorkerPool, fromThreadError, siblingModule } from '../../util/index.js';
import type { HashReply, HashRequest } from './hash-thread.js';

export type { FileHash } from '../../util/index.js';

interface Pending {
  resolve: (hash: FileHash) => void;
  reject: (error: Error) => void;
}

/** One core stays for the downloads themselves; more than four hashers would only queue on I/O. */
const pool = new WorkerPool<HashRequest, never, HashReply, Pending>(
  siblingModule(import.meta.url, 'hash-thread'),
  Math.max(1, Math.min(4, availableParallelism() - 1)),
  (reply, job) => {
    if ('error' in reply) job.reject(fromThreadError(reply.error));
    else job.resolve(reply.hash);
    return 'done';
  },
);

/** sha256 of a whole file, hashed in a worker thread; reads at most one byte past `maxBytes`. */
export function hashFileInWorker(file: string, maxBytes: number): Promise<FileHash> {
  return new Promise<FileHash>((resolve, reject) => {
    try {
      pool.submit({ file, maxBytes }, { resolve, reject });
    } catch {
      // No thread could be started at all: the same answer, blocking this one.
      try {
        resolve(hashFileSync(file, maxBytes));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
  });
}
