import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import cluster from 'node:cluster';
import { lookup } from 'node:dns/promises';
import { availableParallelism } from 'node:os';
import { ERROR_CODES, UpdopsError, isUpdopsError } from '../errors.js';
import type { ErrorCode } from '../errors.js';
import type { ListenSockets } from '../repository/index.js';
import type * as Repository from '../repository/index.js';
import { checkListen, hostPort, listenError } from '../util/index.js';
import { untilSignal } from './signals.js';

export interface ServeCommandOptions {
  repoDir: string;
  listen: string;
  verbose?: boolean;
  /** Processes sharing the port; default one per core. */
  workers?: number;
}

/** `HOST:PORT`, `[v6]:PORT`, `:PORT` or `PORT`; port 0 picks a free one. */
export function parseListen(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(text) ?? /^()()(\d+)$/.exec(text);
  const port = Number(match?.[3]);
  if (!match || !(port >= 0 && port <= 65535)) {
    throw new UpdopsError('USAGE', `--listen must be HOST:PORT, e.g. 127.0.0.1:8080 (got ${text})`);
  }
  return { host: match[1] || match[2] || '127.0.0.1', port };
}

/** Set in a serving process started by the primary: where to bind its SO_REUSEPORT socket. */
const WORKER_ENV = 'UPDOPS_SERVE_WORKER';

/** What a serving process tells the primary over IPC. */
type WorkerMessage = { listening: number } | { failed: { code: string; message: string } };

/** Loaded only once the port is known to be free: a busy port fails before the repository code is read. */
const repository = (): Promise<typeof Repository> => import('../repository/index.js');

const onRequestLog = (options: ServeCommandOptions) =>
  options.verbose ? { onRequest: (r: { method: string; path: string; status: number; bytes: number }) => process.stdout.write(`${new Date().toISOString()} ${r.method} ${r.path} ${r.status} ${r.bytes}\n`) } : {};

/** One serving process: the whole server alone, or one node:cluster worker sharing the port. */
async function serveHere(options: ServeCommandOptions, announce: boolean): Promise<number> {
  const { host, port } = parseListen(options.listen);
  const { serveRepository } = await repository();
  const server = await serveRepository({ root: options.repoDir, host, port, ...onRequestLog(options) });
  if (announce) process.stdout.write(`serving ${options.repoDir} on ${server.url}\n`);
  // A worker stops when the primary disconnects it; a single process on a signal.
  await (cluster.isWorker ? new Promise<void>((resolve) => cluster.worker?.once('disconnect', () => resolve())) : untilSignal());
  await server.close();
  if (announce) process.stdout.write(`stopped after ${server.stats.requests} requests, ${server.stats.bytes} bytes\n`);
  return 0;
}

/**
 * A serving process of the SO_REUSEPORT group: binds its own socket on the primary's port, says
 * so (or why not) over IPC, and stops when the primary disconnects (or is gone).
 */
