/**
 * One HTTP(S) GET with the source's timeouts (docs/design.md 1 `timeoutSeconds`, docs/design.md 3 "Sync"),
 * for the main-thread transport (http.ts) and the download workers (http-file-thread.ts) alike.
 * Connect + response headers must come within `timeoutMs`; after that the socket's idle timeout
 * (no byte for `timeoutMs`) fails the body stream itself, so a stalled download surfaces wherever
 * the body is being read. Errors are left raw (with their `code`): each caller names them.
 */
import http from 'node:http';
import https from 'node:https';

export interface HttpResponse {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  body: http.IncomingMessage;
}

function timeoutError(ms: number, phase: string): Error {
  return Object.assign(new Error(`${phase} timeout after ${ms} ms`), { code: 'ETIMEDOUT' });
}

const cancelled = (): Error => Object.assign(new Error('the sync was cancelled'), { code: 'ABORT_ERR' });

export function httpGet(agent: http.Agent, target: URL | string, headers: Record<string, string>, timeoutMs: number, signal?: AbortSignal): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const url = typeof target === 'string' ? new URL(target) : target;
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, { agent, headers, method: 'GET' });
    let body: http.IncomingMessage | undefined;
    let headersTimer: NodeJS.Timeout | undefined;
    // Stops the request and, once it has begun, the body its reader is waiting on.
    const stop = (error: Error): void => {
      clearTimeout(headersTimer);
      body?.destroy(error);
      req.destroy(error);
    };
    const onAbort = (): void => stop(cancelled());
    const release = (): void => signal?.removeEventListener('abort', onAbort);
    signal?.addEventListener('abort', onAbort, { once: true });
    // From the moment a pooled socket is ours: time spent queued for one is not the server's fault.
    req.once('socket', () => {
      headersTimer = setTimeout(() => req.destroy(timeoutError(timeoutMs, 'connect/headers')), timeoutMs);
    });
    req.setTimeout(timeoutMs, () => stop(timeoutError(timeoutMs, 'idle')));
    req.once('response', (res) => {
      clearTimeout(headersTimer);
      body = res;
      res.once('close', release);
      resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: res });
    });
    req.once('error', (error) => {
      clearTimeout(headersTimer);
      if (body) {
        body.destroy(error);
        return;
      }
      release();
      reject(error);
    });
    req.end();
  });
}
