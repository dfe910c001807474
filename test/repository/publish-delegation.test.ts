/**
 * Publisher-side delegation (publish/delegations.ts): `modules/*` signed by an application
 * team's own key. The delegated role is listed in the snapshot, verified by its delegator, read
 * by tuf-js's Updater, mirrored by `updops sync`, kept through deltas, pruning and rotation.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { generateDelegatedKey, generateKeys } from '../../src/repository/keys.js';
import { publishRepository, readLocalRepository, rotateRoleKey } from '../../src/repository/publish/index.js';
import { syncRepository } from '../../src/repository/sync/index.js';
import { serveStatic } from './helpers/static-server.js';
import { tempDir, tufClient, writeContent } from './publish-fixture.js';

const json = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as { signed: Record<string, unknown> & { targets?: Record<string, unknown> } };

t.test('modules/* is signed by the team key; clients and mirrors follow the delegation', async (t) => {
  const work = await tempDir(t, 'updops-deleg-pub-');
  const [keys, content, repo, dp] = ['keys', 'content', 'repo', 'dp'].map((d) => path.join(work, d)) as [string, string, string, string];
  await generateKeys(keys);
  const teamKey = await generateDelegatedKey(keys, 'modules-team');
  const publish = async (module: string) => {
    // Big enough for a diff file to be worth it.
    await writeContent(content, { 'databases/av/base.bin': 'bases', 'modules/app/app.bin': Buffer.concat([Buffer.alloc(50_000, 'm'), Buffer.from(module)]) });
    return publishRepository({ contentDir: content, repoDir: repo, keysDir: keys, deltas: 1, delegations: [{ name: 'modules-team', paths: ['modules/*/*'] }] });
  };
  await publish('module v1');

  const top = await json(path.join(repo, 'metadata', '1.targets.json'));
  t.same(Object.keys(top.signed.targets ?? {}), ['databases/av/base.bin'], 'the top-level role keeps only what is not delegated');
  t.match(top.signed, { delegations: { roles: [{ name: 'modules-team', keyids: [teamKey], paths: ['modules/*/*'], terminating: true }] } });
  const team = await json(path.join(repo, 'metadata', '1.modules-team.json'));
  t.same(Object.keys(team.signed.targets ?? {}), ['modules/app/app.bin']);
  t.same([...((await readLocalRepository(repo))?.targets.keys() ?? [])].sort(), ['databases/av/base.bin', 'modules/app/app.bin'], 'the repository reads back whole');

  const server = await serveStatic(repo);
  t.teardown(() => server.close());
  const { updater } = await tufClient(t, repo, server.url);
  t.ok(await updater.getTargetInfo('modules/app/app.bin'), 'tuf-js finds the module through the delegation');

  const trustRoot = path.join(repo, 'metadata', '1.root.json');
  await syncRepository({ sources: [{ url: server.url }], dest: dp, trustRoot });
  const v2 = await publish('module v2, changed');
  t.equal(v2.changed.length, 1, 'only the module changed');
  t.equal(v2.deltas, 1, 'a delta from the previous module, found through the delegated role');
  const synced = await syncRepository({ sources: [{ url: server.url }], dest: dp, diffs: true });
  t.ok(synced.changed);
  t.equal(synced.deltaFiles, 1, 'the DP rebuilt the module from its diff file');
  t.ok(await readFile(path.join(dp, 'metadata', '2.modules-team.json')));

  const rotated = await rotateRoleKey({ keysDir: keys, role: 'targets', repoDir: repo });
  t.equal(rotated.version, 3);
  t.ok(await readFile(path.join(repo, 'metadata', '3.modules-team.json')), 're-signing keeps the delegated role');
  const after = await syncRepository({ sources: [{ url: server.url }], dest: dp });
  t.equal(after.version, 3);
  t.equal(after.files, 0, 'nothing to download: same targets, new signatures');
});

t.test('a delegation with a bad name or no key is refused before anything is written', async (t) => {
  const work = await tempDir(t, 'updops-deleg-bad-');
  const [keys, content, repo] = ['keys', 'content', 'repo'].map((d) => path.join(work, d)) as [string, string, string];
  await generateKeys(keys);
  await writeContent(content, { 'modules/app/app.bin': 'x' });
  await t.rejects(publishRepository({ contentDir: content, repoDir: repo, keysDir: keys, delegations: [{ name: 'snapshot', paths: ['modules/*'] }] }), { code: 'PUBLISH' });
  await t.rejects(publishRepository({ contentDir: content, repoDir: repo, keysDir: keys, delegations: [{ name: 'team', paths: ['modules/*/*'] }] }), { code: 'KEYS', message: /--delegated team/ });
  await generateDelegatedKey(keys, 'team');
  await t.rejects(
    publishRepository({ contentDir: content, repoDir: repo, keysDir: keys, delegations: [{ name: 'team', paths: ['modules/*'] }] }),
    { code: 'PUBLISH', message: /covers no file.*modules\/\*\/\*/ },
    'a pattern that matches nothing says how TUF patterns work',
  );
  await t.rejects(readFile(path.join(repo, 'metadata', 'timestamp.json')), { code: 'ENOENT' }, 'nothing was published');
});