async function serveWorker(options: ServeCommandOptions, sockets: ListenSockets, at: { address: string; port: number }): Promise<number> {
  // The primary may have disconnected already (another process failed first): nothing to tell then.
  const send = (message: WorkerMessage, then: () => void = () => {}): void => {
    if (process.connected) process.send?.(message, undefined, {}, then);
  };
  const { serveRepository } = await repository();
  let server: Awaited<ReturnType<typeof serveRepository>>;
  try {
    let fd: number;
    try {
      fd = sockets.bindReusePort(at.address, at.port);
    } catch (error) {
      throw listenError(error, at.address, at.port);
    }
    server = await serveRepository({ root: options.repoDir, host: at.address, port: at.port, boundFd: fd, ...onRequestLog(options) });
  } catch (error) {
    // The primary reports it, once for all processes.
    const failed = { code: isUpdopsError(error) ? error.code : 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
    send({ failed }, () => {
      if (process.connected) process.disconnect();
    });
    return 1;
  }
  send({ listening: server.port });
  // Ctrl-C reaches the whole process group: the primary stops everyone in order, by disconnecting.
  const ignore = (): void => {};
  process.on('SIGINT', ignore).on('SIGTERM', ignore);
  await new Promise<void>((resolve) => process.once('disconnect', () => resolve()));
  await server.close();
  if (process.connected) process.disconnect();
  return 0;
}

function workerFailure(failed: { code: string; message: string }): UpdopsError {
  const code = (ERROR_CODES as readonly string[]).includes(failed.code) ? (failed.code as ErrorCode) : 'INTERNAL';
  return new UpdopsError(code, failed.message);
}

/** Ends every child: disconnect (they close cleanly), SIGKILL for any still there after 5 s. */
async function stopChildren(children: ChildProcess[]): Promise<void> {
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  const exited = alive.map((c) => new Promise<void>((resolve) => c.once('exit', () => resolve())));
  for (const c of alive) if (c.connected) c.disconnect();
  const timer = setTimeout(() => alive.forEach((c) => c.kill('SIGKILL')), 5_000);
  await Promise.all(exited);
  clearTimeout(timer);
}

/**
 * Several processes, each listening on its own SO_REUSEPORT socket of the one port, so the
 * kernel spreads connections over them and no process hands connections to another
 * (listen-socket.ts says why node:cluster's round robin made the tail). Binds first: the port is
 * checked, then held by a bound socket of the primary, before any process starts.
 */
async function serveReusePort(options: ServeCommandOptions, workers: number, sockets: ListenSockets, port: number): Promise<number> {
  const { host } = parseListen(options.listen);
  const { address } = await lookup(host).catch((error: unknown) => {
    throw listenError(error, host, port);
  });
  let claim: number;
  try {
    claim = sockets.bindReusePort(address, port);
  } catch (error) {
    throw listenError(error, host, port);
  }
  const children: ChildProcess[] = [];
  try {
    const listening: Promise<void>[] = [];
    for (let i = 0; i < workers; i++) {
      // File reads of a busy server queue on libuv's pool (4 threads by default).
      const env = { ...process.env, [WORKER_ENV]: JSON.stringify({ address, port }), UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '16' };
      const child = fork(process.argv[1]!, process.argv.slice(2), { env });
      children.push(child);
      listening.push(
        new Promise<void>((resolve, reject) => {
          child.on('message', (message: WorkerMessage) => {
            if ('listening' in message) resolve();
            else reject(workerFailure(message.failed));
          });
          child.once('exit', (code) => reject(new UpdopsError('INTERNAL', `a serving process exited with code ${code} before listening`)));
        }),
      );
    }
    await Promise.all(listening);
    process.stdout.write(`serving ${options.repoDir} on http://${hostPort(host, port)}\n`);
    process.stderr.write(`${workers} processes share the port (SO_REUSEPORT)\n`);
    const lost = new Promise<number | null>((resolve) => children.forEach((c) => c.once('exit', (code) => resolve(code))));
    const stopped = await Promise.race([untilSignal().then(() => undefined), lost]);
    if (stopped !== undefined) throw new UpdopsError('INTERNAL', `a serving process exited with code ${stopped}; stopping the others`);
    process.stdout.write('stopped\n');
    return 0;
  } finally {
    await stopChildren(children);
    sockets.close(claim);
  }
}

/**
 * Where SO_REUSEPORT is not used: node:cluster's workers share the port (round robin). The port
 * is checked before any worker starts; a worker that cannot listen stops them all.
 */
async function servePrimary(options: ServeCommandOptions, workers: number): Promise<number> {
  const { host } = parseListen(options.listen);
  const listening: Promise<number>[] = [];
  for (let i = 0; i < workers; i++) {
    const worker = cluster.fork({ UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '16' });
    listening.push(
      new Promise((resolve, reject) => {
        worker.once('listening', (address) => resolve(address.port));
        worker.once('exit', (code) => reject(new UpdopsError('INTERNAL', `a serving process exited with code ${code} before listening`)));
      }),
    );
  }
  const stopWorkers = async (): Promise<void> => {
    const exited = Object.values(cluster.workers ?? {}).map((w) => new Promise<void>((resolve) => (!w || w.isDead() ? resolve() : w.once('exit', () => resolve()))));
    cluster.disconnect();
    await Promise.all(exited);
  };
  const ports = await Promise.all(listening).catch(async (error: unknown) => {
    await stopWorkers();
    throw error;
  });
  process.stdout.write(`serving ${options.repoDir} on http://${hostPort(host, ports[0]!)}\n`);
  process.stderr.write(`${workers} processes share the port\n`);
  await untilSignal();
  await stopWorkers();
  process.stdout.write('stopped\n');
  return 0;
}

/**
 * `updops serve REPO_DIR --listen HOST:PORT [--workers N]` (docs/design.md 3, "Serving"). The first
 * line names the URL (tests and scripts read it); runs until SIGINT/SIGTERM, then closes cleanly.
 * A busy port is `LISTEN: HOST:PORT is in use`, exit 1, before anything else is done.
 */
export async function serveCommand(options: ServeCommandOptions): Promise<number> {
  const workers = options.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1) throw new UpdopsError('USAGE', '--workers must be a whole number of at least 1');
  const workerAt = process.env[WORKER_ENV];
  const worker = workerAt && process.send ? (await repository()).loadListenSockets() : undefined;
  if (worker) return serveWorker(options, worker, JSON.parse(workerAt!) as { address: string; port: number });
  if (cluster.isWorker) return serveHere(options, false);
  // Bind first: nothing is loaded, forked or read before the port is known to be free.
  const { host, port: wanted } = parseListen(options.listen);
  const port = await checkListen({ host, port: wanted });
  if (workers === 1) return serveHere(options, true);
  const sockets = (await repository()).loadListenSockets();
  return sockets ? serveReusePort(options, workers, sockets, port) : servePrimary(options, workers);
}
