/**
 * `updops serve` (docs/design.md 3, "Serving"): exact lengths, HEAD, ranges, validators, keep-alive,
 * and no request ever reads a file outside the served folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { serveRepository } from '../../src/repository/serve/index.js';
import type { RequestInfo } from '../../src/repository/serve/index.js';
import { tempDir } from './publish-fixture.js';

const SECRET = 'TOP-SECRET-outside-the-root-4f1c';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  localPort: number;
}

function get(url: string, options: http.RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), localPort: req.socket?.localPort ?? 0 }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends the request line exactly as written (http clients would normalize these paths). */
function raw(port: number, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
  });
}

async function fixture(t: Test) {
  const dir = await tempDir(t, 'updops-serve-');
  const root = path.join(dir, 'repo');
  await mkdir(path.join(root, 'metadata'), { recursive: true });
  await mkdir(path.join(root, 'targets', 'databases'), { recursive: true });
  const big = randomBytes(3 * 1024 * 1024 + 17);
  await writeFile(path.join(root, 'targets', 'databases', 'big.bin'), big);
  await writeFile(path.join(root, 'metadata', 'timestamp.json'), '{"signed":{}}\n');
  await writeFile(path.join(dir, 'secret.txt'), SECRET);
  await symlink(path.join(dir, 'secret.txt'), path.join(root, 'leak.txt'));
  await symlink(dir, path.join(root, 'leakdir'));
  await symlink(path.join(root, 'targets', 'databases', 'big.bin'), path.join(root, 'alias.bin'));
  const seen: RequestInfo[] = [];
  const server = await serveRepository({ root, onRequest: (info) => seen.push(info) });
  t.teardown(() => server.close());
  return { root, big, server, seen };
}

t.test('GET and HEAD give exact lengths and validators; files stream whole', async (t) => {
  const { big, server, seen } = await fixture(t);
  const r = await get(`${server.url}/targets/databases/big.bin`);
  t.equal(r.status, 200);
  t.equal(r.headers['content-length'], String(big.length));
  t.equal(r.headers['accept-ranges'], 'bytes');
  t.match(r.headers.etag, /^"[0-9a-f]+-[0-9a-f]+"$/, 'strong ETag');
  t.ok(r.headers['last-modified']);
  t.ok(r.body.equals(big), 'body is the file');
  const h = await get(`${server.url}/targets/databases/big.bin`, { method: 'HEAD' });
  t.equal(h.status, 200);
  t.equal(h.headers['content-length'], String(big.length));
  t.equal(h.body.length, 0, 'HEAD has no body');
  t.equal((await get(`${server.url}/metadata/timestamp.json`)).headers['content-type'], 'application/json');
  t.equal((await get(`${server.url}/alias.bin`)).status, 200, 'a symlink that stays inside the root is served');
  t.equal((await get(`${server.url}/targets/databases/big.bin`, { method: 'POST' })).status, 405);
  t.equal(server.stats.requests, 5);
  t.equal(server.stats.bytes, 2 * big.length + '{"signed":{}}\n'.length + 'only GET and HEAD\n'.length);
  t.same(seen[0], { method: 'GET', path: '/targets/databases/big.bin', status: 200, bytes: big.length });
  t.equal(seen[1]?.bytes, 0, 'HEAD counted with 0 body bytes');
});

