/**
 * HTTP(S) source (docs/design.md 1 "Update sources", 3 "Sync"): a node:http(s) keep-alive pool
 * bounded to the sync's concurrency, connect+headers and idle-body timeouts from
 * `timeoutSeconds`, basic auth (or a bearer token), extra CA bundle. node:http ships inside the node binary, so a
 * no-op sync does not pay undici's ~0.2 s load; undici is used (lazily) only behind a proxy: the
 * source's `proxy`, else the proxy environment variables of the process (proxy-env.ts).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { UpdopsError } from '../../errors.js';
import { classifyNetworkError } from './errors.js';
import { workerFetcher } from './http-file-workers.js';
import { httpGet } from './http-request.js';
import type { ProxyClient } from './http-proxy.js';
import { envProxyFor } from './proxy-env.js';
import type { EnvProxy } from './proxy-env.js';
import { redactUrl, safeRelative } from './types.js';
import type { FileFetchJob, FileFetchResult, GetOptions, GetResult, Transport, TransportOptions } from './types.js';

interface Response {
  statusCode: number;
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>;
  body: Readable;
}

export function openHttp(url: string, options: TransportOptions): Transport {
  const base = new URL(url.endsWith('/') ? url : `${url}/`);
  const auth = authHeader(base, options);
  base.username = '';
  base.password = '';
  const display = redactUrl(url);
  const ca = options.caFile ? readFileSync(options.caFile) : undefined;
  const agent = base.protocol === 'https:' ? new https.Agent(agentOptions(options, ca)) : new http.Agent(agentOptions(options, undefined));
  // A malformed proxy variable fails this source's requests (so the sync falls back, the plan says why), not its opening.
  let route: string | EnvProxy | Error | undefined;
  // Failures through a proxy say which one, and where it came from: the fix is often there.
  let through = '';
  try {
    const fromEnv = options.proxy ? undefined : envProxyFor(base, options.env ?? process.env);
    route = options.proxy ?? fromEnv?.agent;
    through = options.proxy ? ` through proxy ${redactUrl(options.proxy)}` : fromEnv ? ` through ${fromEnv.label}` : '';
  } catch (error) {
    route = error as Error;
  }
  let proxy: Promise<ProxyClient> | undefined;
  let requests = 0;
  // Large files go through worker threads (http-file-workers.ts), which connect directly: behind
  // a proxy — explicit or from the environment — every request stays here, on the proxy's path.
  const files = route ? undefined : workerFetcher(Math.max(1, options.concurrency), ca?.toString());

  function viaProxy(): Promise<ProxyClient> {
    if (route instanceof Error) return Promise.reject(route);
    proxy ??= import('./http-proxy.js').then((m) => m.openProxy(route as string | EnvProxy, options.concurrency, options.timeoutMs, ca));
    return proxy;
  }

  const urlOf = (relPath: string): URL => new URL(safeRelative(relPath).map(encodeURIComponent).join('/'), base);
  const baseHeaders = (): Record<string, string> => (auth ? { 'user-agent': 'updops', authorization: auth } : { 'user-agent': 'updops' });

  async function get(relPath: string, opts: GetOptions = {}): Promise<GetResult> {
    const target = urlOf(relPath);
    const headers = baseHeaders();
    if (opts.ifNoneMatch) headers['if-none-match'] = opts.ifNoneMatch;
    if (opts.offset) headers.range = `bytes=${opts.offset}-`;
    requests += 1;
    const where = `${display}/${relPath}${through}`;
    const response = route
      ? await (await viaProxy()).request({ target, headers, signal: opts.signal, where })
      : await httpGet(agent, target, headers, options.timeoutMs, opts.signal).catch((error: unknown) => {
          throw classifyNetworkError(error, where);
        });
    return toResult(response, relPath, display, opts, auth !== undefined);
  }

  async function fetchToFile(relPath: string, job: FileFetchJob): Promise<FileFetchResult> {
    const target = urlOf(relPath);
    requests += 1;
    const r = await files!.fetch({ ...job, url: target.toString(), headers: baseHeaders(), timeoutMs: options.timeoutMs });
    if (r.status !== 'http-status') return r;
    const failure = statusFailure(r.statusCode, relPath, display, auth !== undefined);
    if (failure === 'not-found') return { status: 'not-found' };
    throw failure;
  }

  return {
    display,
    get requests() {
      return requests;
    },
    get,
    ...(files ? { fetchToFile } : {}),
    close: async () => {
      files?.close();
      agent.destroy();
      if (proxy) await (await proxy).close();
    },
  };
}

function agentOptions(options: TransportOptions, ca: Buffer | undefined): https.AgentOptions {
  return { keepAlive: true, maxSockets: Math.max(1, options.concurrency), ...(ca ? { ca } : {}) };
}

function toResult(response: Response, relPath: string, display: string, opts: GetOptions, sentLogin: boolean): GetResult {
  const { statusCode, headers, body } = response;
  if (statusCode === 304) {
    body.resume();
    return { status: 'not-modified' };
  }
  if (statusCode !== 200 && statusCode !== 206) {
    body.resume();
    const failure = statusFailure(statusCode, relPath, display, sentLogin);
    if (failure === 'not-found') return { status: 'not-found' };
    throw failure;
  }
  const lengthHeader = headers['content-length'];
  const length = typeof lengthHeader === 'string' ? Number(lengthHeader) : undefined;
  const etag = typeof headers.etag === 'string' ? headers.etag : undefined;
  const resumed = statusCode === 206 && Boolean(opts.offset);
  return {
    status: 'ok',
    body,
    resumed,
    ...(length !== undefined && Number.isFinite(length) ? { length } : {}),
    ...(etag ? { etag } : {}),
  };
}

/** What a status other than 200/206/304 means: the file is not there, or the source failed. */
function statusFailure(statusCode: number, relPath: string, display: string, sentLogin: boolean): 'not-found' | UpdopsError {
  if (statusCode === 404 || statusCode === 403 || statusCode === 410) return 'not-found';
  const detail = `http-${statusCode}`;
  if (statusCode === 407) {
    return new UpdopsError('SOURCE_UNREACHABLE', `${display}/${relPath}: HTTP 407: the proxy wants credentials it was not given or refused (proxy.secretRef, or user:password in the proxy variable's URL)`, { detail });
  }
  if (statusCode === 401) {
    return new UpdopsError('SOURCE_UNREACHABLE', `${display}/${relPath}: HTTP 401: ${sentLogin ? 'the source refused the credentials' : 'the source wants a login'}`, { detail });
  }
  return new UpdopsError('SOURCE_UNREACHABLE', `${display}/${relPath}: HTTP ${statusCode}`, { detail });
}

function authHeader(base: URL, options: TransportOptions): string | undefined {
  if (options.bearerToken) return `Bearer ${options.bearerToken}`;
  const user = options.credentials?.username ?? decodeURIComponent(base.username);
  const pass = options.credentials?.password ?? decodeURIComponent(base.password);
  if (!user) return undefined;
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}
