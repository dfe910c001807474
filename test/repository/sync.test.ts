/**
 * Sync round trip (docs/design.md 3 "Sync"): vendor → mirror → second mirror, byte-identical and
 * verified at each hop; only changed files move; a no-op sync costs exactly the two requests TUF requires (the absent next root, the timestamp).
 */
import path from 'node:path';
import t from 'tap';
import { syncRepository } from '../../src/repository/sync/index.js';
import { FixtureRepo, blob, tempDir, treeHash } from './helpers/sync-fixture.js';
import { serveStatic } from './helpers/static-server.js';
import { serveFtp } from './helpers/ftp-server.js';

const v1 = {
  'databases/kes/daily.avc': blob(300_000, 1),
  'databases/kes/weekly.avc': blob(120_000, 2),
  'modules/kes/app.bin': blob(80_000, 3),
  'modules/kes/lib.bin': blob(40_000, 4),
  'applications/kes/readme.txt': Buffer.from('hello\n'),
};


void t.test('round trip: mirror is byte-identical, verifies onward, moves only changes, no-op is two requests', async (t) => {
  const work = await tempDir(t);
  const repo = new FixtureRepo(path.join(work, 'vendor'));
  await repo.publish(v1);
  const vendor = await serveStatic(repo.dir);
  t.teardown(() => vendor.close());
  const dp = path.join(work, 'dp');

  const first = await syncRepository({ sources: [{ url: vendor.url, name: 'vendor' }], dest: dp, trustRoot: repo.rootPath() });
  t.equal(first.version, 1);
  t.equal(first.files, 5);
  t.equal(first.scheme, 'tuf');
  t.same(first.warnings, []);
  t.same(await treeHash(dp), await treeHash(repo.dir), 'mirror is byte-identical to the vendor repository');

  // The mirror is itself a TUF repository a downstream sync verifies (vendor → DP → device).
  const dpServer = await serveStatic(dp);
  t.teardown(() => dpServer.close());
  const device = path.join(work, 'device');
  const hop = await syncRepository({ sources: [{ url: dpServer.url }], dest: device, trustRoot: repo.rootPath() });
  t.equal(hop.version, 1);
  t.same(await treeHash(device), await treeHash(repo.dir), 'second hop is byte-identical too');

  // v2: three files changed, one removed.
  const v2: Record<string, Buffer> = { ...v1 };
  v2['databases/kes/daily.avc'] = blob(300_000, 11);
  v2['modules/kes/app.bin'] = blob(81_000, 13);
  v2['applications/kes/readme.txt'] = Buffer.from('hello again\n');
  delete v2['modules/kes/lib.bin'];
  await repo.publish(v2);
  vendor.stats.requests = 0;
  vendor.stats.bytes = 0;
  vendor.stats.paths.length = 0;
  const second = await syncRepository({ sources: [{ url: vendor.url }], dest: dp });
  t.equal(second.version, 2);
  t.equal(second.files, 3, 'only the three changed files are fetched');
  t.ok(second.changed);
  const targetRequests = vendor.stats.paths.filter((p) => p.startsWith('/targets/'));
  t.equal(targetRequests.length, 3, `target requests: ${targetRequests.join(', ')}`);
  t.ok(vendor.stats.bytes < 300_000 + 81_000 + 100 + 20_000, `bytes on the wire ${vendor.stats.bytes}`);
  t.equal(second.requests, vendor.stats.requests, 'the result counts the requests the server saw');
  // The previous version stays servable next to the new one, so the mirror still equals the vendor tree.
  t.same(await treeHash(dp), await treeHash(repo.dir), 'mirror is byte-identical after v2');

  vendor.stats.requests = 0;
  const noop = await syncRepository({ sources: [{ url: vendor.url }], dest: dp });
  t.equal(vendor.stats.requests, 2, 'a no-op sync costs exactly two requests: the absent next root and the timestamp (TUF 5.3, 5.4)');
  t.equal(noop.requests, 2);
  t.notOk(noop.changed);
  t.equal(noop.version, 2);

  // Sync to v3 removes the files only v1 referenced.
  await repo.publish(v2);
  const third = await syncRepository({ sources: [{ url: vendor.url }], dest: dp });
  t.equal(third.files, 0);
  t.equal(third.removed, 4, 'the four v1-only files are removed once v1 is neither current nor previous');
});

void t.test('fallback: a dead first source hands over to the second, and tried says why', async (t) => {
  const work = await tempDir(t);
  const repo = new FixtureRepo(path.join(work, 'vendor'));
  await repo.publish(v1);
  const vendor = await serveStatic(repo.dir);
  t.teardown(() => vendor.close());
  const dead = await serveStatic(work);
  const deadUrl = dead.url;
  await dead.close();
  const result = await syncRepository({
    sources: [{ url: deadUrl, name: 'dead' }, { url: vendor.url, name: 'good' }],
    dest: path.join(work, 'dp'),
    trustRoot: repo.rootPath(),
    retries: 0,
  });
  t.equal(result.source, 'good');
  t.equal(result.tried.length, 2);
  t.match(result.tried[0], { source: 'dead', error: /SOURCE_UNREACHABLE/ });
  t.same(result.tried[1], { source: 'good' });
});

void t.test('folder source and trust on first use', async (t) => {
  const work = await tempDir(t);
  const repo = new FixtureRepo(path.join(work, 'vendor'));
  await repo.publish(v1);
  const dp = path.join(work, 'dp');
  const result = await syncRepository({ sources: [{ url: repo.dir }], dest: dp });
  t.equal(result.files, 5);
  t.match(result.warnings.join('\n'), /trusted .* on first use/);
  t.same(await treeHash(dp), await treeHash(repo.dir));
  const again = await syncRepository({ sources: [{ url: `file://${repo.dir}` }], dest: dp });
  t.notOk(again.changed);
  t.equal(again.requests, 2);
  t.same(again.warnings, [], 'the second sync trusts the root it stored');
});

void t.test('FTP source with credentials: round trip and no-op', async (t) => {
  const work = await tempDir(t);
  const repo = new FixtureRepo(path.join(work, 'ftproot', 'repo'));
  await repo.publish(v1);
  const credentials = { username: 'mirror', password: 's3cret-pass' };
  const ftp = await serveFtp(path.join(work, 'ftproot'), credentials);
  t.teardown(() => ftp.close());
  const dp = path.join(work, 'dp');
  const result = await syncRepository({ sources: [{ url: `${ftp.url}/repo`, credentials }], dest: dp, trustRoot: repo.rootPath(), concurrency: 3 });
  t.equal(result.files, 5);
  t.same(await treeHash(dp), await treeHash(repo.dir));
  t.notMatch(JSON.stringify(result), /s3cret/, 'credentials never appear in the result');
  const again = await syncRepository({ sources: [{ url: `${ftp.url}/repo`, credentials }], dest: dp });
  t.notOk(again.changed);
  t.equal(again.requests, 2);

  const refused = await syncRepository({ sources: [{ url: `${ftp.url}/repo`, credentials: { username: 'mirror', password: 'wrong' } }], dest: path.join(work, 'dp2'), retries: 0 }).catch((e: unknown) => e);
  t.match(refused, { code: 'SOURCE_UNREACHABLE' });
  t.notMatch(String((refused as Error).message), /wrong/);
});