t.test('Range: 206 with Content-Range for one range, 416 past the end, If-Range guards it', async (t) => {
  const { big, server } = await fixture(t);
  const url = `${server.url}/targets/databases/big.bin`;
  const mid = await get(url, { headers: { Range: 'bytes=10-19' } });
  t.equal(mid.status, 206);
  t.equal(mid.headers['content-range'], `bytes 10-19/${big.length}`);
  t.equal(mid.headers['content-length'], '10');
  t.ok(mid.body.equals(big.subarray(10, 20)));
  const open = await get(url, { headers: { Range: `bytes=${big.length - 5}-` } });
  t.ok(open.body.equals(big.subarray(big.length - 5)), 'open-ended range');
  const suffix = await get(url, { headers: { Range: 'bytes=-7' } });
  t.equal(suffix.headers['content-range'], `bytes ${big.length - 7}-${big.length - 1}/${big.length}`);
  t.ok(suffix.body.equals(big.subarray(big.length - 7)), 'suffix range');
  const past = await get(url, { headers: { Range: `bytes=${big.length}-` } });
  t.equal(past.status, 416);
  t.equal(past.headers['content-range'], `bytes */${big.length}`);
  const multi = await get(url, { headers: { Range: 'bytes=0-1,5-6' } });
  t.equal(multi.status, 200, 'several ranges: the whole file');
  const etag = mid.headers.etag!;
  t.equal((await get(url, { headers: { Range: 'bytes=0-0', 'If-Range': etag } })).status, 206, 'If-Range matches: range');
  t.equal((await get(url, { headers: { Range: 'bytes=0-0', 'If-Range': '"other"' } })).status, 200, 'If-Range differs: whole file');
});

t.test('ETag/If-None-Match and If-Modified-Since answer 304 without a body', async (t) => {
  const { server } = await fixture(t);
  const url = `${server.url}/metadata/timestamp.json`;
  const first = await get(url);
  const inm = await get(url, { headers: { 'If-None-Match': first.headers.etag! } });
  t.equal(inm.status, 304);
  t.equal(inm.body.length, 0);
  t.equal(inm.headers.etag, first.headers.etag);
  t.equal((await get(url, { headers: { 'If-None-Match': '"nope"' } })).status, 200);
  t.equal((await get(url, { headers: { 'If-Modified-Since': first.headers['last-modified']! } })).status, 304);
  t.equal((await get(url, { headers: { 'If-Modified-Since': 'Mon, 01 Jan 2001 00:00:00 GMT' } })).status, 200);
});

t.test('keep-alive: sequential requests reuse one connection', async (t) => {
  const { server } = await fixture(t);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  t.teardown(() => agent.destroy());
  const ports = new Set<number>();
  for (let i = 0; i < 4; i++) ports.add((await get(`${server.url}/metadata/timestamp.json`, { agent })).localPort);
  t.equal(ports.size, 1, 'one socket for four requests');
  t.equal(server.stats.requests, 4);
});

t.test('no path escapes the root: traversal, encodings, absolute paths and symlinks all fail', async (t) => {
  const { server } = await fixture(t);
  const attempts = [
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/.%2e/secret.txt',
    '/%252e%252e/secret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/metadata/../../secret.txt',
    '/metadata/%2e%2e/%2e%2e/secret.txt',
    '/%c0%ae%c0%ae/secret.txt',
    '/secret.txt%00.json',
    '//etc/passwd',
    `/${encodeURIComponent(path.resolve('/etc/passwd'))}`,
    '/C:/Windows/win.ini',
    'http://127.0.0.1/../secret.txt',
    'http://127.0.0.1/%2e%2e/secret.txt',
    '/leak.txt',
    '/leakdir/secret.txt',
    '/',
    '/metadata',
    '/metadata/',
    '/.updops-publish.lock',
  ];
  for (const target of attempts) {
    const response = await raw(server.port, target);
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);
    t.ok(status >= 400 && status < 500, `${target} → ${status}`);
    t.notOk(response.includes(SECRET), `${target} never returns the outside file`);
  }
  const passwd = await raw(server.port, '/etc/passwd');
  t.match(passwd, /^HTTP\/1\.1 404/, 'an absolute path is looked up inside the root only');
});

t.test('close() ends idle keep-alive connections and stops listening', async (t) => {
  const dir = await tempDir(t, 'updops-serve-');
  await writeFile(path.join(dir, 'f'), 'x');
  const server = await serveRepository({ root: dir });
  const agent = new http.Agent({ keepAlive: true });
  t.teardown(() => agent.destroy());
  t.equal((await get(`${server.url}/f`, { agent })).status, 200);
  await server.close();
  await t.rejects(get(`${server.url}/f`), { code: 'ECONNREFUSED' });
  await t.rejects(serveRepository({ root: path.join(dir, 'missing') }), { code: 'NOT_FOUND' });
});
