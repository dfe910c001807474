/**
 * HTTP(S) source (DESIGN.md 1 "Update sources", 3 "Sync"): undici keep-alive pool bounded to the
 * sync's concurrency, optional proxy, connect/headers/body timeouts from `timeoutSeconds`,
 * basic auth, extra CA bundle.
 */
import { readFileSync } from 'node:fs';
import { Agent, ProxyAgent, request } from 'undici';
import type { Dispatcher } from 'undici';
import { UpdopsError } from '../../errors.js';
import { classifyNetworkError } from './errors.js';
import { redactUrl, safeRelative } from './types.js';
import type { GetOptions, GetResult, Transport, TransportOptions } from './types.js';

export function openHttp(url: string, options: TransportOptions): Transport {
  const base = new URL(url.endsWith('/') ? url : `${url}/`);
  const auth = authHeader(base, options);
  base.username = '';
  base.password = '';
  const display = redactUrl(url);
  const dispatcher = makeDispatcher(options);
  let requests = 0;

  async function get(relPath: string, opts: GetOptions = {}): Promise<GetResult> {
    const target = new URL(safeRelative(relPath).map(encodeURIComponent).join('/'), base);
    const headers: Record<string, string> = { 'user-agent': 'updops' };
    if (auth) headers.authorization = auth;
    if (opts.ifNoneMatch) headers['if-none-match'] = opts.ifNoneMatch;
    if (opts.offset) headers.range = `bytes=${opts.offset}-`;
    requests += 1;
    let response: Dispatcher.ResponseData;
    try {
      response = await request(target, { dispatcher, headers, signal: opts.signal, method: 'GET' });
    } catch (error) {
      throw classifyNetworkError(error, `${display}/${relPath}`);
    }
    return toResult(response, relPath, display, opts);
  }

  return {
    display,
    get requests() {
      return requests;
    },
    get,
    close: () => dispatcher.close(),
  };
}

function toResult(response: Dispatcher.ResponseData, relPath: string, display: string, opts: GetOptions): GetResult {
  const { statusCode, headers, body } = response;
  if (statusCode === 304) {
    body.resume();
    return { status: 'not-modified' };
  }
  if (statusCode === 404 || statusCode === 403 || statusCode === 410) {
    body.resume();
    return { status: 'not-found' };
  }
  if (statusCode === 401 || statusCode === 407) {
    body.resume();
    throw new UpdopsError('SOURCE_UNREACHABLE', `${display}/${relPath}: HTTP ${statusCode}: the source refused the credentials`);
  }
  if (statusCode !== 200 && statusCode !== 206) {
    body.resume();
    throw new UpdopsError('SOURCE_UNREACHABLE', `${display}/${relPath}: HTTP ${statusCode}`);
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

function authHeader(base: URL, options: TransportOptions): string | undefined {
  const user = options.credentials?.username ?? decodeURIComponent(base.username);
  const pass = options.credentials?.password ?? decodeURIComponent(base.password);
  if (!user) return undefined;
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}

function makeDispatcher(options: TransportOptions): Dispatcher {
  const ca = options.caFile ? readFileSync(options.caFile) : undefined;
  const common = {
    connections: Math.max(1, options.concurrency),
    keepAliveTimeout: 30_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  };
  if (options.proxy) {
    return new ProxyAgent({
      ...common,
      uri: options.proxy,
      ...(ca ? { requestTls: { ca } } : {}),
      connect: { timeout: options.timeoutMs },
    });
  }
  return new Agent({ ...common, connect: { timeout: options.timeoutMs, ...(ca ? { ca } : {}) } });
}
