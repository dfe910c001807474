/**
 * `updops serve` has two ways to send a file body (src/repository/serve/sendfile.ts): sendfile(2)
 * through koffi, and streaming through user space (`zeroCopy: false`, `UPDOPS_SERVE_NO_SENDFILE=1`,
 * or any platform the FFI is not written for). Parity: for whole files and many ranges (first
 * and last byte, suffixes, ranges over 64 KiB boundaries) and for a sparse file over 4 GiB
 * (ranges at 2^31, at 2^32 and at the end; never the whole file through the socket), both send
 * the same status, the same range headers and the same bytes, and those bytes are the file's.
 */
import { closeSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { serveRepository } from '../../src/repository/serve/index.js';
import type { RepositoryServer } from '../../src/repository/serve/index.js';
import { loadZeroCopy, NO_SENDFILE_ENV, zeroCopyLayout } from '../../src/repository/serve/sendfile.js';
import { seededBytes } from '../helpers/loopback.js';
import { tempDir } from './publish-fixture.js';

const KIB64 = 64 * 1024;
const GIB4 = 2 ** 32;
const MIB = 1024 * 1024;
/** 4 GiB + 3 MiB + 7: offsets past 2^32 that a 32-bit truncation would map onto the marked first MiB. */
const HUGE = GIB4 + 3 * MIB + 7;
/** Written regions of the sparse file; everything else is a hole (zeros). */
const HUGE_MARKERS: readonly { at: number; size: number }[] = [
  { at: 0, size: MIB },
  { at: 2 ** 31 - 4096, size: 8192 },
  { at: GIB4 - MIB, size: 2 * MIB },
  { at: HUGE - KIB64, size: KIB64 },
];

const zeroCopyHere = loadZeroCopy() !== undefined;

interface Reply {
  status: number;
  contentRange: string | null;
  contentLength: string | null;
  body: Buffer;
}

async function get(server: RepositoryServer, file: string, range?: string, method = 'GET'): Promise<Reply> {
  const res = await fetch(`${server.url}/targets/${file}`, { method, headers: range === undefined ? {} : { Range: range } });
  return { status: res.status, contentRange: res.headers.get('content-range'), contentLength: res.headers.get('content-length'), body: Buffer.from(await res.arrayBuffer()) };
}

/** The bytes a `Range` must answer, read from the file itself (undefined: the whole file). */
function expectedSlice(file: string, size: number, range: string | undefined): Buffer | 'unsatisfiable' {
  const m = range === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(range);
  let start = 0;
  let end = size - 1;
  if (m?.[1] === '' && m[2] !== '') start = Math.max(0, size - Number(m[2]));
  else if (m) {
    start = Number(m[1]);
    if (m[2] !== '' && Number(m[2]) < start) start = 0; // an invalid range is ignored: the whole file
    else if (m[2] !== '') end = Math.min(Number(m[2]), size - 1);
    if (start >= size) return 'unsatisfiable';
  }
  const out = Buffer.alloc(end - start + 1);
  const fd = openSync(file, 'r');
  try {
    for (let done = 0; done < out.length; ) done += readSync(fd, out, done, out.length - done, start + done);
  } finally {
    closeSync(fd);
  }
  return out;
}

/** Both servers over one root, with the memory cache off so every body is read from the file. */
async function servers(t: Test, root: string): Promise<{ zeroCopy: RepositoryServer; streamed: RepositoryServer }> {
  const zeroCopy = await serveRepository({ root, cacheBytes: 0 });
  const streamed = await serveRepository({ root, cacheBytes: 0, zeroCopy: false });
  t.teardown(() => Promise.all([zeroCopy.close(), streamed.close()]));
  return { zeroCopy, streamed };
}

/**
 * Every range on both servers: the same answer, and the file's own bytes. Returns the body bytes
 * the zero-copy server sent, for its sendfile counter.
 */
async function compareRanges(t: Test, both: { zeroCopy: RepositoryServer; streamed: RepositoryServer }, root: string, file: string, size: number, ranges: (string | undefined)[]): Promise<number> {
  let bodyBytes = 0;
  for (const range of ranges) {
    const what = `${file} ${range ?? 'whole file'}`;
    const [fast, slow] = await Promise.all([get(both.zeroCopy, file, range), get(both.streamed, file, range)]);
    const want = expectedSlice(path.join(root, 'targets', file), size, range);
    t.same({ status: fast.status, contentRange: fast.contentRange, contentLength: fast.contentLength }, { status: slow.status, contentRange: slow.contentRange, contentLength: slow.contentLength }, `${what}: same status and headers`);
    if (want === 'unsatisfiable') {
      t.equal(fast.status, 416, `${what}: not satisfiable`);
      continue;
    }
    t.equal(fast.status, range === undefined || fast.contentRange === null ? 200 : 206, `${what}: status ${fast.status}`);
    t.equal(Number(fast.contentLength), want.length, `${what}: length ${want.length}`);
    t.ok(fast.body.equals(slow.body), `${what}: sendfile and streamed bodies are byte-identical`);
    t.ok(fast.body.equals(want), `${what}: and they are the file's bytes`);
    bodyBytes += want.length;
  }
  return bodyBytes;
}

t.test('the FFI is used only where its struct layout and constants are known: Linux on x64 and arm64', async (t) => {
  t.same(zeroCopyLayout('linux', 'x64'), { eventSize: 12, dataOffset: 4 }, 'x86-64: packed epoll_event');
  t.same(zeroCopyLayout('linux', 'arm64'), { eventSize: 16, dataOffset: 8 }, 'arm64: aligned data field');
  for (const arch of ['ia32', 'arm', 'riscv64', 'ppc64', 's390x', 'mips', 'mipsel', 'loong64'] as const) {
    t.equal(zeroCopyLayout('linux', arch), undefined, `linux/${arch}: streams`);
  }
  for (const platform of ['darwin', 'win32', 'freebsd', 'openbsd', 'android', 'sunos', 'aix'] as const) {
    t.equal(zeroCopyLayout(platform, 'x64'), undefined, `${platform}/x64: streams`);
    t.equal(zeroCopyLayout(platform, 'arm64'), undefined, `${platform}/arm64: streams`);
  }
  if (!zeroCopyLayout(process.platform, process.arch)) t.equal(loadZeroCopy(), undefined, `this ${process.platform}/${process.arch} machine streams`);
  else t.ok(zeroCopyHere, `this ${process.platform}/${process.arch} machine loads the sender`);
});

t.test(`${NO_SENDFILE_ENV}=1 forces streaming, read when the server starts`, async (t) => {
  const root = path.join(await tempDir(t, 'updops-serve-env-'), 'repo');
  await mkdir(path.join(root, 'targets'), { recursive: true });
  const bytes = seededBytes('env', 3 * KIB64 + 11);
  await writeFile(path.join(root, 'targets', 'f.bin'), bytes);
  const before = process.env[NO_SENDFILE_ENV];
  process.env[NO_SENDFILE_ENV] = '1';
  t.teardown(() => {
    if (before === undefined) delete process.env[NO_SENDFILE_ENV];
    else process.env[NO_SENDFILE_ENV] = before;
  });
  t.equal(loadZeroCopy(), undefined, 'no sender while the variable is set');
  const server = await serveRepository({ root, cacheBytes: 0 });
  t.teardown(() => server.close());
  const whole = await get(server, 'f.bin');
  const part = await get(server, 'f.bin', 'bytes=65530-131080');
  t.ok(whole.body.equals(bytes), 'whole file, streamed');
  t.ok(part.body.equals(bytes.subarray(65530, 131081)), 'a range, streamed');
  t.equal(server.stats.zeroCopy.bytes, 0, 'nothing went by sendfile');
  delete process.env[NO_SENDFILE_ENV];
  t.equal(loadZeroCopy() !== undefined, zeroCopyHere, 'unset again, the sender is back (where this machine has one)');
});

t.test('whole files and ranges: sendfile bodies are byte-identical to streamed bodies', async (t) => {
  const root = path.join(await tempDir(t, 'updops-serve-parity-'), 'repo');
  await mkdir(path.join(root, 'targets'), { recursive: true });
  // Sizes around the 64 KiB chunking (and the zero-copy threshold) and a few MiB.
  const sizes: Record<string, number> = { 'one.bin': 1, 'just-over-64k.bin': KIB64 + 1, 'three-chunks.bin': 3 * KIB64 + 123, 'big.bin': 5 * MIB + 3 };
  for (const [name, size] of Object.entries(sizes)) await writeFile(path.join(root, 'targets', name), seededBytes(name, size));
  await writeFile(path.join(root, 'targets', 'empty.bin'), '');
  const both = await servers(t, root);
  let sent = 0;
  for (const [name, n] of Object.entries(sizes)) {
    const ranges = [
      undefined,
      'bytes=0-0', // first byte
      `bytes=${n - 1}-${n - 1}`, // last byte
      `bytes=${n - 1}-`,
      'bytes=-1', // suffixes
      `bytes=-${Math.min(n, KIB64)}`,
      `bytes=-${n}`,
      `bytes=-${n + 10}`, // longer than the file: all of it
      'bytes=0-',
      `bytes=0-${n + 1000}`, // end past the file: clamped
      `bytes=${n}-`, // starts past the end: 416
      'bytes=5-2', // invalid: ignored, whole file
    ];
    if (n > 2 * KIB64) {
      ranges.push(`bytes=${KIB64 - 6}-${2 * KIB64 + 8}`, `bytes=${KIB64 - 1}-${KIB64}`, `bytes=${2 * KIB64 - 1}-${2 * KIB64}`, `bytes=1-${KIB64}`, `bytes=${KIB64}-`, `bytes=${KIB64}-${2 * KIB64 - 1}`);
    }
    if (n > MIB) ranges.push(`bytes=${MIB - 3}-${4 * MIB + 3}`, `bytes=-${MIB + 1}`);
    sent += await compareRanges(t, both, root, name, n, ranges);
  }
  const empty = await Promise.all([get(both.zeroCopy, 'empty.bin'), get(both.streamed, 'empty.bin')]);
  t.same(empty.map((r) => [r.status, r.body.length]), [[200, 0], [200, 0]], 'an empty file: 200 and no body on both');
  if (zeroCopyHere) t.equal(both.zeroCopy.stats.zeroCopy.bytes, sent, `all ${sent} body bytes of the zero-copy server went by sendfile`);
  else t.equal(both.zeroCopy.stats.zeroCopy.bytes, 0, `no sendfile on ${process.platform}/${process.arch}: both streamed`);
  t.equal(both.streamed.stats.zeroCopy.bytes, 0, 'the streaming server used no sendfile');
});

t.test('a sparse file over 4 GiB: ranges near 2^31, 2^32 and the end are right on both paths', async (t) => {
  const root = path.join(await tempDir(t, 'updops-serve-huge-'), 'repo');
  await mkdir(path.join(root, 'targets'), { recursive: true });
  const file = path.join(root, 'targets', 'huge.bin');
  const fd = openSync(file, 'w');
  try {
    ftruncateSync(fd, HUGE);
    for (const { at, size } of HUGE_MARKERS) writeSync(fd, seededBytes(`marker-${at}`, size), 0, size, at);
  } finally {
    closeSync(fd);
  }
  const both = await servers(t, root);
  const head = await Promise.all([get(both.zeroCopy, 'huge.bin', undefined, 'HEAD'), get(both.streamed, 'huge.bin', undefined, 'HEAD')]);
  t.same(head.map((r) => r.contentLength), [String(HUGE), String(HUGE)], 'HEAD: the full length, over 2^32, on both');
  const ranges = [
    'bytes=0-65535',
    `bytes=${2 ** 31 - 10}-${2 ** 31 + 10}`, // across the sign bit of a 32-bit offset
    `bytes=${GIB4 - 1}-${GIB4 - 1}`, // the last byte below 4 GiB
    `bytes=${GIB4}-${GIB4}`, // the first byte above
    `bytes=${GIB4 - 6}-${GIB4 + 9}`, // across 2^32
    `bytes=${GIB4 - KIB64 - 3}-${GIB4 + KIB64 + 3}`, // across 2^32 and the 64 KiB boundaries on each side
    `bytes=${GIB4 + KIB64}-${GIB4 + 3 * KIB64 - 1}`,
    `bytes=${GIB4 + MIB - 100}-${GIB4 + MIB + 100}`, // from a marker into the hole after it
    `bytes=${3 * 2 ** 30}-${3 * 2 ** 30 + 4095}`, // inside a hole: zeros
    'bytes=-1', // the very end
    'bytes=-65541',
    `bytes=${HUGE - 1}-`,
    `bytes=${HUGE - 10}-${HUGE + 100}`,
    `bytes=${HUGE}-`, // 416
  ];
  const sent = await compareRanges(t, both, root, 'huge.bin', HUGE, ranges);
  if (zeroCopyHere) t.equal(both.zeroCopy.stats.zeroCopy.bytes, sent, `all ${sent} body bytes went by sendfile`);
});
