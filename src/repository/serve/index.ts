/**
 * `updops serve` (DESIGN.md 3, "Serving"): any repository folder over plain HTTP/1.1 with
 * Range, ETag/If-None-Match, Last-Modified/If-Modified-Since, If-Range, exact lengths,
 * streaming with backpressure and keep-alive; nothing outside the folder is ever served.
 */
import { close, createReadStream, fstat, open, read } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Stats } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import { UpdopsError } from '../../errors.js';
import { etagOf, isNotModified, selectRange } from './conditional.js';
import { parseRequestPath, resolveInside } from './request-path.js';
import { FILE_CACHE_DEFAULTS, FileCache } from './file-cache.js';

export interface RequestInfo {
  method: string;
  path: string;
  status: number;
  /** Body bytes sent. */
  bytes: number;
}

export interface ServeOptions {
  root: string;
  host?: string;
  /** 0 (or omitted) picks a free port. */
  port?: number;
  onRequest?: (info: RequestInfo) => void;
  /** Bytes of small files kept in memory (default 128 MiB; 0 turns the cache off). */
  cacheBytes?: number;
}

export interface RepositoryServer {
  /** `http://HOST:PORT` (no trailing slash). */
  url: string;
  port: number;
  /** Stops accepting, lets running responses finish (up to 2 s), then cuts what is left. */
  close(): Promise<void>;
  /** Counted when each response ends: requests answered and body bytes sent. */
  stats: { requests: number; bytes: number };
}

/** Longer than common clients' idle timeouts (undici 4 s), so the client closes idle sockets first. */
export const KEEP_ALIVE_TIMEOUT_MS = 30_000;
/**
 * Reads of 1 MiB: a 100 MB file goes out in ~100 reads and socket writes instead of ~400
 * (FileHandle streams at 256 KiB served ~2× slower on loopback than this, bench/sync.ts).
 */
const READ_CHUNK = 1024 * 1024;
const openFd = promisify(open);
const fstatFd = promisify(fstat);
const closeFd = (fd: number): Promise<void> => new Promise((resolve) => close(fd, () => resolve()));
const CLOSE_GRACE_MS = 2_000;

