/**
 * Delegated targets (TUF 5.6.7): the lookup order, terminating delegations, path patterns, hash
 * bins, cycles, and a DP mirror of a delegated repository read by tuf-js's own Updater.
 */
import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { Updater } from 'tuf-js';
import { findTarget } from '../../src/repository/sync/delegations.js';
import { syncRepository } from '../../src/repository/sync/index.js';
import type { TufBuilder } from './helpers/tuf-builder.js';
import { makeKey } from './helpers/sync-fixture.js';
import { serveStatic } from './helpers/static-server.js';
import { clientSession, servedBuilder } from './helpers/tuf-served.js';

type Teardown = { teardown(fn: () => unknown): void };

const served = (t: Teardown, build: (repo: TufBuilder) => Promise<void> | void) => servedBuilder(t, 'updops-tuf-deleg-', build);

/** Looks `target` up as a client that trusts `root` would. */
async function lookup(t: Teardown, work: string, url: string, root: string, target: string) {
  return findTarget(await clientSession(t, work, url, root), target);
}

const fetchedRoles = (paths: string[]): string[] =>
  paths.filter((p) => /^\/metadata\/\d+\.[^/]+\.json$/.test(p) && !/\.(root|snapshot|targets)\.json$/.test(p)).map((p) => p.replace(/^\/metadata\/\d+\.|\.json$/g, ''));

t.test('pre-order depth-first: a role is searched before its delegator’s later roles; patterns that do not match are skipped', async (t) => {
  const k = makeKey();
  const { work, repo, server } = await served(t, async (repo) => {
    repo.delegate('targets', { name: 'A', paths: ['docs/*'], keys: [k] });
    repo.delegate('targets', { name: 'B', paths: ['releases/*'], keys: [k] });
    repo.delegate('targets', { name: 'E', keys: [k] });
    repo.delegate('B', { name: 'C', paths: ['releases/x*'], keys: [k] });
    repo.delegate('B', { name: 'D', paths: ['releases/*'], keys: [k] });
    await repo.addTarget('D', 'releases/y.zip', Buffer.from('y by D'));
    await repo.addTarget('E', 'releases/y.zip', Buffer.from('y by E, shadowed'));
  });
  server.stats.paths.length = 0;
  const found = await lookup(t, work, server.url, path.join(repo.metadataDir, '1.root.json'), 'releases/y.zip');
  t.equal(found?.length, 'y by D'.length, 'D, reached through B, is more trusted than E');
  t.same(fetchedRoles(server.stats.paths), ['B', 'D'], 'A never matched, C does not cover the path, E was not needed');
});

t.test('a terminating delegation ends the search, even without the target', async (t) => {
  const k = makeKey();
  const { work, repo, server } = await served(t, async (repo) => {
    repo.delegate('targets', { name: 'A', paths: ['*'], terminating: true, keys: [k] });
    repo.delegate('targets', { name: 'B', paths: ['*'], keys: [k] });
    await repo.addTarget('B', 'file.bin', Buffer.from('only B has it'));
  });
  server.stats.paths.length = 0;
  t.equal(await lookup(t, work, server.url, path.join(repo.metadataDir, '1.root.json'), 'file.bin'), undefined);
  t.same(fetchedRoles(server.stats.paths), ['A']);
});

t.test('a delegation cycle is visited once per role and the lookup ends', async (t) => {
  const k = makeKey();
  const { work, repo, server } = await served(t, (repo) => {
    repo.delegate('targets', { name: 'A', keys: [k] });
    repo.delegate('A', { name: 'B', keys: [k] });
    repo.delegate('B', { name: 'A', keys: [k] });
  });
  server.stats.paths.length = 0;
  t.equal(await lookup(t, work, server.url, path.join(repo.metadataDir, '1.root.json'), 'nothing'), undefined);
  t.same(fetchedRoles(server.stats.paths), ['A', 'B']);
  const dp = path.join(work, 'dp');
  const result = await syncRepository({ sources: [{ url: server.url }], dest: dp, trustRoot: path.join(repo.metadataDir, '1.root.json') });
  t.equal(result.files, 0, 'the mirror of a cyclic graph terminates too');
});

t.test('hash bins: only the bin that covers the path is fetched', async (t) => {
  const k = makeKey();
  let bin = '';
  const { work, repo, server } = await served(t, async (repo) => {
    repo.delegateBins('targets', 3, 'bin', [k]);
    bin = repo.binFor('bin', 3, 'modules/app.bin');
    await repo.addTarget(bin, 'modules/app.bin', Buffer.from('in its bin'));
  });
  server.stats.paths.length = 0;
  t.ok(await lookup(t, work, server.url, path.join(repo.metadataDir, '1.root.json'), 'modules/app.bin'));
  t.same(fetchedRoles(server.stats.paths), [bin]);
});

