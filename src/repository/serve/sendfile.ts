/**
 * Zero-copy file bodies for `updops serve` (docs/design.md 3 "Serving"): sendfile(2) moves a file's
 * pages from the page cache into the socket inside the kernel, as nginx's `sendfile on` does,
 * instead of read(2) into a JS buffer and write(2) back out. On loopback under 1,000 clients
 * the copy through user space cost more CPU than everything else a response does.
 *
 * Node has no sendfile, so libc's is called through koffi (a maintained FFI with prebuilt
 * binaries). The socket stays non-blocking and owned by libuv; when it is full, the fd waits for
 * EPOLLOUT on an epoll instance of our own (separate from libuv's, so the two never interfere),
 * polled by one `epoll_wait` running on the libuv pool only while a send is waiting.
 *
 * Only where the constants and the struct layout below are known to be right: Linux with glibc
 * on x86-64 and arm64 (`zeroCopyLayout`). Anywhere else, with `UPDOPS_SERVE_NO_SENDFILE=1`, or
 * if koffi cannot load, `loadZeroCopy()` answers undefined and the server streams through user
 * space; the two send the same bytes (test/repository/serve-parity.test.ts).
 */
import { createRequire } from 'node:module';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type * as Koffi from 'koffi';

/** Linux values, the same on x86-64 and arm64 (and not on every Linux architecture: alpha, mips and sparc differ). */
const EINTR = 4;
const ENOENT = 2;
const EAGAIN = 11;
const EPOLLOUT = 0x004;
const EPOLLONESHOT = 1 << 30;
const EPOLL_CTL_ADD = 1;
const EPOLL_CTL_MOD = 3;
const EPOLL_CLOEXEC = 0o2000000;
const IPPROTO_TCP = 6;
const TCP_CORK = 3;
const MAX_EVENTS = 256;
/** How often a waiting poll wakes to expire stalled clients. */
const POLL_MS = 500;

export interface ZeroCopy {
  /**
   * Sends `length` bytes of the open file `fd` from `offset` on `socket` (nothing else may be
   * written to it meanwhile). Resolves, with how often the socket was full and had to be
   * waited for, once every byte is in the socket's send buffer; rejects if the client goes
   * away or reads nothing for `idleMs`.
   */
  send(socket: Socket, fd: number, offset: number, length: number, idleMs: number): Promise<number>;
  /**
   * TCP_CORK on (true) or off: while corked, the kernel holds partial frames, so the header
   * block and the start of the body leave as full segments (nginx's `tcp_nopush`), one wakeup
   * of the client instead of two. False if the socket is not a plain TCP socket.
   */
  cork(socket: Socket, on: boolean): boolean;
  /**
   * As much of the range as the socket takes right now, without waiting: answers the bytes
   * sent (all of them, usually, on a fast client). Throws as `send` does.
   */
  sendNow(socket: Socket, fd: number, offset: number, length: number): number;
}

interface Libc {
  sendfile: (out: number, input: number, offset: BigInt64Array, count: number) => number;
  epollCreate: (flags: number) => number;
  epollCtl: (epfd: number, op: number, fd: number, event: Buffer) => number;
  epollWait: { async: (epfd: number, events: Buffer, max: number, timeout: number, done: (error: unknown, n: number) => void) => void };
  setsockopt: (fd: number, level: number, name: number, value: Int32Array, size: number) => number;
  errno: () => number;
}

/** Where `struct epoll_event`'s 64-bit data field sits, and the struct's size. */
export interface EpollLayout {
  eventSize: number;
  dataOffset: number;
}

/**
 * The architectures whose layout and constants this file was written for, both 64-bit (so
 * glibc's `sendfile` takes a 64-bit offset: files over 4 GiB are fine) and little-endian (the
 * event is written with writeUInt32LE). x86-64 packs the struct (12 bytes); arm64 aligns the
 * data field (16 bytes). 32-bit x86 packs it too but has a 32-bit `off_t`: not listed.
 */
const LINUX_LAYOUTS: Readonly<Partial<Record<NodeJS.Architecture, EpollLayout>>> = {
  x64: { eventSize: 12, dataOffset: 4 },
  arm64: { eventSize: 16, dataOffset: 8 },
};