export async function serveRepository(options: ServeOptions): Promise<RepositoryServer> {
  const realRoot = await checkedRoot(options.root);
  const stats = { requests: 0, bytes: 0 };
  const cache = new FileCache({ maxBytes: options.cacheBytes ?? FILE_CACHE_DEFAULTS.maxBytes, maxFileBytes: FILE_CACHE_DEFAULTS.maxFileBytes });
  const server = createServer((req, res) => {
    handle(realRoot, cache, req, res, (info) => {
      stats.requests++;
      stats.bytes += info.bytes;
      options.onRequest?.(info);
    }).catch(() => {
      if (!res.headersSent) sendText(res, req.method === 'HEAD', 500, 'internal error\n');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 5_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const close = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    await closed;
    clearTimeout(timer);
  };
  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, port, close, stats };
}

async function checkedRoot(root: string): Promise<string> {
  try {
    const real = await realpath(root);
    if (!(await stat(real)).isDirectory()) throw new Error('not a directory');
    return real;
  } catch (error) {
    throw new UpdopsError('NOT_FOUND', `cannot serve ${root}: it is not an existing directory`, { cause: error });
  }
}

function contentType(file: string): string {
  if (file.endsWith('.json')) return 'application/json';
  if (file.endsWith('SHA256SUMS')) return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}

function sendText(res: ServerResponse, head: boolean, status: number, text: string, headers: Record<string, string> = {}): number {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(head ? undefined : text);
  return head ? 0 : Buffer.byteLength(text);
}

async function handle(
  realRoot: string,
  cache: FileCache,
  req: IncomingMessage,
  res: ServerResponse,
  report: (info: RequestInfo) => void,
): Promise<void> {
  const method = req.method ?? 'GET';
  const head = method === 'HEAD';
  const sent = { bytes: 0 };
  let reported = false;
  const done = (): void => {
    if (reported) return;
    reported = true;
    report({ method, path: req.url ?? '', status: res.statusCode, bytes: sent.bytes });
  };
  res.once('finish', done);
  res.once('close', done);

  if (method !== 'GET' && !head) {
    sent.bytes = sendText(res, false, 405, 'only GET and HEAD\n', { Allow: 'GET, HEAD' });
    return;
  }
  const parsed = parseRequestPath(req.url ?? '');
  if (!parsed.ok) {
    sent.bytes = sendText(res, head, parsed.status, parsed.status === 400 ? 'bad request\n' : 'not found\n');
    return;
  }
  const real = await resolveInside(realRoot, parsed.segments);
  const cached = real === undefined ? undefined : await cache.lookup(real);
  if (cached) {
    await sendFile(req, res, { buffer: cached.bytes }, cached.stats, real!, head, sent);
    return;
  }
  // A plain fd (not a FileHandle): fs.createReadStream reads it with callback-style fs.read,
  // cheaper per chunk than FileHandle's promise reads. Opened once, so what was stat'ed is sent.
  const fd = real === undefined ? undefined : await openFd(real, 'r').catch(() => undefined);
  const fileStats: Stats | undefined = fd === undefined ? undefined : await fstatFd(fd).catch(async (error: unknown) => {
    await closeFd(fd);
    throw error;
  });
  if (fd === undefined || !fileStats?.isFile()) {
    if (fd !== undefined) await closeFd(fd);
    sent.bytes = sendText(res, head, 404, 'not found\n'); // directories too: no listings
    return;
  }
  if (cache.cacheable(fileStats)) {
    const bytes = await readWhole(fd, fileStats.size).finally(() => closeFd(fd));
    cache.put(real!, fileStats, bytes);
    await sendFile(req, res, { buffer: bytes }, fileStats, real!, head, sent);
    return;
  }
  await sendFile(req, res, { fd }, fileStats, real!, head, sent);
}

function readWhole(fd: number, size: number): Promise<Buffer> {
  const bytes = Buffer.allocUnsafe(size);
  return new Promise((resolve, reject) => {
    const next = (offset: number): void => {
      if (offset >= size) return resolve(bytes);
      read(fd, bytes, offset, size - offset, offset, (error, n) => {
        if (error) return reject(error);
        if (n === 0) return resolve(bytes.subarray(0, offset));
        next(offset + n);
      });
    };
    next(0);
  });
}

type Body = { fd: number } | { buffer: Buffer };

const release = async (body: Body): Promise<void> => {
  if ('fd' in body) await closeFd(body.fd);
};

async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  body: Body,
  fileStats: Stats,
  real: string,
  head: boolean,
  sent: { bytes: number },
): Promise<void> {
  const validators = {
    ETag: etagOf(fileStats),
    'Last-Modified': fileStats.mtime.toUTCString(),
    'Accept-Ranges': 'bytes',
    // Same URL, new bytes after a publish (timestamp.json): caches must revalidate.
    'Cache-Control': 'no-cache',
  };
  if (isNotModified(req.headers, fileStats)) {
    await release(body);
    res.writeHead(304, validators).end();
    return;
  }
  const range = selectRange(req.headers, fileStats);
  if (range.kind === 'unsatisfiable') {
    await release(body);
    sent.bytes = sendText(res, head, 416, 'range not satisfiable\n', { ...validators, 'Content-Range': `bytes */${fileStats.size}` });
    return;
  }
  const start = range.kind === 'partial' ? range.start : 0;
  const end = range.kind === 'partial' ? range.end : fileStats.size - 1;
  const length = fileStats.size === 0 ? 0 : end - start + 1;
  const headers: Record<string, string | number> = { ...validators, 'Content-Type': contentType(real), 'Content-Length': length };
  if (range.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${fileStats.size}`;
  res.writeHead(range.kind === 'partial' ? 206 : 200, headers);
  if (head || length === 0) {
    await release(body);
    res.end();
    return;
  }
  if ('buffer' in body) {
    sent.bytes = length;
    res.end(body.buffer.subarray(start, end + 1));
    return;
  }
  const stream = createReadStream('', { fd: body.fd, start, end, highWaterMark: READ_CHUNK, autoClose: true });
  stream.on('data', (chunk) => {
    sent.bytes += chunk.length; // counted live: 'finish' may fire before pipeline's callback
  });
  await new Promise<void>((resolve) => {
    // pipeline: backpressure from a slow client, and the file closed if the client goes away.
    pipeline(stream, res, () => resolve());
  });
}
