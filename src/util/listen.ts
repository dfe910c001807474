/**
 * Binding a listener, first thing, with one clear error (docs/design.md 4): a busy or forbidden
 * address is `LISTEN: 127.0.0.1:8080 is in use`, not an internal error after work was done.
 * `updops serve` and the controller listen through here before doing anything else.
 */
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { UpdopsError } from '../errors.js';

/** `HOST:PORT`, with an IPv6 host in brackets (`[::1]:8080`). */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** `127.0.0.0/8`, `::1` and `localhost`: an address only this machine reaches (`0.0.0.0` and `::` are every address). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || bare === '0:0:0:0:0:0:0:1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare) || /^::ffff:127\./.test(bare);
}

/** The system error's code (`EADDRINUSE`, …), if it has one. */
function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * A bind/listen failure as the UpdopsError a person can act on (code LISTEN) for a busy,
 * forbidden or foreign address; anything else is returned unchanged (as an Error).
 */
export function listenError(error: unknown, host: string, port: number): Error {
  const where = hostPort(host, port);
  switch (errorCode(error)) {
    case 'EADDRINUSE':
      return new UpdopsError('LISTEN', `${where} is in use`, { cause: error });
    case 'EACCES':
      return new UpdopsError('LISTEN', `${where} is not allowed for this user (ports below 1024 need privileges)`, { cause: error });
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UpdopsError('LISTEN', `${where}: ${host} is not an address of this machine`, { cause: error });
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}

export interface ListenAt {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Length of the queue of connections not yet accepted (the kernel caps it at net.core.somaxconn). */
  backlog?: number;
}

/** Starts `server` listening; resolves with the port it got, or rejects with `listenError`'s LISTEN error. */
export function listenOn(server: Server, at: ListenAt): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const onError = (error: unknown): void => reject(listenError(error, at.host, at.port));
    server.once('error', onError);
    server.listen({ host: at.host, port: at.port, ...(at.backlog !== undefined ? { backlog: at.backlog } : {}) }, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : at.port);
    });
  });
}

/**
 * Whether `host:port` can be listened on right now: binds and closes at once. Resolves with the
 * port (the one the system picked for port 0); rejects with the LISTEN error otherwise.
 */
export async function checkListen(at: ListenAt): Promise<number> {
  const server = createServer();
  const port = await listenOn(server, at);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