/** The layout for a platform and CPU, or undefined where sendfile(2) must not be called this way. */
export function zeroCopyLayout(platform: NodeJS.Platform, arch: NodeJS.Architecture): EpollLayout | undefined {
  return platform === 'linux' ? LINUX_LAYOUTS[arch] : undefined;
}

/** Set to `1`, the server streams every body through user space. */
export const NO_SENDFILE_ENV = 'UPDOPS_SERVE_NO_SENDFILE';

/** One sender per process (one epoll instance); null once loading failed. */
let loaded: ZeroCopy | null | undefined;

/** The zero-copy sender, or undefined where sendfile(2) cannot or must not be used; the environment is read on every call. */
export function loadZeroCopy(): ZeroCopy | undefined {
  if (process.env[NO_SENDFILE_ENV] === '1') return undefined;
  const layout = zeroCopyLayout(process.platform, process.arch);
  if (!layout) return undefined;
  if (loaded === undefined) loaded = tryLoad(layout);
  return loaded ?? undefined;
}

function tryLoad(layout: EpollLayout): ZeroCopy | null {
  try {
    const koffi = createRequire(import.meta.url)('koffi') as typeof Koffi;
    const libc = koffi.load('libc.so.6');
    const lib: Libc = {
      sendfile: libc.func('intptr_t sendfile(int out_fd, int in_fd, int64_t *offset, size_t count)'),
      epollCreate: libc.func('int epoll_create1(int flags)'),
      epollCtl: libc.func('int epoll_ctl(int epfd, int op, int fd, void *event)'),
      epollWait: libc.func('int epoll_wait(int epfd, _Out_ void *events, int maxevents, int timeout)'),
      setsockopt: libc.func('int setsockopt(int fd, int level, int optname, int *optval, uint32_t optlen)'),
      errno: () => koffi.errno(),
    };
    const epfd = lib.epollCreate(EPOLL_CLOEXEC);
    if (epfd < 0) return null;
    return new Sender(lib, new WritableWaiter(lib, epfd, layout));
  } catch {
    return null;
  }
}

/**
 * A response's body by sendfile(2), when the response owns the socket outright: its headers
 * set (writeHead) but not yet sent, nothing queued before them (a pipelined request answered
 * early, a corked socket or TLS take the streaming path). Sends header and body under
 * TCP_CORK. Answers how often a full socket was waited for, once the body is out (the caller
 * then ends the response); `not-used` if it could not start (stream it instead); `cut` if it
 * failed once bytes were sent: the connection is destroyed, since the promised length can no
 * longer be kept. The file stays open either way: it is the caller's to close.
 */
export async function zeroCopyBody(sender: ZeroCopy, res: ServerResponse, fd: number, start: number, length: number, idleMs: number): Promise<number | 'not-used' | 'cut'> {
  const socket = res.socket;
  // Node's own field for the response that owns the socket (a pipelined one waits its turn).
  if (!socket || !('_httpMessage' in socket) || socket._httpMessage !== res) return 'not-used';
  const corked = sender.cork(socket, true);
  res.flushHeaders();
  if (socket.writableLength > 0 || socket.destroyed) {
    if (corked) sender.cork(socket, false);
    return 'not-used';
  }
  let waits = 0;
  try {
    // Most bodies fit the socket's buffer at once: no promise, no wait.
    const first = sender.sendNow(socket, fd, start, length);
    if (first < length) waits = await sender.send(socket, fd, start + first, length - first, idleMs);
  } catch {
    socket.destroy();
    return 'cut';
  }
  if (corked) sender.cork(socket, false);
  return waits;
}

/** The fd libuv holds for a TCP socket (undefined for anything else, e.g. TLS). */
function socketFd(socket: Socket): number | undefined {
  // libuv's handle is not in Node's types: narrowed field by field instead of cast.
  if (!('_handle' in socket)) return undefined;
  const handle = socket._handle;
  if (typeof handle !== 'object' || handle === null || !('fd' in handle)) return undefined;
  const fd = handle.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : undefined;
}

function errnoError(call: string, errno: number): Error {
  return Object.assign(new Error(`${call} failed (errno ${errno})`), { errno });
}

const ON = new Int32Array([1]);
const OFF = new Int32Array([0]);

class Sender implements ZeroCopy {
  constructor(
    private readonly lib: Libc,
    private readonly waiter: WritableWaiter,
  ) {}

