/**
 * Attacks the sync must refuse (docs/design.md 3: readers verify signatures, expiry, versions,
 * length and hash), each with the previous mirror left intact and a precise error code.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import t from 'tap';
import { syncRepository } from '../../src/repository/sync/index.js';
import type { SyncOptions } from '../../src/repository/sync/index.js';
import { FixtureRepo, blob, makeKey, sha256, treeHash } from './helpers/sync-fixture.js';
import { endlessData, mirroredRepo } from './helpers/static-server.js';
import type { Override } from './helpers/static-server.js';

const v1 = { 'databases/kes/daily.avc': blob(50_000, 1), 'modules/kes/app.bin': blob(20_000, 2) };
const v2 = { 'databases/kes/daily.avc': blob(50_000, 3), 'modules/kes/app.bin': blob(20_000, 2) };

interface Setup {
  repo: FixtureRepo;
  dp: string;
  sync: (extra?: Partial<SyncOptions>) => Promise<unknown>;
  before: Map<string, string>;
  setOverride: (o: Override | undefined) => void;
}

/** v1 published, served and mirrored; returns a way to attempt the next sync and to check the mirror is untouched. */
async function setup(t: Tap): Promise<Setup> {
  const { repo, server, setOverride, dp, before } = await mirroredRepo(t, v1);
  return {
    repo,
    dp,
    sync: (extra = {}) => syncRepository({ sources: [{ url: server.url }], dest: dp, retries: 0, ...extra }).then(
      (r) => r,
      (e: unknown) => e,
    ),
    before,
    setOverride,
  };
}
type Tap = { teardown(fn: () => unknown): void };

void t.test('modified target (bad hash) → TUF_HASH_MISMATCH', async (t) => {
  const s = await setup(t);
  await s.repo.publish(v2);
  const changed = v2['databases/kes/daily.avc'];
  const file = path.join(s.repo.dir, 'targets/databases/kes', `${sha256(changed)}.daily.avc`);
  const evil = Buffer.from(changed);
  evil[100] = (evil[100] ?? 0) ^ 0xff;
  await writeFile(file, evil);
  t.match(await s.sync(), { code: 'TUF_HASH_MISMATCH', message: /daily\.avc: sha256 [0-9a-f]+ is not the [0-9a-f]+ the metadata declares/ });
  t.same(await treeHash(s.dp), s.before, 'the previous mirror is intact');
});

void t.test('metadata signed with a foreign key → TUF_SIGNATURE', async (t) => {
  const s = await setup(t);
  await s.repo.publish(v2, { signWith: makeKey() });
  t.match(await s.sync(), { code: 'TUF_SIGNATURE', message: /timestamp metadata is not signed by enough trusted keys/ });
  t.same(await treeHash(s.dp), s.before, 'the previous mirror is intact');
});

void t.test('expired timestamp → TUF_EXPIRED', async (t) => {
  const s = await setup(t);
  await s.repo.publish(v2, { timestampDays: -1 });
  t.match(await s.sync(), { code: 'TUF_EXPIRED', message: /timestamp metadata expired at \d{4}-/ });
  t.same(await treeHash(s.dp), s.before, 'the previous mirror is intact');
});

void t.test('rollback to an older timestamp → TUF_ROLLBACK', async (t) => {
  const s = await setup(t);
  const oldTimestamp = await readFile(path.join(s.repo.dir, 'metadata/timestamp.json'));
  await s.repo.publish(v2);
  await syncRepository({ sources: [{ url: s.repo.dir }], dest: s.dp });
  const atV2 = await treeHash(s.dp);
  await writeFile(path.join(s.repo.dir, 'metadata/timestamp.json'), oldTimestamp);
  t.match(await s.sync(), { code: 'TUF_ROLLBACK', message: /rollback/ });
  t.same(await treeHash(s.dp), atV2, 'the v2 mirror is intact');
});

void t.test('mix-and-match: timestamp names snapshot v3 but the file is snapshot v2 → TUF_METADATA', async (t) => {
  const s = await setup(t);
  await s.repo.publish(v2);
  const snap2 = await readFile(path.join(s.repo.dir, 'metadata/2.snapshot.json'));
  await copyFile(path.join(s.repo.dir, 'metadata/2.snapshot.json'), path.join(s.repo.dir, 'metadata/3.snapshot.json'));
  s.repo.version = 3;
  await s.repo.writeTimestamp(3, snap2, 7);
  t.match(await s.sync(), { code: 'TUF_METADATA', message: /mix-and-match/ });
  t.same(await treeHash(s.dp), s.before, 'the previous mirror is intact');
});

void t.test('endless data: a target that does not stop → TUF_LENGTH_EXCEEDED', async (t) => {
  const s = await setup(t);
  await s.repo.publish(v2);
  const endless = endlessData('/targets/', 50_000_000);
  s.setOverride(endless.override);
  t.match(await s.sync(), { code: 'TUF_LENGTH_EXCEEDED', message: /length exceeds the 50000 bytes the metadata declares/ });
  t.ok(endless.sent() < 5_000_000, `the download stopped early (server pushed ${endless.sent()} bytes)`);
  t.same(await treeHash(s.dp), s.before, 'the previous mirror is intact');
});

void t.test('slow retrieval: a server that stalls → DOWNLOAD_TIMEOUT within the timeout', async (t) => {
  const s = await setup(t);
  await s.repo.publish(v2);
  const stalled: http.ServerResponse[] = [];
  s.setOverride((req, res) => {
    if (!req.url?.startsWith('/targets/')) return false;
    res.writeHead(200, { 'content-length': '50000' });
    res.write(Buffer.alloc(100));
    stalled.push(res);
    return true;
  });
  const started = Date.now();
  t.match(await s.sync({ timeoutSeconds: 1 }), { code: 'DOWNLOAD_TIMEOUT' });
  const took = Date.now() - started;
  t.ok(took < 4000, `gave up after ${took} ms`);
  for (const res of stalled) res.destroy();
  t.same(await treeHash(s.dp), s.before, 'the previous mirror is intact');
});

void t.test('target path with ".." → TUF_PATH before anything is fetched', async (t) => {
  const s = await setup(t);
  await s.repo.publish(v2, { extraTargets: { 'databases/../../evil.txt': Buffer.from('pwned') } });
  t.match(await s.sync(), { code: 'TUF_PATH', message: /escapes the repository/ });
  t.same(await treeHash(s.dp), s.before, 'the previous mirror is intact');
});

void t.test('the next source is tried when the first fails verification', async (t) => {
  const s = await setup(t);
  const goodDir = path.join(path.dirname(s.repo.dir), 'good');
  const good = new FixtureRepo(goodDir);
  Object.assign(good, { key: s.repo.key });
  await good.publish(v1);
  await good.publish(v2);
  await s.repo.publish(v2, { signWith: makeKey() });
  const work = path.dirname(s.dp);
  const result = await syncRepository({ sources: [{ url: s.repo.dir, name: 'bad' }, { url: goodDir, name: 'good' }], dest: path.join(work, 'dp'), retries: 0 });
  t.match(result, { source: 'good', version: 2, tried: [{ source: 'bad', error: /TUF_SIGNATURE/ }, { source: 'good' }] });
});
