/**
 * Targets large enough to be hashed by a worker once complete on disk (download.ts,
 * hash-pool.ts): the same refusals as while streaming — modified bytes, endless data — and a
 * resumed partial file whose old bytes are wrong is caught, since the whole file is hashed.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { syncRepository } from '../../src/repository/sync/index.js';
import { blob, sha256, treeHash } from './helpers/sync-fixture.js';
import { endlessData, mirroredRepo } from './helpers/static-server.js';

const SIZE = 3 * 1024 * 1024 + 17;
const v1 = { 'databases/kes/daily.avc': blob(SIZE, 1), 'modules/kes/app.bin': blob(20_000, 2) };
const v2 = { 'databases/kes/daily.avc': blob(SIZE, 3), 'modules/kes/app.bin': blob(20_000, 2) };
const bigV2 = v2['databases/kes/daily.avc'];
const bigRel = `targets/databases/kes/${sha256(bigV2)}.daily.avc`;

async function setup(t: { teardown(fn: () => unknown): void }) {
  const { repo, server, setOverride, dp, before } = await mirroredRepo(t, v1);
  return {
    repo,
    dp,
    server,
    before,
    sync: () => syncRepository({ sources: [{ url: server.url }], dest: dp, retries: 0 }).then((r) => r, (e: unknown) => e),
    setOverride,
  };
}

void t.test('modified large target → TUF_HASH_MISMATCH, nothing placed', async (t) => {
  const s = await setup(t);
  await s.repo.publish(v2);
  const evil = Buffer.from(bigV2);
  evil[SIZE - 3] = (evil[SIZE - 3] ?? 0) ^ 0xff;
  await writeFile(path.join(s.repo.dir, bigRel), evil);
  t.match(await s.sync(), { code: 'TUF_HASH_MISMATCH', message: /daily\.avc: sha256 [0-9a-f]+ is not the [0-9a-f]+ the metadata declares/ });
  t.same(await treeHash(s.dp), s.before, 'the previous mirror is intact');
  t.same(await readdir(path.join(s.dp, '.updops', 'partial')).catch(() => []), [], 'the bad file is gone');
});

void t.test('endless data on a large target → TUF_LENGTH_EXCEEDED as soon as the length is passed', async (t) => {
  const s = await setup(t);
  await s.repo.publish(v2);
  const endless = endlessData('daily.avc', 200_000_000);
  s.setOverride(endless.override);
  t.match(await s.sync(), { code: 'TUF_LENGTH_EXCEEDED', message: new RegExp(`length exceeds the ${SIZE} bytes the metadata declares`) });
  t.ok(endless.sent() < SIZE + 32_000_000, `the download stopped early (server pushed ${endless.sent()} bytes)`);
  t.same(await treeHash(s.dp), s.before, 'the previous mirror is intact');
});

void t.test('a good partial file resumes with a range; a partial with wrong old bytes is refused', async (t) => {
  const s = await setup(t);
  await s.repo.publish(v2);
  const partial = path.join(s.dp, '.updops', 'partial');
  await mkdir(partial, { recursive: true });
  const part = path.join(partial, `${sha256(bigV2)}.part`);
  const bad = Buffer.from(bigV2.subarray(0, 2_000_000));
  bad[10] = (bad[10] ?? 0) ^ 0xff;
  await writeFile(part, bad);
  t.match(await s.sync(), { code: 'TUF_HASH_MISMATCH' }, 'wrong resumed bytes are caught');
  t.same(await treeHash(s.dp), s.before, 'the previous mirror is intact');

  await mkdir(partial, { recursive: true });
  await writeFile(part, bigV2.subarray(0, 2_000_000));
  const ranges: (string | undefined)[] = [];
  s.setOverride((req) => {
    if (req.url?.includes('daily.avc')) ranges.push(req.headers.range);
    return false;
  });
  const bytesBefore = s.server.stats.bytes;
  t.match(await s.sync(), { version: 2 });
  t.same(ranges, ['bytes=2000000-'], 'one request, from where the partial file ends');
  t.ok(s.server.stats.bytes - bytesBefore < SIZE - 2_000_000 + 10_000, 'only the rest of the file came over the wire (plus metadata)');
  const after = await treeHash(s.dp);
  t.equal(after.get(bigRel), sha256(bigV2), 'the resumed file is complete');
});

void t.test('a connection dropped mid-file is retried from where it stopped', async (t) => {
  const s = await setup(t);
  await s.repo.publish(v2);
  let dropped = false;
  s.setOverride((req, res) => {
    if (dropped || !req.url?.includes('daily.avc')) return false;
    dropped = true;
    res.writeHead(200, { 'content-length': String(SIZE) });
    res.write(bigV2.subarray(0, 1_500_000), () => setTimeout(() => res.destroy(), 50));
    return true;
  });
  const result = await syncRepository({ sources: [{ url: s.server.url }], dest: s.dp, retries: 2 });
  t.match(result, { version: 2 });
  t.ok(dropped, 'the first response was cut');
  t.equal((await treeHash(s.dp)).get(bigRel), sha256(bigV2));
});
