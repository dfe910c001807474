/**
 * Large HTTP targets are fetched by download worker threads (src/repository/transport/
 * http-file-workers.ts). The same promises as on the main thread, asserted on that path
 * (`workerMinBytes: 0` sends every target through it): identical mirrors, the attacks refused
 * with the previous mirror intact, resume with `Range`, a server that ignores `Range`, a dropped
 * connection retried, cancellation.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import t from 'tap';
import { syncRepository } from '../../src/repository/sync/index.js';
import { workerFetches } from '../../src/repository/transport/http-file-workers.js';
import type { SyncOptions } from '../../src/repository/sync/index.js';
import { blob, sha256, treeHash } from './helpers/sync-fixture.js';
import { endlessData, servedRepo } from './helpers/static-server.js';

const BIG = 3_000_000;
const v1 = { 'databases/kes/daily.avc': blob(BIG, 1), 'modules/kes/app.bin': blob(400_000, 2), 'databases/kes/tiny.dat': blob(300, 3) };
const v2 = { ...v1, 'databases/kes/daily.avc': blob(BIG, 4) };
const WORKERS: Partial<SyncOptions> = { workerMinBytes: 0 };
type Tap = { teardown(fn: () => unknown): void };

async function setup(t: Tap) {
  const { work, repo, server, setOverride } = await servedRepo(t, v1);
  const dp = path.join(work, 'dp');
  const sync = (extra: Partial<SyncOptions> = {}, signal?: AbortSignal) =>
    syncRepository({ sources: [{ url: server.url }], dest: dp, trustRoot: repo.rootPath(), retries: 0, ...WORKERS, ...extra }, signal).then(
      (r) => r,
      (e: unknown) => e,
    );
  return { work, repo, server, dp, sync, setOverride };
}

const partOf = (dp: string, content: Buffer): string => path.join(dp, '.updops', 'partial', `${sha256(content)}.part`);

void t.test('through the workers, the mirror is byte-identical to a main-thread sync', async (t) => {
  const s = await setup(t);
  const before = workerFetches();
  t.match(await s.sync(), { version: 1, files: 3 });
  t.equal(workerFetches() - before, 3, 'all three targets went through the download workers');
  const onMain = workerFetches();
  const mainThread = path.join(s.work, 'dp-main');
  await syncRepository({ sources: [{ url: s.server.url }], dest: mainThread, trustRoot: s.repo.rootPath(), workerMinBytes: Infinity });
  t.equal(workerFetches(), onMain, 'workerMinBytes: Infinity kept every download on the main thread');
  t.same(await treeHash(s.dp), await treeHash(mainThread));
  t.equal((await treeHash(s.dp)).size, 5 + 3, 'metadata and three targets');
});

void t.test('modified target → TUF_HASH_MISMATCH, the previous mirror intact', async (t) => {
  const s = await setup(t);
  await s.sync();
  const before = await treeHash(s.dp);
  await s.repo.publish(v2);
  const changed = v2['databases/kes/daily.avc'];
  const evil = Buffer.from(changed);
  evil[BIG - 1] = (evil[BIG - 1] ?? 0) ^ 0xff;
  await writeFile(path.join(s.repo.dir, 'targets/databases/kes', `${sha256(changed)}.daily.avc`), evil);
  t.match(await s.sync(), { code: 'TUF_HASH_MISMATCH', message: /daily\.avc: sha256 [0-9a-f]+ is not the/ });
  t.same(await treeHash(s.dp), before);
});

void t.test('endless data → TUF_LENGTH_EXCEEDED, stopped at once', async (t) => {
  const s = await setup(t);
  await s.sync();
  const before = await treeHash(s.dp);
  await s.repo.publish(v2);
  const endless = endlessData('daily.avc', 100_000_000);
  s.setOverride(endless.override);
  t.match(await s.sync(), { code: 'TUF_LENGTH_EXCEEDED', message: new RegExp(`length exceeds the ${BIG} bytes the metadata declares`) });
  t.ok(endless.sent() < 10_000_000, `the download stopped early (server pushed ${endless.sent()} bytes)`);
  t.same(await treeHash(s.dp), before);
});

void t.test('slow retrieval → DOWNLOAD_TIMEOUT within the timeout', async (t) => {
  const s = await setup(t);
  const stalled: http.ServerResponse[] = [];
  t.teardown(() => stalled.forEach((r) => r.destroy()));
  s.setOverride((req, res) => {
    if (!req.url?.includes('daily.avc')) return false;
    res.writeHead(200, { 'content-length': String(BIG) });
    res.write(Buffer.alloc(100));
    stalled.push(res);
    return true;
  });
  const started = Date.now();
  t.match(await s.sync({ timeoutSeconds: 1 }), { code: 'DOWNLOAD_TIMEOUT' });
  t.ok(Date.now() - started < 4000, `gave up after ${Date.now() - started} ms`);
});

void t.test('a missing target → SOURCE_NOT_FOUND', async (t) => {
  const s = await setup(t);
  s.setOverride((req, res) => {
    if (!req.url?.includes('app.bin')) return false;
    res.writeHead(404).end();
    return true;
  });
  t.match(await s.sync(), { code: 'SOURCE_NOT_FOUND', message: /app\.bin is listed but/ });
});

void t.test('a partial download resumes with Range: only the rest crosses the wire', async (t) => {
  const s = await setup(t);
  const big = v1['databases/kes/daily.avc'];
  await mkdir(path.dirname(partOf(s.dp, big)), { recursive: true });
  await writeFile(partOf(s.dp, big), big.subarray(0, 2_000_000));
  const ranges: string[] = [];
  s.setOverride((req) => {
    if (req.url?.includes('daily.avc') && req.headers.range) ranges.push(req.headers.range);
    return false;
  });
  const result = await s.sync();
  t.match(result, { version: 1, files: 3 });
  t.same(ranges, ['bytes=2000000-'], 'one ranged request from the end of the part');
  t.ok(s.server.stats.bytes < BIG, `${s.server.stats.bytes} body bytes sent in all (the file is ${BIG})`);
  t.equal((await treeHash(s.dp)).get(`targets/databases/kes/${sha256(big)}.daily.avc`), sha256(big));
});

void t.test('a server that ignores Range sends the whole file, and the result is still exact', async (t) => {
  const s = await setup(t);
  const big = v1['databases/kes/daily.avc'];
  await mkdir(path.dirname(partOf(s.dp, big)), { recursive: true });
  await writeFile(partOf(s.dp, big), Buffer.alloc(1_000_000, 9)); // wrong bytes: must not survive
  s.setOverride((req, res) => {
    if (!req.url?.includes('daily.avc')) return false;
    res.writeHead(200, { 'content-length': String(BIG) }).end(big);
    return true;
  });
  t.match(await s.sync(), { version: 1 });
  t.equal((await treeHash(s.dp)).get(`targets/databases/kes/${sha256(big)}.daily.avc`), sha256(big));
});

void t.test('a connection dropped mid-body is retried and the file completes', async (t) => {
  const s = await setup(t);
  let cut = false;
  s.setOverride((req, res) => {
    if (cut || !req.url?.includes('daily.avc')) return false;
    cut = true;
    res.writeHead(200, { 'content-length': String(BIG) });
    res.write(v1['databases/kes/daily.avc'].subarray(0, 500_000), () => res.destroy());
    return true;
  });
  t.match(await s.sync({ retries: 2 }), { version: 1, files: 3 });
  t.ok(cut, 'the first attempt was cut');
  t.same(await treeHash(s.dp, (rel) => rel.startsWith('.') || rel.startsWith('metadata')), new Map(Object.entries(v1).map(([name, data]) => [`targets/${name.replace(/[^/]+$/, (f) => `${sha256(data)}.${f}`)}`, sha256(data)])));
});

void t.test('cancelling stops the workers promptly and leaves no new version', async (t) => {
  const s = await setup(t);
  s.setOverride((req, res) => {
    if (!req.url?.includes('daily.avc')) return false;
    res.writeHead(200, { 'content-length': String(BIG) });
    res.write(Buffer.alloc(1000)); // then nothing: only the cancel can end this
    return true;
  });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 300);
  const started = Date.now();
  const outcome = await s.sync({ timeoutSeconds: 30 }, controller.signal);
  t.ok(outcome instanceof Error, `the sync was refused: ${String(outcome)}`);
  t.ok(Date.now() - started < 3000, `ended ${Date.now() - started} ms after starting (cancelled at 300 ms)`);
  t.same([...(await treeHash(s.dp)).keys()].filter((k) => k.startsWith('metadata/timestamp')), [], 'no version was switched in');
});
