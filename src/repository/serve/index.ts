/**
 * `updops serve` (docs/design.md 3, "Serving"): any repository folder over plain HTTP/1.1 with
 * Range, ETag/If-None-Match/If-Match, Last-Modified/If-Modified-Since/If-Unmodified-Since, If-Range, exact lengths,
 * streaming with backpressure and keep-alive; nothing outside the folder is ever served.
 * The same file-serving core answers the controller's `/repository/` (`repositoryFiles`), so a
 * primary controller serves a DP's repository exactly as `updops serve` would.
 */
import { closeSync, createReadStream, fstatSync, openSync, read, realpathSync, statSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { Stats } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import { UpdopsError } from '../../errors.js';
import { hostPort, listenError, listenOn } from '../../util/index.js';
import { etagOf, preconditions, selectRange } from './conditional.js';
import { parseRequestPath, resolveInside } from './request-path.js';
import { FILE_CACHE_DEFAULTS, FileCache } from './file-cache.js';
import { loadZeroCopy, zeroCopyBody } from './sendfile.js';
import type { ZeroCopy } from './sendfile.js';
import { loadListenSockets } from './listen-socket.js';
import { TurnMemo } from './turn-memo.js';
import type { ListenSockets } from './listen-socket.js';

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
  /** A socket already bound (listen-socket.ts `bindReusePort`) to listen on instead of host and port; host names the URL. */
  boundFd?: number;
  onRequest?: (info: RequestInfo) => void;
  /** Bytes of small files kept in memory (default 128 MiB; 0 turns the cache off). */
  cacheBytes?: number;
  /** sendfile(2) for file bodies where available (default true). */
  zeroCopy?: boolean;
  /** A client that reads nothing for this long during a zero-copy body is cut off (default 60 s). */
  sendIdleMs?: number;
}

export interface RepositoryServer {
  /** `http://HOST:PORT` (no trailing slash). */
  url: string;
  port: number;
  /** Stops accepting, lets running responses finish (up to 2 s), then cuts what is left. */
  close(): Promise<void>;
  /** Counted when each response ends: requests answered and body bytes sent. */
  stats: ServeStats;
}

export interface ServeStats {
  requests: number;
  bytes: number;
  /** Body bytes sent by sendfile(2), and how often a full socket had to be waited for. */
  zeroCopy: { bytes: number; waits: number };
}

/** Longer than common clients' idle timeouts (undici 4 s), so the client closes idle sockets first. */
export const KEEP_ALIVE_TIMEOUT_MS = 30_000;
/**
 * Reads of 1 MiB: a 100 MB file goes out in ~100 reads and socket writes instead of ~400
 * (FileHandle streams at 256 KiB served ~2× slower on loopback than this, bench/sync.ts).
 */
const READ_CHUNK = 1024 * 1024;
const CLOSE_GRACE_MS = 2_000;
/**
 * With sendfile(2), bodies above this go from the page cache straight to the socket, cheaper
 * than writing them out of a cached JS buffer; only small files (metadata) stay in memory.
 */
const ZERO_COPY_MIN = 64 * 1024;
const SEND_IDLE_MS = 60_000;
/**
 * Connections the kernel queues before they are accepted: 1,000 clients connecting at once
 * overflowed Node's 511 (the kernel caps it at net.core.somaxconn).
 */
const LISTEN_BACKLOG = 4096;

/** The sender, its idle limit and the server's counters, as one handle for the request path. */
interface ZeroCopyUse {
  sender: ZeroCopy;
  idleMs: number;
  stats: ServeStats['zeroCopy'];
}

/**
 * Binds first (a busy port is a LISTEN error before the folder is even looked at), then serves
 * `root` once it is known to be a directory.
 */
