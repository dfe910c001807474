/**
 * The code of a download worker thread (started by http-file-workers.ts, which explains why
 * they exist). Each request is one whole attempt: GET (with `Range` when resuming), append to
 * the `.part` file, sha256 of the whole part. The request and its timeouts (http-request.ts),
 * the declared-length cap and the hash (body-check.ts) are the main thread's own code; only
 * the writes differ: a worker has its thread to itself, so it writes each chunk with a blocking
 * write, where the main thread queues them for writev(2).
 */
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { parentPort } from 'node:worker_threads';
import type { IncomingMessage } from 'node:http';
import { toThreadError } from '../../util/index.js';
import type { ThreadError } from '../../util/index.js';
import { BodyCheck } from './body-check.js';
import { httpGet } from './http-request.js';
import type { FileFetchResult } from './types.js';

/** One attempt at a file, as the main thread asks for it. */
export interface FetchRequest {
  id: number;
  /** The transport it belongs to: each has its own keep-alive agent in every worker. */
  pool: number;
  maxSockets: number;
  ca: string | undefined;
  url: string;
  headers: Record<string, string>;
  offset: number;
  limit: number;
  part: string;
  timeoutMs: number;
}

/** Stop one attempt, or close one transport's connections. */
export type ThreadControl = { cancel: number } | { closePool: number };

/** The transport's answers, but an HTTP status other than 200/206 is left for it to judge. */
export type WorkerFetchResult = Exclude<FileFetchResult, { status: 'not-found' }> | { status: 'http-status'; statusCode: number };

/** Progress while the body streams, then exactly one result or error; `received` counts wire bytes. */
export type ThreadReply =
  | { id: number; progress: number }
  | { id: number; result: WorkerFetchResult }
  | { id: number; error: ThreadError; received: number };

/** Bytes between progress messages: often enough for a progress bar, rare enough to cost nothing. */
const PROGRESS_STEP = 4 * 1024 * 1024;
const agents = new Map<number, http.Agent>();
const running = new Map<number, AbortController>();

function agentFor(m: FetchRequest): http.Agent {
  let agent = agents.get(m.pool);
  if (!agent) {
    const options = { keepAlive: true, maxSockets: m.maxSockets, ...(m.ca ? { ca: m.ca } : {}) };
    agent = m.url.startsWith('https:') ? new https.Agent(options) : new http.Agent(options);
    agents.set(m.pool, agent);
  }
  return agent;
}

const post = (reply: ThreadReply): void => parentPort?.postMessage(reply);

async function fetchOne(m: FetchRequest): Promise<void> {
  const controller = new AbortController();
  running.set(m.id, controller);
  const wire = { received: 0 };
  try {
    post({ id: m.id, result: await attempt(m, controller.signal, wire) });
  } catch (error) {
    post({ id: m.id, error: toThreadError(error), received: wire.received });
  } finally {
    running.delete(m.id);
  }
}

async function attempt(m: FetchRequest, signal: AbortSignal, wire: { received: number }): Promise<WorkerFetchResult> {
  const headers = m.offset > 0 ? { ...m.headers, range: `bytes=${m.offset}-` } : m.headers;
  const { statusCode, body } = await httpGet(agentFor(m), m.url, headers, m.timeoutMs, signal);
  if (statusCode !== 200 && statusCode !== 206) {
    body.resume();
    return { status: 'http-status', statusCode };
  }
  const resumed = statusCode === 206 && m.offset > 0;
  let fd: number;
  let check: BodyCheck | undefined;
  try {
    fd = openSync(m.part, resumed ? 'r+' : 'w');
  } catch (error) {
    body.destroy();
    throw error;
  }
  try {
    check = resumed ? BodyCheck.resumed(m.offset, m.limit, fd) : BodyCheck.fresh(m.limit, true);
    if (resumed) ftruncateSync(fd, m.offset);
    const exceeded = await receive(body, fd, check, m.id);
    if (exceeded) return { status: 'length-exceeded', received: check.received };
    return { status: 'ok', resumed, received: check.received, size: check.size, sha256: check.digest() };
  } catch (error) {
    body.destroy();
    throw error;
  } finally {
    wire.received = check?.received ?? 0;
    closeSync(fd);
  }
}

/** Writes the body at the end of the part until it ends; true when it went past the declared length. */
function receive(body: IncomingMessage, fd: number, check: BodyCheck, id: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    let unreported = 0;
    let settled = false;
    const settle = (error: Error | undefined, exceeded = false): void => {
      if (settled) return;
      settled = true;
      body.off('data', onData);
      if (error) reject(error);
      else resolve(exceeded);
    };
    function onData(chunk: Buffer): void {
      const at = check.size;
      if (!check.admit(chunk)) {
        body.destroy();
        settle(undefined, true);
        return;
      }
      try {
        let written = 0;
        while (written < chunk.length) written += writeSync(fd, chunk, written, chunk.length - written, at + written);
      } catch (error) {
        settle(error as Error);
        return;
      }
      unreported += chunk.length;
      if (unreported >= PROGRESS_STEP) {
        post({ id, progress: unreported });
        unreported = 0;
      }
    }
    body.on('data', onData);
    body.once('end', () => settle(undefined));
    body.once('error', (error) => settle(error));
    body.once('close', () => {
      if (!body.complete) settle(Object.assign(new Error('the connection closed before the end of the body'), { code: 'ECONNRESET' }));
    });
  });
}

parentPort?.on('message', (m: FetchRequest | ThreadControl) => {
  if ('cancel' in m) {
    running.get(m.cancel)?.abort();
    return;
  }
  if ('closePool' in m) {
    agents.get(m.closePool)?.destroy();
    agents.delete(m.closePool);
    return;
  }
  void fetchOne(m);
});
