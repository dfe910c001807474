/**
 * Large HTTP downloads off the main thread (DESIGN.md 3 "Sync"). Receiving, writing and hashing
 * a body cost about 2.5 s of CPU per GB on one thread; here each worker thread runs whole
 * attempts — GET (with `Range` when resuming), append to the `.part` file, sha256 of the whole
 * part — so a sync uses every core. The main thread still decides everything: what to fetch,
 * retries, verification against the metadata and the rename into place.
 *
 * A worker enforces the declared length itself (it stops at the first byte too many, the
 * "endless data" attack) and the same connect/headers and idle timeouts as the main-thread
 * transport. Workers are unreferenced while idle: an idle pool never keeps the process alive.
 */
import { availableParallelism } from 'node:os';
import { WorkerPool } from '../../util/index.js';
import type { ReplyOutcome } from '../../util/index.js';
import type { FileFetchJob, FileFetchResult } from './types.js';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
const https = require('node:https');
const { openSync, writeSync, readSync, closeSync, ftruncateSync } = require('node:fs');
const { createHash } = require('node:crypto');
const PROGRESS_STEP = 4 * 1024 * 1024;
const agents = new Map();
const running = new Map();

function agentFor(m) {
  let agent = agents.get(m.pool);
  if (!agent) {
    const options = { keepAlive: true, maxSockets: m.maxSockets };
    if (m.ca) options.ca = m.ca;
    agent = m.url.startsWith('https:') ? new https.Agent(options) : new http.Agent(options);
    agents.set(m.pool, agent);
  }
  return agent;
}

function errorOf(error) {
  return { message: String(error && error.message), code: error && typeof error.code === 'string' ? error.code : undefined };
}

function timeoutError(ms, phase) {
  return Object.assign(new Error(phase + ' timeout after ' + ms + ' ms'), { code: 'ETIMEDOUT' });
}

/** sha256 of the part's first \`bytes\` bytes (what a resumed download continues). */
function hashPrefix(fd, hash, bytes) {
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  let done = 0;
  while (done < bytes) {
    const n = readSync(fd, buffer, 0, Math.min(buffer.length, bytes - done), done);
    if (n === 0) break;
    hash.update(n === buffer.length ? buffer : buffer.subarray(0, n));
    done += n;
  }
  return done;
}

function fetchOne(m) {
  let finished = false;
  let fd;
  let body;
  let headersTimer;
  const finish = (reply) => {
    if (finished) return;
    finished = true;
    clearTimeout(headersTimer);
    running.delete(m.id);
    if (fd !== undefined) {
      try { closeSync(fd); } catch (error) { if (!reply.error) reply = { error: errorOf(error) }; }
    }
    parentPort.postMessage(Object.assign({ id: m.id }, reply));
  };
  const headers = Object.assign({}, m.headers);
  if (m.offset > 0) headers.range = 'bytes=' + m.offset + '-';
  const client = m.url.startsWith('https:') ? https : http;
  const req = client.request(m.url, { agent: agentFor(m), headers, method: 'GET' });
  running.set(m.id, (error) => {
    if (body) body.destroy(error);
    req.destroy(error);
  });
  req.once('socket', () => {
    headersTimer = setTimeout(() => req.destroy(timeoutError(m.timeoutMs, 'connect/headers')), m.timeoutMs);
  });
  req.setTimeout(m.timeoutMs, () => {
    const error = timeoutError(m.timeoutMs, 'idle');
    if (body) body.destroy(error);
    req.destroy(error);
  });
  req.once('error', (error) => finish({ error: errorOf(error) }));
  req.once('response', (res) => {
    clearTimeout(headersTimer);
    body = res;
    if (res.statusCode !== 200 && res.statusCode !== 206) {
      res.resume();
      finish({ statusCode: res.statusCode });
      return;
    }
    const resumed = res.statusCode === 206 && m.offset > 0;
    const hash = createHash('sha256');
    let have = 0;
    try {
      fd = openSync(m.part, resumed ? 'r+' : 'w');
      if (resumed) {
        have = hashPrefix(fd, hash, m.offset);
        if (have !== m.offset) throw Object.assign(new Error('the partial file changed while resuming'), { code: 'ECONNRESET' });
        ftruncateSync(fd, have);
      }
    } catch (error) {
      res.destroy();
      finish({ error: errorOf(error) });
      return;
    }
    let received = 0;
    let unreported = 0;
    res.on('data', (chunk) => {
      if (finished) return;
      if (have + received + chunk.length > m.limit) {
        received += chunk.length;
        res.destroy();
        finish({ lengthExceeded: true, received });
        return;
      }
      try {
        let written = 0;
        while (written < chunk.length) written += writeSync(fd, chunk, written, chunk.length - written, have + received + written);
      } catch (error) {
        res.destroy();
        finish({ error: errorOf(error) });
        return;
      }
      hash.update(chunk);
      received += chunk.length;
      unreported += chunk.length;
      if (unreported >= PROGRESS_STEP) {
        parentPort.postMessage({ id: m.id, progress: unreported });
        unreported = 0;
      }
    });
    res.once('end', () => finish({ ok: true, resumed, received, size: have + received, sha256: hash.digest('hex') }));
    res.once('error', (error) => finish({ error: errorOf(error), received }));
    res.once('close', () => { if (!res.complete) finish({ error: { message: 'the connection closed before the end of the body', code: 'ECONNRESET' }, received }); });
  });
  req.end();
}

parentPort.on('message', (m) => {
  if (m.cancel !== undefined) {
    const stop = running.get(m.cancel);
    if (stop) stop(Object.assign(new Error('the sync was cancelled'), { code: 'ABORT_ERR' }));
    return;
  }
  if (m.closePool !== undefined) {
    agents.get(m.closePool)?.destroy();
    agents.delete(m.closePool);
    return;
  }
  fetchOne(m);
});
`;

/** A transport's file fetch, with where and how to ask for it. */
export interface WorkerFetch extends FileFetchJob {
  /** Full URL of the file. */
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** The transport's answers, but an HTTP status other than 200/206 is left for it to judge. */
export type WorkerFetchResult = Exclude<FileFetchResult, { status: 'not-found' }> | { status: 'http-status'; statusCode: number };

interface Reply {
  id: number;
  progress?: number;
  ok?: boolean;
  resumed?: boolean;
  received?: number;
  size?: number;
  sha256?: string;
  statusCode?: number;
  lengthExceeded?: boolean;
  error?: { message: string; code?: string };
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
const pool = new WorkerPool<Reply, Pending>(WORKER_SOURCE, POOL_SIZE, onReply);
let nextPool = 0;

function onReply(reply: Reply, p: Pending): ReplyOutcome {
  if (reply.progress !== undefined) {
    p.reported += reply.progress;
    p.onBytes(reply.progress);
    return 'more';
  }
  // Every byte that came over the wire counts, whatever the outcome.
  if (reply.received !== undefined && reply.received > p.reported) p.onBytes(reply.received - p.reported);
  if (reply.error) {
    p.reject(Object.assign(new Error(reply.error.message), reply.error.code ? { code: reply.error.code } : {}));
  } else if (reply.statusCode !== undefined) {
    p.resolve({ status: 'http-status', statusCode: reply.statusCode });
  } else if (reply.lengthExceeded) {
    p.resolve({ status: 'length-exceeded', received: reply.received ?? 0 });
  } else {
    p.resolve({ status: 'ok', resumed: reply.resumed ?? false, received: reply.received ?? 0, size: reply.size ?? 0, sha256: reply.sha256 ?? '' });
  }
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
