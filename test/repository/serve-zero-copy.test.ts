/**
 * `updops serve` sends file bodies with sendfile(2) (src/repository/serve/sendfile.ts): the same
 * bytes as the streaming path, through a full socket (a client that stops reading for a while),
 * a client that goes away mid-body, a client that never reads again, and pipelined requests.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import type { Test } from 'tap';
import { serveRepository } from '../../src/repository/serve/index.js';
import type { RepositoryServer } from '../../src/repository/serve/index.js';
import { loadZeroCopy } from '../../src/repository/serve/sendfile.js';
import { tempDir } from './publish-fixture.js';

const BIG = 24 * 1024 * 1024 + 5;

async function fixture(t: Test, options: { zeroCopy?: boolean; sendIdleMs?: number } = {}) {
  const root = path.join(await tempDir(t, 'updops-zero-copy-'), 'repo');
  await mkdir(path.join(root, 'targets'), { recursive: true });
  const big = randomBytes(BIG);
  const mid = randomBytes(300 * 1024);
  await writeFile(path.join(root, 'targets', 'big.bin'), big);
  await writeFile(path.join(root, 'targets', 'mid.bin'), mid);
  const server = await serveRepository({ root, ...options });
  t.teardown(() => server.close());
  return { server, big, mid };
}

interface RawReply {
  head: string;
  body: Buffer;
}

/** Splits one HTTP/1.1 response with Content-Length off the front of `data`. */
function takeResponse(data: Buffer): { reply: RawReply; rest: Buffer } | undefined {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const head = data.subarray(0, end).toString('latin1');
  const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? NaN);
  if (data.length < end + 4 + length) return undefined;
  return { reply: { head, body: data.subarray(end + 4, end + 4 + length) }, rest: data.subarray(end + 4 + length) };
}

/**
 * Sends `requests` at once on one connection (pipelined) and reads `count` responses; the
 * client stops reading for `pauseMs` after its first chunk, so the server's socket fills up.
 */
function exchange(server: RepositoryServer, requests: string, count: number, pauseMs = 0): Promise<RawReply[]> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write(requests));
    let data: Buffer = Buffer.alloc(0);
    const replies: RawReply[] = [];
    let paused = false;
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (pauseMs > 0 && !paused) {
        paused = true;
        socket.pause();
        setTimeout(() => socket.resume(), pauseMs);
      }
      for (let next = takeResponse(data); next; next = takeResponse(data)) {
        replies.push(next.reply);
        data = next.rest;
      }
      if (replies.length === count) {
        socket.destroy();
        resolve(replies);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`connection closed after ${replies.length} of ${count} responses`)));
  });
}

const getLine = (file: string, extra = ''): string => `GET /targets/${file} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}\r\n`;
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function openFds(): Promise<number> {
  return (await readdir('/proc/self/fd')).length;
}

const linux = process.platform === 'linux';

t.test('sendfile(2) is available on Linux', { skip: !linux && 'sendfile(2) is Linux-only' }, async (t) => {
  t.ok(loadZeroCopy(), 'koffi loaded libc and an epoll instance was made');
});

t.test('bodies go out by sendfile and are byte-identical to the file, whole and in ranges', { skip: !linux && 'Linux-only' }, async (t) => {
  const { server, big, mid } = await fixture(t);
  const [whole] = await exchange(server, getLine('big.bin'), 1);
  t.match(whole!.head, /^HTTP\/1\.1 200/);
  t.equal(sha(whole!.body), sha(big), 'whole file');
  const [part] = await exchange(server, getLine('mid.bin', 'Range: bytes=1000-70999\r\n'), 1);
  t.match(part!.head, /^HTTP\/1\.1 206/);
  t.match(part!.head, /Content-Range: bytes 1000-70999\/307200/i);
  t.same(part!.body, mid.subarray(1000, 71000), 'range');
  t.equal(server.stats.zeroCopy.bytes, BIG + 70000, 'every body byte was counted as sent by sendfile');
});

t.test('a client that stops reading: the server waits for the socket and the body completes', { skip: !linux && 'Linux-only' }, async (t) => {
  const { server, big } = await fixture(t);
  const [reply] = await exchange(server, getLine('big.bin'), 1, 300);
  t.equal(sha(reply!.body), sha(big));
  t.ok(server.stats.zeroCopy.waits > 0, `the socket filled up and was waited for (${server.stats.zeroCopy.waits} waits)`);
});

t.test('pipelined requests on one connection each get their own complete body', { skip: !linux && 'Linux-only' }, async (t) => {
  const { server, big, mid } = await fixture(t);
  const replies = await exchange(server, getLine('mid.bin') + getLine('big.bin') + getLine('mid.bin', 'Range: bytes=0-9\r\n'), 3, 100);
  t.same(replies[0]!.body, mid);
  t.equal(sha(replies[1]!.body), sha(big));
  t.same(replies[2]!.body, mid.subarray(0, 10));
});

t.test('a client that goes away mid-body leaves the server healthy, with no file left open', { skip: !linux && 'Linux-only' }, async (t) => {
  const { server, mid } = await fixture(t);
  const before = await openFds();
  for (let i = 0; i < 20; i++) {
    await new Promise<void>((resolve) => {
      const socket = net.connect(server.port, '127.0.0.1', () => socket.write(getLine('big.bin')));
      socket.once('data', () => {
        socket.destroy();
        resolve();
      });
    });
  }
  await sleep(700); // lets every cut send notice its closed socket (one poll period)
  t.equal(await openFds(), before, 'every file opened for a cut-off body was closed');
  const [reply] = await exchange(server, getLine('mid.bin'), 1);
  t.same(reply!.body, mid, 'still serving');
});

t.test('a client that stops reading for longer than the idle limit is cut off', { skip: !linux && 'Linux-only' }, async (t) => {
  const { server } = await fixture(t, { sendIdleMs: 300 });
  const received = await new Promise<number>((resolve) => {
    let bytes = 0;
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write(getLine('big.bin')));
    // A paused socket cannot see the server's close: it reads again after 1.5 s and finds it.
    socket.once('data', () => {
      socket.pause();
      setTimeout(() => socket.resume(), 1_500);
    });
    socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(bytes));
  });
  t.ok(received < BIG, `the server closed the connection after ${received} of ${BIG} body bytes`);
  t.equal(server.stats.zeroCopy.bytes, 0, 'the cut body is not counted as sent');
});

t.test('zeroCopy: false streams the same bytes through user space', async (t) => {
  const { server, big } = await fixture(t, { zeroCopy: false });
  const [reply] = await exchange(server, getLine('big.bin'), 1);
  t.equal(sha(reply!.body), sha(big));
  t.equal(server.stats.zeroCopy.bytes, 0);
});
