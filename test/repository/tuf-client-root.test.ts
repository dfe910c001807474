/**
 * TUF client workflow 5.3–5.6 through `syncRepository` (docs/design.md 3 "Sync"), against a repository
 * served on 127.0.0.1 and made to misbehave one step at a time (helpers/tuf-builder.ts).
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { syncRepository } from '../../src/repository/sync/index.js';
import { TufBuilder } from './helpers/tuf-builder.js';
import { makeKey, tempDir } from './helpers/sync-fixture.js';
import { serveStatic } from './helpers/static-server.js';

async function setUp(t: { teardown(fn: () => unknown): void }) {
  const work = await tempDir(t, 'updops-tuf-root-');
  const repo = new TufBuilder(path.join(work, 'vendor'));
  await repo.addTarget('targets', 'databases/av/base.bin', Buffer.from('base v1'));
  await repo.publish();
  const server = await serveStatic(repo.dir);
  t.teardown(() => server.close());
  const dest = path.join(work, 'dp');
  const trustRoot = path.join(repo.metadataDir, '1.root.json');
  const sync = () => syncRepository({ sources: [{ url: server.url }], dest, trustRoot, retries: 0 });
  await sync();
  const trusted = async (role: string): Promise<number> =>
    (JSON.parse(await readFile(path.join(dest, '.updops', 'tuf', `${role}.json`), 'utf8')) as { signed: { version: number } }).signed.version;
  return { work, repo, server, dest, sync, trusted };
}

t.test('root rotations N+1, N+2 are followed on the next sync even when the timestamp is unchanged', async (t) => {
  const { repo, server, dest, sync, trusted } = await setUp(t);
  const oldRoot = repo.keys.root;
  const newRoot = [makeKey()];
  repo.keys.root = newRoot;
  await repo.writeRoot([...oldRoot, ...newRoot]); // v2: signed by the old and the new root keys (5.3.4–5.3.5)
  await repo.writeRoot(newRoot); // v3
  server.stats.paths.length = 0;
  const result = await sync();
  t.notOk(result.changed, 'the content did not change');
  t.same(server.stats.paths.slice(0, 3), ['/metadata/2.root.json', '/metadata/3.root.json', '/metadata/4.root.json'], 'one root at a time until the source has none');
  t.equal(await trusted('root'), 3);
  for (const v of [1, 2, 3]) t.ok(await readFile(path.join(dest, 'metadata', `${v}.root.json`)), `the DP serves ${v}.root.json for readers that start from an older root`);
});

t.test('a rotated timestamp key: the DP follows, and a timestamp signed by the revoked key alone is refused', async (t) => {
  const { repo, sync, trusted } = await setUp(t);
  const revoked = repo.keys.timestamp;
  repo.keys.timestamp = [makeKey()];
  await repo.writeRoot();
  await repo.addTarget('targets', 'databases/av/base.bin', Buffer.from('base v2'));
  await repo.publish();
  const followed = await sync();
  t.ok(followed.changed);
  t.equal(await trusted('timestamp'), 2);

  repo.keys.timestamp = revoked;
  await repo.publish();
  await t.rejects(sync(), { code: 'TUF_SIGNATURE' }, 'the old timestamp key was revoked by root v2');
  t.equal(await trusted('timestamp'), 2, 'the trusted timestamp is untouched');
});

t.test('a new root not signed by the threshold of the old root is refused, and so is one not signed by itself', async (t) => {
  const { repo, work, sync, trusted } = await setUp(t);
  const oldRoot = repo.keys.root;
  repo.keys.root = [makeKey()];
  await repo.writeRoot(repo.keys.root); // only the new key
  await t.rejects(sync(), { code: 'TUF_SIGNATURE' });
  t.equal(await trusted('root'), 1);

  await rm(path.join(repo.metadataDir, '2.root.json'));
  repo.rootVersion = 1;
  await repo.writeRoot(oldRoot); // only the old key: the new root's own threshold is not met
  await t.rejects(sync(), { code: 'TUF_SIGNATURE' });
  t.equal(await trusted('root'), 1);
  t.ok(work);
});

t.test('an expired intermediate root is fine; an expired final root is persisted and then refused (5.3.10)', async (t) => {
  const { repo, dest, sync, trusted } = await setUp(t);
  repo.rootDays = -1;
  await repo.writeRoot(); // v2, expired
  repo.rootDays = 365;
  await repo.writeRoot(); // v3
  await sync();
  t.equal(await trusted('root'), 3);

  repo.rootDays = -1;
  await repo.writeRoot(); // v4, expired and final
  await t.rejects(sync(), { code: 'TUF_EXPIRED' });
  t.equal(await trusted('root'), 4, 'the verified root is kept (5.3.8) although the update stops');
  const served = JSON.parse(await readFile(path.join(dest, 'metadata', 'root.json'), 'utf8')) as { signed: { version: number } };
  t.equal(served.signed.version, 3, 'readers of the DP still see the last complete version');
});

t.test('new timestamp and snapshot keys drop their trusted copies, so a fast-forward attack can be recovered from (5.3.11)', async (t) => {
  const { repo, sync, trusted } = await setUp(t);
  repo.timestampVersion = 99; // an attacker with the timestamp and snapshot keys pushed these far ahead
  repo.snapshotVersion = 99;
  await repo.publish();
  await sync();
  t.equal(await trusted('timestamp'), 100);
  repo.keys.timestamp = [makeKey()];
  repo.keys.snapshot = [makeKey()];
  repo.timestampVersion = 0;
  repo.snapshotVersion = 0;
  await repo.writeRoot();
  await repo.publish();
  await sync();
  t.equal(await trusted('timestamp'), 1, 'version 1 under the new key is accepted');
  t.equal(await trusted('snapshot'), 1);
});

t.test('each verified role is persisted as it is verified, even when a later step fails', async (t) => {
  const { repo, sync, trusted } = await setUp(t);
  await repo.addTarget('targets', 'databases/av/base.bin', Buffer.from('base v2'));
  await repo.publish();
  await rm(path.join(repo.metadataDir, '2.targets.json'));
  await t.rejects(sync(), { code: 'TUF_METADATA' });
  t.equal(await trusted('timestamp'), 2);
  t.equal(await trusted('snapshot'), 2);
  t.equal(await trusted('targets'), 1);
});

t.test('an expired timestamp is refused and not persisted; the previous one stays trusted', async (t) => {
  const { repo, sync, trusted } = await setUp(t);
  repo.days.timestamp = -1;
  await repo.publish();
  await t.rejects(sync(), { code: 'TUF_EXPIRED' });
  t.equal(await trusted('timestamp'), 1);
});

t.test('root rotations per sync are bounded (256, like the reference clients); the rest follow on the next sync', async (t) => {
  const { repo, sync, trusted } = await setUp(t);
  for (let i = 0; i < 300; i++) await repo.writeRoot();
  await sync();
  t.equal(await trusted('root'), 257, 'roots 2–257 in the first sync');
  await sync();
  t.equal(await trusted('root'), 301);
});
