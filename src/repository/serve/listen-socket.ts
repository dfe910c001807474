/**
 * Listening sockets for `updops serve` under many connections (docs/design.md 3 "Serving"),
 * through libc by koffi as in sendfile.ts, where Node has no API:
 *
 * - **SO_REUSEPORT**: each serving process listens on its own socket of one port, and the kernel
 *   spreads new connections over them by a hash of the 4-tuple (nginx's `reuseport`). With
 *   node:cluster's round robin the primary handed connections out one at a time, each waiting
 *   for a busy worker's event loop to acknowledge it: with 1,000 clients at once, a third of
 *   them still sat in the primary after 5 s, and their first requests made the p99 of seconds.
 * - **Accepting what is queued**: libuv accepts one connection per event-loop turn; a turn of a
 *   loaded server serving 500 connections takes tens of milliseconds, so a burst of new clients
 *   waited seconds in the kernel's queue (their requests already sent, the clock running).
 *   `acceptQueued` takes the rest of the queue in the same turn.
 *
 * Only where sendfile.ts's layout is known (Linux with glibc on x86-64 and arm64, whose
 * constants below are the same), unless `UPDOPS_SERVE_NO_REUSEPORT=1`; elsewhere
 * `loadListenSockets()` answers undefined and serving keeps node:cluster and libuv's pace.
 */
import { isIP } from 'node:net';
import { createRequire } from 'node:module';
import type * as Koffi from 'koffi';
import { zeroCopyLayout } from './sendfile.js';

const AF_INET = 2;
const AF_INET6 = 10;
const SOCK_STREAM = 1;
const SOCK_NONBLOCK = 0o4000;
const SOCK_CLOEXEC = 0o2000000;
const SOL_SOCKET = 1;
const SO_REUSEADDR = 2;
const SO_REUSEPORT = 15;
const EINTR = 4;
/** errno → the code Node would give, so `listenError` reads them alike. */
const ERRNO_CODES: Record<number, string> = { 13: 'EACCES', 98: 'EADDRINUSE', 99: 'EADDRNOTAVAIL' };

/** Set to `1`, serving uses node:cluster and libuv's own accepting instead. */
export const NO_REUSEPORT_ENV = 'UPDOPS_SERVE_NO_REUSEPORT';

export interface ListenSockets {
  /**
   * A new TCP socket with SO_REUSEPORT (and SO_REUSEADDR, as libuv sets) bound to `address`
   * (an IP literal) and `port`, not yet listening: its fd. Throws an error whose `code` is the
   * errno's name (EADDRINUSE when a socket without SO_REUSEPORT holds the port).
   */
  bindReusePort(address: string, port: number): number;
  /** The next connection waiting on listening socket `fd`, or undefined when none is. */
  acceptOne(fd: number): number | undefined;
  close(fd: number): void;
}

interface Libc {
  socket: (domain: number, type: number, protocol: number) => number;
  setsockopt: (fd: number, level: number, name: number, value: Int32Array, size: number) => number;
  bind: (fd: number, addr: Buffer, size: number) => number;
  accept4: (fd: number, addr: null, size: null, flags: number) => number;
  close: (fd: number) => number;
  inetPton: (family: number, text: string, out: Buffer) => number;
  errno: () => number;
}

let loaded: ListenSockets | null | undefined;

export function loadListenSockets(): ListenSockets | undefined {
  if (process.env[NO_REUSEPORT_ENV] === '1') return undefined;
  if (!zeroCopyLayout(process.platform, process.arch)) return undefined;
  if (loaded === undefined) loaded = tryLoad();
  return loaded ?? undefined;
}

function tryLoad(): ListenSockets | null {
  try {
    const koffi = createRequire(import.meta.url)('koffi') as typeof Koffi;
    const libc = koffi.load('libc.so.6');
    const lib: Libc = {
      socket: libc.func('int socket(int domain, int type, int protocol)'),
      setsockopt: libc.func('int setsockopt(int fd, int level, int optname, int *optval, uint32_t optlen)'),
      bind: libc.func('int bind(int fd, void *addr, uint32_t addrlen)'),
      accept4: libc.func('int accept4(int fd, void *addr, void *addrlen, int flags)'),
      close: libc.func('int close(int fd)'),
      inetPton: libc.func('int inet_pton(int af, const char *src, _Out_ void *dst)'),
      errno: () => koffi.errno(),
    };
    return new Sockets(lib);
  } catch {
    return null;
  }
}

const ON = new Int32Array([1]);

class Sockets implements ListenSockets {
  constructor(private readonly lib: Libc) {}

  private fail(call: string, fd?: number): never {
    const errno = this.lib.errno();
    if (fd !== undefined) this.lib.close(fd);
    throw Object.assign(new Error(`${call} failed (errno ${errno})`), { errno, code: ERRNO_CODES[errno] ?? `ERRNO_${errno}` });
  }

  /** `struct sockaddr_in` / `sockaddr_in6` for an IP literal (port in network order, address by inet_pton). */
  private sockaddrOf(address: string, port: number): Buffer {
    const family = isIP(address);
    if (family === 0) throw Object.assign(new Error(`${address} is not an IP address`), { code: 'EADDRNOTAVAIL' });
    const sa = Buffer.alloc(family === 4 ? 16 : 28);
    sa.writeUInt16LE(family === 4 ? AF_INET : AF_INET6, 0);
    sa.writeUInt16BE(port, 2);
    const bytes = Buffer.alloc(16);
    if (this.lib.inetPton(family === 4 ? AF_INET : AF_INET6, address.replace(/%.*$/, ''), bytes) !== 1) {
      throw Object.assign(new Error(`${address} is not an IP address`), { code: 'EADDRNOTAVAIL' });
    }
    bytes.copy(sa, family === 4 ? 4 : 8, 0, family === 4 ? 4 : 16);
    return sa;
  }

  bindReusePort(address: string, port: number): number {
    const sa = this.sockaddrOf(address, port);
    const fd = this.lib.socket(sa.readUInt16LE(0), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) this.fail('socket');
    if (this.lib.setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, ON, 4) !== 0) this.fail('setsockopt', fd);
    if (this.lib.setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, ON, 4) !== 0) this.fail('setsockopt', fd);
    if (this.lib.bind(fd, sa, sa.length) !== 0) this.fail('bind', fd);
    return fd;
  }

  acceptOne(fd: number): number | undefined {
    for (;;) {
      const conn = this.lib.accept4(fd, null, null, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (conn >= 0) return conn;
      // EAGAIN (queue empty), EMFILE (libuv sheds that load itself), a client gone: stop here.
      if (this.lib.errno() !== EINTR) return undefined;
    }
  }

  close(fd: number): void {
    this.lib.close(fd);
  }
}
