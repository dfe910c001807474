/**
 * Target hashes and file names (TUF 5.7.3–5.7.4, 4.4 `consistent_snapshot`): every listed hash
 * is checked, a sha512-only repository is mirrored under its own names, an unknown algorithm
 * is refused, and a repository without consistent snapshots is mirrored by plain names.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import t from 'tap';
import { findTarget } from '../../src/repository/sync/delegations.js';
import { syncRepository } from '../../src/repository/sync/index.js';
import type { TufBuilder } from './helpers/tuf-builder.js';
import { serveStatic } from './helpers/static-server.js';
import { clientSession, servedBuilder } from './helpers/tuf-served.js';

type Teardown = { teardown(fn: () => unknown): void };

async function served(t: Teardown, build: (repo: TufBuilder) => Promise<void>) {
  const { work, repo, server, firstRoot } = await servedBuilder(t, 'updops-tuf-hash-', build);
  const dp = path.join(work, 'dp');
  const sync = () => syncRepository({ sources: [{ url: server.url }], dest: dp, trustRoot: firstRoot, retries: 0 });
  return { work, repo, server, dp, sync };
}

const hex = (algorithm: string, data: string): string => createHash(algorithm).update(data).digest('hex');

t.test('a sha512-only target is mirrored under its sha512 name, and the next sync is a no-op', async (t) => {
  const { dp, sync } = await served(t, (repo) => repo.addTarget('targets', 'modules/app.bin', Buffer.from('app'), ['sha512']));
  const first = await sync();
  t.equal(first.files, 1);
  t.equal((await readFile(path.join(dp, 'targets', 'modules', `${hex('sha512', 'app')}.app.bin`))).toString(), 'app');
  const again = await sync();
  t.notOk(again.changed);
  t.equal(again.requests, 2);
});

t.test('every listed hash is checked: a right sha256 with a wrong sha512 is refused', async (t) => {
  const { repo, dp, sync } = await served(t, (repo) => repo.addTarget('targets', 'a.bin', Buffer.from('good'), ['sha256', 'sha512']));
  // Swap the file for other bytes with the same sha256 name: only the sha512 can tell.
  await writeFile(path.join(repo.dir, 'targets', `${hex('sha256', 'good')}.a.bin`), 'evil');
  await t.rejects(sync(), { code: 'TUF_HASH_MISMATCH' });
  await t.rejects(readFile(path.join(dp, 'metadata', 'timestamp.json')), { code: 'ENOENT' }, 'nothing was published');
});

t.test('a hash algorithm no reference client knows is refused before any target is fetched', async (t) => {
  const { repo, server, sync } = await served(t, (repo) => repo.addTarget('targets', 'a.bin', Buffer.from('a')));
  const file = repo.role('targets').targets['a.bin'];
  if (file) file.hashes['unknown-hash'] = 'abcd';
  await repo.publish();
  server.stats.paths.length = 0;
  await t.rejects(sync(), { code: 'TUF_METADATA', message: /unknown-hash/ });
  t.notOk(server.stats.paths.some((p) => p.startsWith('/targets/')));
});

t.test('consistent_snapshot false: fetched and mirrored by plain names, and the mirror verifies onward', async (t) => {
  const { work, repo, dp, sync } = await served(t, async (repo) => {
    repo.consistent = false;
    await repo.addTarget('targets', 'databases/base.bin', Buffer.from('base'));
  });
  await sync();
  for (const file of ['metadata/snapshot.json', 'metadata/targets.json', 'targets/databases/base.bin']) t.ok(await readFile(path.join(dp, file)), `${file} is served`);

  const dpServer = await serveStatic(dp);
  t.teardown(() => dpServer.close());
  const session = await clientSession(t, work, dpServer.url, path.join(repo.metadataDir, '1.root.json'));
  t.equal((await findTarget(session, 'databases/base.bin'))?.length, 4);
  t.ok(dpServer.stats.paths.includes('/metadata/snapshot.json'), 'the client asked for the plain name');
});