t.test('a role signed by a key its delegator does not name is refused', async (t) => {
  const { work, repo, server } = await served(t, async (repo) => {
    repo.delegate('targets', { name: 'A', keys: [makeKey()] });
    await repo.addTarget('A', 'a.bin', Buffer.from('a'));
  });
  repo.role('A').keys = [makeKey()];
  await repo.publish(['A']);
  await t.rejects(lookup(t, work, server.url, path.join(repo.metadataDir, '1.root.json'), 'a.bin'), { code: 'TUF_SIGNATURE' });
});

t.test('a DP mirror of a delegated repository serves every role under its own name: tuf-js’s Updater reads it with no 404', async (t) => {
  const k = makeKey();
  const { work, repo, server } = await served(t, async (repo) => {
    repo.delegate('targets', { name: 'modules-team', paths: ['modules/*'], keys: [k] });
    repo.delegate('modules-team', { name: 'modules-nightly', paths: ['modules/nightly-*'], keys: [k] });
    await repo.addTarget('targets', 'databases/base.bin', Buffer.from('databases'));
    await repo.addTarget('modules-team', 'modules/app.bin', Buffer.from('module by the team'));
    await repo.addTarget('modules-nightly', 'modules/nightly-1.bin', Buffer.from('nightly'));
    await repo.addTarget('targets', 'modules/app.bin', Buffer.from('top-level wins over the team'));
  });
  const dp = path.join(work, 'dp');
  const first = await syncRepository({ sources: [{ url: server.url }], dest: dp, trustRoot: path.join(repo.metadataDir, '1.root.json') });
  t.equal(first.files, 3);
  for (const role of ['modules-team', 'modules-nightly']) t.ok(await readFile(path.join(dp, 'metadata', `1.${role}.json`)), `${role} is mirrored`);

  const dpServer = await serveStatic(dp);
  t.teardown(() => dpServer.close());
  const client = path.join(work, 'tuf-js');
  await mkdir(client, { recursive: true });
  await copyFile(path.join(repo.metadataDir, '1.root.json'), path.join(client, 'root.json'));
  const updater = new Updater({ metadataDir: client, metadataBaseUrl: `${dpServer.url}/metadata`, targetDir: client, targetBaseUrl: `${dpServer.url}/targets` });
  const wanted: [string, string][] = [['modules/nightly-1.bin', 'nightly'], ['modules/app.bin', 'top-level wins over the team']];
  for (const [name, content] of wanted) {
    const info = await updater.getTargetInfo(name);
    t.ok(info, `${name} found through the DP`);
    if (info) t.equal((await readFile(await updater.downloadTarget(info, path.join(client, path.basename(name))))).toString(), content);
  }
  const asked = dpServer.stats.paths.filter((p) => p !== '/metadata/2.root.json');
  const absent = [];
  for (const p of asked) if (!(await stat(path.join(dp, p)).catch(() => undefined))) absent.push(p);
  t.same(absent, [], `every file the client asked for is there (${asked.length} requests, only the next root is absent)`);

  const noop = await syncRepository({ sources: [{ url: server.url }], dest: dp });
  t.equal(noop.requests, 2, 'a delegated mirror is a no-op in two requests too');
  t.notOk(noop.changed);
});

t.test('a lookup visits at most 32 roles: a target 40 delegations deep is not found', async (t) => {
  const k = makeKey();
  const { work, repo, server } = await served(t, async (repo) => {
    for (let i = 1; i <= 40; i++) repo.delegate(i === 1 ? 'targets' : `r${i - 1}`, { name: `r${i}`, keys: [k] });
    await repo.addTarget('r40', 'deep.bin', Buffer.from('deep'));
  });
  server.stats.paths.length = 0;
  t.equal(await lookup(t, work, server.url, path.join(repo.metadataDir, '1.root.json'), 'deep.bin'), undefined);
  t.equal(fetchedRoles(server.stats.paths).length, 31, 'targets plus 31 delegated roles, then the search stops');
});

t.test('an expired delegated role is refused (freeze attack, 5.6.5)', async (t) => {
  const k = makeKey();
  const { work, repo, server } = await served(t, async (repo) => {
    repo.delegate('targets', { name: 'A', keys: [k] });
    await repo.addTarget('A', 'a.bin', Buffer.from('a'));
  });
  repo.role('A').days = -1;
  await repo.publish(['A']);
  await t.rejects(lookup(t, work, server.url, path.join(repo.metadataDir, '1.root.json'), 'a.bin'), { code: 'TUF_EXPIRED' });
  const dp = path.join(work, 'dp');
  await t.rejects(syncRepository({ sources: [{ url: server.url }], dest: dp, trustRoot: path.join(repo.metadataDir, '1.root.json'), retries: 0 }), { code: 'TUF_EXPIRED' }, 'a mirror refuses it too');
});