  cork(socket: Socket, on: boolean): boolean {
    const fd = socketFd(socket);
    return fd !== undefined && this.lib.setsockopt(fd, IPPROTO_TCP, TCP_CORK, on ? ON : OFF, 4) === 0;
  }

  sendNow(socket: Socket, fd: number, offset: number, length: number): number {
    const out = socketFd(socket);
    if (out === undefined) throw new Error('not a plain TCP socket');
    const position = new BigInt64Array([BigInt(offset)]);
    let sent = 0;
    while (sent < length) {
      const n = this.lib.sendfile(out, fd, position, length - sent);
      if (n > 0) {
        sent += n;
        continue;
      }
      if (n === 0) throw new Error('the file ended before its size (changed while being sent)');
      const errno = this.lib.errno();
      if (errno === EAGAIN) break;
      if (errno !== EINTR) throw errnoError('sendfile', errno);
    }
    return sent;
  }

  async send(socket: Socket, fd: number, offset: number, length: number, idleMs: number): Promise<number> {
    let waits = 0;
    for (let sent = 0; ; waits++) {
      if (socket.destroyed) throw new Error('the client closed the connection');
      sent += this.sendNow(socket, fd, offset + sent, length - sent);
      if (sent >= length) return waits;
      await this.waiter.wait(socket, socketFd(socket)!, idleMs);
    }
  }
}

interface Waiting {
  resolve: () => void;
  reject: (error: Error) => void;
  deadline: number;
}

/** Waits for sockets to become writable again, on an epoll instance separate from libuv's. */
class WritableWaiter {
  private readonly waiting = new Map<number, Waiting>();
  private readonly events: Buffer;
  private nextId = 1;
  private polling = false;

  constructor(
    private readonly lib: Libc,
    private readonly epfd: number,
    private readonly layout: EpollLayout,
  ) {
    this.events = Buffer.alloc(layout.eventSize * MAX_EVENTS);
  }

  wait(socket: Socket, fd: number, idleMs: number): Promise<void> {
    const id = this.nextId;
    this.nextId = this.nextId >= 0xffff_fff0 ? 1 : this.nextId + 1;
    return new Promise<void>((resolve, reject) => {
      const onClose = (): void => settle(new Error('the client closed the connection'));
      const settle = (error?: Error): void => {
        if (!this.waiting.delete(id)) return;
        socket.off('close', onClose);
        if (error) reject(error);
        else resolve();
      };
      this.waiting.set(id, { resolve: () => settle(), reject: settle, deadline: Date.now() + idleMs });
      socket.once('close', onClose);
      const event = Buffer.alloc(this.layout.eventSize);
      event.writeUInt32LE((EPOLLOUT | EPOLLONESHOT) >>> 0, 0);
      event.writeUInt32LE(id, this.layout.dataOffset);
      // A keep-alive socket stays registered (disarmed) after its first wait: re-arm it.
      // A closed fd leaves the set by itself, so a new socket on a reused number is added anew.
      if (this.lib.epollCtl(this.epfd, EPOLL_CTL_MOD, fd, event) !== 0) {
        const errno = this.lib.errno();
        if (errno !== ENOENT || this.lib.epollCtl(this.epfd, EPOLL_CTL_ADD, fd, event) !== 0) {
          settle(errnoError('epoll_ctl', errno === ENOENT ? this.lib.errno() : errno));
          return;
        }
      }
      this.poll();
    });
  }

  /** One epoll_wait in flight while anything waits; none (no thread, no ref) otherwise. */
  private poll(): void {
    if (this.polling || this.waiting.size === 0) return;
    this.polling = true;
    this.lib.epollWait.async(this.epfd, this.events, MAX_EVENTS, POLL_MS, (error, n) => {
      this.polling = false;
      const ready = error ? 0 : n;
      for (let i = 0; i < ready; i++) this.waiting.get(this.events.readUInt32LE(i * this.layout.eventSize + this.layout.dataOffset))?.resolve();
      const now = Date.now();
      for (const w of this.waiting.values()) {
        if (w.deadline <= now) w.reject(Object.assign(new Error('the client read nothing for too long'), { code: 'ETIMEDOUT' }));
      }
      this.poll();
    });
  }
}
