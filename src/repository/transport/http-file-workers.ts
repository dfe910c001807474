/**
 * Large HTTP downloads off the main thread (docs/design.md 3 "Sync"). Receiving, writing and hashing
 * a body cost about 2.5 s of CPU per GB on one thread; here each worker thread runs whole
 * attempts — GET (with `Range` when resuming), append to the `.part` file, sha256 of the whole
 * part — so a sync uses every core. The main thread still decides everything: what to fetch,
 * retries, verification against the metadata and the rename into place.
 *
 * A worker (http-file-thread.ts) enforces the declared length itself (it stops at the first
 * byte too many, the "endless data" attack) and the connect/headers and idle timeouts, with the
 * very code the main-thread transport uses (body-check.ts, http-request.ts). Workers are
 * unreferenced while idle: an idle pool never keeps the process alive.
 */
import { availableParallelism } from 'node:os';
import { WorkerPool, fromThreadError, siblingModule } from '../../util/index.js';
import type { ReplyOutcome } from '../../util/index.js';
import type { FetchRequest, ThreadControl, ThreadReply, WorkerFetchResult } from './http-file-thread.js';
import type { FileFetchJob } from './types.js';

export type { WorkerFetchResult } from './http-file-thread.js';

/** A transport's file fetch, with where and how to ask for it. */
export interface WorkerFetch extends FileFetchJob {
  /** Full URL of the file. */
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

interface Pending {
  onBytes: (n: number) => void;
  /** Bytes already handed to onBytes. */
  reported: number;
  resolve: (result: WorkerFetchResult) => void;
  reject: (error: Error) => void;
}

let fetched = 0;

/** Attempts handed to download workers in this process so far (tests check the path is taken). */
export function workerFetches(): number {
  return fetched;
}

/**
 * One thread per core, so receiving, writing and hashing spread over all of them; at most four,
 * since each costs ~25 MB of memory and a sync stays under 200 MB (bench/sync.ts).
 */
const POOL_SIZE = Math.max(1, Math.min(4, availableParallelism()));
const pool = new WorkerPool<FetchRequest, ThreadControl, ThreadReply, Pending>(siblingModule(import.meta.url, 'http-file-thread'), POOL_SIZE, onReply);
let nextPool = 0;

function onReply(reply: ThreadReply, p: Pending): ReplyOutcome {
  if ('progress' in reply) {
    p.reported += reply.progress;
    p.onBytes(reply.progress);
    return 'more';
  }
  // Every byte that came over the wire counts, whatever the outcome.
  const received = 'error' in reply ? reply.received : 'received' in reply.result ? reply.result.received : 0;
  if (received > p.reported) p.onBytes(received - p.reported);
  if ('error' in reply) p.reject(fromThreadError(reply.error));
  else p.resolve(reply.result);
  return 'done';
}

/**
 * A pool of keep-alive connections in every worker, for one transport; `close()` ends them.
 * `maxSockets` bounds each worker's connections to the source.
 */
export function workerFetcher(maxSockets: number, ca: string | undefined): { fetch: (f: WorkerFetch) => Promise<WorkerFetchResult>; close: () => void } {
  const poolId = nextPool++;
  const perWorker = Math.max(1, Math.ceil(maxSockets / POOL_SIZE));
  return {
    fetch: (f) =>
      new Promise<WorkerFetchResult>((resolve, reject) => {
        fetched += 1;
        let cancel = (): void => undefined;
        const onAbort = (): void => cancel();
        const settle =
          <T>(done: (v: T) => void) =>
          (v: T): void => {
            f.signal?.removeEventListener('abort', onAbort);
            done(v);
          };
        const { url, headers, offset, limit, part, timeoutMs } = f;
        const job = pool.submit(
          { pool: poolId, maxSockets: perWorker, ca, url, headers, offset, limit, part, timeoutMs },
          { onBytes: f.onBytes, reported: 0, resolve: settle(resolve), reject: settle(reject) },
        );
        cancel = () => job.post({ cancel: job.id });
        f.signal?.addEventListener('abort', onAbort, { once: true });
        if (f.signal?.aborted) onAbort();
      }),
    close: () => pool.broadcast({ closePool: poolId }),
  };
}