export async function serveRepository(options: ServeOptions): Promise<RepositoryServer> {
  const stats: ServeStats = { requests: 0, bytes: 0, zeroCopy: { bytes: 0, waits: 0 } };
  type Respond = (req: IncomingMessage, res: ServerResponse) => void;
  const live: { respond?: Respond } = {};
  let ready: (respond: Respond | undefined) => void = () => {};
  // A request in the moment between the bind and the folder check waits for the check.
  const started = new Promise<Respond | undefined>((resolve) => (ready = resolve));
  const server = createServer((req, res) => {
    if (live.respond) live.respond(req, res);
    else void started.then((r) => (r ? r(req, res) : res.destroy()));
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 5_000;
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, host, options.port ?? 0, options.boundFd);
  const sockets = loadListenSockets();
  const queuedClosed = sockets ? acceptQueued(server, sockets) : async () => {};
  const close = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    await closed;
    await queuedClosed();
    clearTimeout(timer);
  };
  let realRoot: string;
  try {
    realRoot = await checkedRoot(options.root);
  } catch (error) {
    ready(undefined);
    await close();
    throw error;
  }
  const core = fileCore(options, stats.zeroCopy);
  live.respond = (req, res) => {
    answer(core, realRoot, req, res, req.url ?? '', (info) => {
      stats.requests++;
      stats.bytes += info.bytes;
      options.onRequest?.(info);
    });
  };
  ready(live.respond);
  return { url: `http://${hostPort(host, port)}`, port, close, stats };
}

/** How files are read and sent: the small-file cache and sendfile(2), shared by every request of one server. */
interface FileCore {
  cache: FileCache;
  zeroCopy: ZeroCopyUse | undefined;
}

function fileCore(options: Pick<ServeOptions, 'cacheBytes' | 'zeroCopy' | 'sendIdleMs'>, zeroCopyStats: ServeStats['zeroCopy']): FileCore {
  const sender = options.zeroCopy === false ? undefined : loadZeroCopy();
  const zeroCopy = sender ? { sender, idleMs: options.sendIdleMs ?? SEND_IDLE_MS, stats: zeroCopyStats } : undefined;
  const maxFileBytes = zeroCopy ? ZERO_COPY_MIN : FILE_CACHE_DEFAULTS.maxFileBytes;
  return { cache: new FileCache({ maxBytes: options.cacheBytes ?? FILE_CACHE_DEFAULTS.maxBytes, maxFileBytes }), zeroCopy };
}

/** One request, its failure answered 500 (or the connection cut once headers are out). */
function answer(core: FileCore, realRoot: string | undefined, req: IncomingMessage, res: ServerResponse, target: string, report: (info: RequestInfo) => void): void {
  handle(realRoot, core.cache, core.zeroCopy, req, res, target, report).catch(() => {
    if (!res.headersSent) sendText(res, req.method === 'HEAD', 500, 'internal error\n');
    else res.destroy();
  });
}

/**
 * The file-serving core of `updops serve` for a server that is not `updops serve` (the
 * controller's `/repository/`): GET and HEAD of one file under a folder with every guarantee
 * above — no path out of the folder, no dot-files, no listings, ETag, Range and the
 * conditional headers. The folder is looked up per request, so it may appear later (a DP's
 * first sync) or change (a commit moves the DP's repository).
 */
export interface RepositoryFiles {
  /** Answers `req` with the file `target` (a request path such as `/metadata/timestamp.json`) of `root`; a missing root answers 404. */
  respond(root: string, req: IncomingMessage, res: ServerResponse, target: string, onRequest?: (info: RequestInfo) => void): void;
  /** Counted when each response ends, as `RepositoryServer.stats`. */
  stats: ServeStats;
}

export function repositoryFiles(options: Pick<ServeOptions, 'cacheBytes' | 'zeroCopy' | 'sendIdleMs'> = {}): RepositoryFiles {
  const stats: ServeStats = { requests: 0, bytes: 0, zeroCopy: { bytes: 0, waits: 0 } };
  const core = fileCore(options, stats.zeroCopy);
  return {
    stats,
    respond: (root, req, res, target, onRequest) => {
      const realRoot = realRoots.get(root, () => realDirectory(root));
      answer(core, realRoot, req, res, target, (info) => {
        stats.requests++;
        stats.bytes += info.bytes;
        onRequest?.(info);
      });
    },
  };
}

/** The real path of `root` when it is a directory; undefined (everything under it is 404) otherwise. */
function realDirectory(root: string): string | undefined {
  try {
    const real = realpathSync.native(root);
    return statSync(real).isDirectory() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** Listens on host and port, or on an already bound socket; busy or forbidden is a LISTEN error. */
async function listen(server: Server, host: string, port: number, boundFd: number | undefined): Promise<number> {
  if (boundFd === undefined) return listenOn(server, { host, port, backlog: LISTEN_BACKLOG });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: unknown): void => reject(listenError(error, host, port));
    server.once('error', onError);
    server.listen({ fd: boundFd, backlog: LISTEN_BACKLOG }, () => {
      server.off('error', onError);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/**
 * Each connection libuv accepts (one per event-loop turn) takes the rest of the kernel's queue
 * along, so a burst of clients is not served one loop turn at a time (listen-socket.ts).
 * Answers a wait for those connections to end: `server.close()` counts only libuv's own.
 */
function acceptQueued(server: Server, sockets: ListenSockets): () => Promise<void> {
  const open = new Set<Socket>();
  let accepting = false;
  server.on('connection', () => {
    const fd = listeningFd(server);
    if (accepting || fd === undefined) return;
    accepting = true;
    try {
      for (let conn = sockets.acceptOne(fd); conn !== undefined; conn = sockets.acceptOne(fd)) {
        const socket = new Socket({ fd: conn, readable: true, writable: true });
        socket.setNoDelay(true); // as node:http sets on the connections it accepts itself
        open.add(socket);
        socket.once('close', () => open.delete(socket));
        server.emit('connection', socket);
      }
    } finally {
      accepting = false;
    }
  });
  return () => Promise.all([...open].map((s) => new Promise<void>((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve()))))).then(() => undefined);
}

/** The fd of the server's listening socket (libuv's handle, narrowed field by field as in sendfile.ts). */
function listeningFd(server: Server): number | undefined {
  if (!('_handle' in server)) return undefined;
  const handle = server._handle;
  if (typeof handle !== 'object' || handle === null || !('fd' in handle)) return undefined;
  const fd = handle.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : undefined;
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

/** `headers`: extra ones as a flat [name, value, …] list. */
function sendText(res: ServerResponse, head: boolean, status: number, text: string, headers: string[] = []): number {
  res.writeHead(status, [...headers, 'Content-Type', 'text/plain; charset=utf-8', 'Content-Length', String(Buffer.byteLength(text))]);
  res.end(head ? undefined : text);
  return head ? 0 : Buffer.byteLength(text);
}

/** Per event-loop turn (turn-memo.ts): the real path of a request path, and the stats of a cached file. */
const realPaths = new TurnMemo<string | undefined>();
const cachedStats = new TurnMemo<Stats | undefined>();
const realRoots = new TurnMemo<string | undefined>();

/** `target`: the request path relative to the served folder; `realRoot` undefined: no folder (404). */
async function handle(
  realRoot: string | undefined,
  cache: FileCache,
  zeroCopy: ZeroCopyUse | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  target: string,
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
    sent.bytes = sendText(res, false, 405, 'only GET and HEAD\n', ['Allow', 'GET, HEAD']);
    return;
  }
  const parsed = parseRequestPath(target);
  if (!parsed.ok || realRoot === undefined) {
    const status = parsed.ok ? 404 : parsed.status;
    sent.bytes = sendText(res, head, status, status === 400 ? 'bad request\n' : 'not found\n');
    return;
  }
  // open/stat/close are synchronous, as in nginx's event loop: on hot dentries each is a few
  // microseconds, while a hop to libuv's pool cost a context switch per call under load.
  const real = realPaths.get(`${realRoot}\0${parsed.segments.join('/')}`, () => resolveInside(realRoot, parsed.segments));
  const current = real !== undefined && cache.has(real) ? cachedStats.get(real, () => statSync(real, { throwIfNoEntry: false })) : undefined;
  const cached = current && real ? cache.lookup(real, current) : undefined;
  if (cached) {
    await sendFile(req, res, { buffer: cached.bytes }, cached.stats, real!, head, sent, undefined);
    return;
  }
  // Opened once, so what was stat'ed is what is sent, even if the file is replaced meanwhile.
  const opened = real === undefined ? undefined : openFile(real);
  if (!opened) {
    sent.bytes = sendText(res, head, 404, 'not found\n'); // directories too: no listings
    return;
  }
  const { fd, stats: fileStats } = opened;
  if (cache.cacheable(fileStats)) {
    const bytes = await readWhole(fd, fileStats.size).finally(() => closeSync(fd));
    cache.put(real!, fileStats, bytes);
    await sendFile(req, res, { buffer: bytes }, fileStats, real!, head, sent, undefined);
    return;
  }
  await sendFile(req, res, { fd }, fileStats, real!, head, sent, zeroCopy);
}

/** An open regular file and its stats; undefined (nothing left open) for anything else. */
function openFile(real: string): { fd: number; stats: Stats } | undefined {
  let fd: number;
  try {
    fd = openSync(real, 'r');
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isFile()) return { fd, stats };
  } catch {
    // fall through: treated as missing
  }
  closeSync(fd);
  return undefined;
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

/** Validator headers per file version (flat name/value list), kept for the hot files. */
const validatorCache = new Map<string, string[]>();
const VALIDATOR_CACHE_MAX = 4096;

function validatorsOf(stats: Stats): string[] {
  const key = `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
  let headers = validatorCache.get(key);
  if (!headers) {
    // Same URL, new bytes after a publish (timestamp.json): caches must revalidate.
    headers = ['ETag', etagOf(stats), 'Last-Modified', stats.mtime.toUTCString(), 'Accept-Ranges', 'bytes', 'Cache-Control', 'no-cache'];
    if (validatorCache.size >= VALIDATOR_CACHE_MAX) validatorCache.clear();
    validatorCache.set(key, headers);
  }
  return headers;
}

const release = (body: Body): void => {
  if ('fd' in body) closeSync(body.fd);
};

async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  body: Body,
  fileStats: Stats,
  real: string,
  head: boolean,
  sent: { bytes: number },
  zeroCopy: ZeroCopyUse | undefined,
): Promise<void> {
  const validators = validatorsOf(fileStats);
  const precondition = preconditions(req.method, req.headers, fileStats);
  if (precondition === 'not-modified') {
    release(body);
    res.writeHead(304, validators).end();
    return;
  }
  if (precondition === 'precondition-failed') {
    release(body);
    sent.bytes = sendText(res, head, 412, 'precondition failed\n', validators);
    return;
  }
  const range = selectRange(req.headers, fileStats);
  if (range.kind === 'unsatisfiable') {
    release(body);
    sent.bytes = sendText(res, head, 416, 'range not satisfiable\n', [...validators, 'Content-Range', `bytes */${fileStats.size}`]);
    return;
  }
  const start = range.kind === 'partial' ? range.start : 0;
  const end = range.kind === 'partial' ? range.end : fileStats.size - 1;
  const length = fileStats.size === 0 ? 0 : end - start + 1;
  // A flat [name, value, …] list: the cheapest form for writeHead, and the validators are shared.
  const headers = [...validators, 'Content-Type', contentType(real), 'Content-Length', String(length)];
  if (range.kind === 'partial') headers.push('Content-Range', `bytes ${start}-${end}/${fileStats.size}`);
  res.writeHead(range.kind === 'partial' ? 206 : 200, headers);
  if (head || length === 0) {
    release(body);
    res.end();
    return;
  }
  if ('buffer' in body) {
    sent.bytes = length;
    res.end(body.buffer.subarray(start, end + 1));
    return;
  }
  if (zeroCopy) {
    const outcome = await zeroCopyBody(zeroCopy.sender, res, body.fd, start, length, zeroCopy.idleMs);
    if (outcome !== 'not-used') {
      closeSync(body.fd);
      if (outcome === 'cut') return; // nothing counted as sent: the connection is gone
      zeroCopy.stats.waits += outcome;
      zeroCopy.stats.bytes += length;
      sent.bytes = length; // before end(): its report reads it
      res.end();
      return;
    }
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
