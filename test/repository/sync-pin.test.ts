/**
 * Rings and pinning (docs/architecture.md "Rings and pinning") with the real publisher and server:
 * a sync pinned to a version takes the older targets that carry it while the current timestamp
 * and snapshot are verified; a mirror keeps the versions its pinned devices need
 * (`keepVersions`), and a pin the repository no longer has is a stable error.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { isUpdopsError } from '../../src/errors.js';
import { generateDelegatedKey, generateKeys } from '../../src/repository/keys.js';
import { publishRepository } from '../../src/repository/publish/index.js';
import { readLocalRepository } from '../../src/repository/publish/index.js';
import { serveRepository } from '../../src/repository/serve/index.js';
import { syncRepository } from '../../src/repository/sync/index.js';
import { tempDir } from './helpers/sync-fixture.js';

interface World {
  work: string;
  repoDir: string;
  trustRoot: string;
  url: string;
  requests: () => number;
  /** Publishes a release whose databases and modules carry `version` (VERSION files). */
  publish(version: string, options?: { expires?: string }): Promise<number>;
}

async function world(t: Test): Promise<World> {
  const work = await tempDir(t);
  const [content, repoDir, keysDir] = ['content', 'repo', 'keys'].map((d) => path.join(work, d)) as [string, string, string];
  await generateKeys(keysDir);
  let requests = 0;
  const publish = async (version: string, options: { expires?: string } = {}): Promise<number> => {
    await rm(content, { recursive: true, force: true });
    for (const [rel, text] of Object.entries({
      'databases/kes/daily.avc': `daily ${version}\n`.repeat(300),
      'databases/kes/VERSION': `${version}\n`,
      'modules/kes/agent.bin': `agent ${version}\n`.repeat(50),
      'modules/kes/VERSION': `${version}\n`,
    })) {
      await mkdir(path.dirname(path.join(content, rel)), { recursive: true });
      await writeFile(path.join(content, rel), text);
    }
    return (await publishRepository({ contentDir: content, repoDir, keysDir, ...(options.expires ? { expires: options.expires } : {}) })).version;
  };
  await publish('2026.11.1');
  const server = await serveRepository({ root: repoDir, onRequest: () => (requests += 1) });
  t.teardown(() => server.close());
  return { work, repoDir, trustRoot: path.join(repoDir, 'metadata', '1.root.json'), url: server.url, requests: () => requests, publish };
}

const dbVersion = async (dir: string): Promise<string | undefined> => {
  const repo = await readLocalRepository(dir);
  return [...(repo?.targets ?? [])].find(([name]) => name.startsWith('databases/') && name.endsWith('daily.avc'))?.[1].custom.version as string | undefined;
};
const heldDaily = async (dir: string): Promise<string> => {
  const repo = await readLocalRepository(dir);
  const [name, target] = [...(repo?.targets ?? [])].find(([n]) => n.endsWith('daily.avc')) ?? [];
  if (!name || !target) return '';
  return readFile(path.join(dir, 'targets', 'databases', 'kes', `${target.sha256}.daily.avc`), 'utf8');
};

void t.test('a pinned sync takes the older version, verifies the current timestamp, and follows promotion and revert', async (t) => {
  const w = await world(t);
  t.equal(await w.publish('2026.12.1'), 2);
  const dest = path.join(w.work, 'device');

  const pinned = await syncRepository({ sources: [{ url: w.url }], dest, trustRoot: w.trustRoot, pin: '2026.11.1' });
  t.equal(pinned.version, 1, 'the targets of version 1');
  t.same(pinned.pinned, { version: '2026.11.1', targetsVersion: 1 });
  t.equal(await dbVersion(dest), '2026.11.1', 'readLocalRepository reports the pinned view');
  t.match(await heldDaily(dest), /^daily 2026\.11\.1\n/, 'the pinned release bytes are held');
  t.equal((await readLocalRepository(dest))?.version, 1);
  const ts = JSON.parse(await readFile(path.join(dest, 'metadata', 'timestamp.json'), 'utf8')) as { signed: { version: number } };
  t.equal(ts.signed.version, 2, 'the current timestamp is held (freshness, rollback protection)');
  t.same(JSON.parse(await readFile(path.join(dest, 'metadata', 'pin.json'), 'utf8')), { version: '2026.11.1', targetsVersion: 1 });

  const before = w.requests();
  const again = await syncRepository({ sources: [{ url: w.url }], dest, pin: '2026.11.1' });
  t.notOk(again.changed, 'pinned and unchanged: a no-op');
  t.equal(again.version, 1);
  t.equal(w.requests() - before, 2, 'a pinned no-op is the two requests of any no-op');

  // Promotion: the pin moves to the current release.
  const promoted = await syncRepository({ sources: [{ url: w.url }], dest, pin: '2026.12.1' });
  t.ok(promoted.changed);
  t.equal(promoted.version, 2);
  t.notOk(promoted.pinned, 'the current version carries the pin: no pinned view');
  t.notOk(existsSync(path.join(dest, 'metadata', 'pin.json')), 'pin.json is gone');
  t.equal(await dbVersion(dest), '2026.12.1');
  t.match(await heldDaily(dest), /^daily 2026\.12\.1\n/);

  // Revert: back to the older release (the downgrade the pin authorizes), found through the cache.
  const reverted = await syncRepository({ sources: [{ url: w.url }], dest, pin: '2026.11.1' });
  t.equal(reverted.version, 1);
  t.equal(await dbVersion(dest), '2026.11.1');
  t.match(await heldDaily(dest), /^daily 2026\.11\.1\n/);

  // Unpinned again: the current version.
  const current = await syncRepository({ sources: [{ url: w.url }], dest });
  t.equal(current.version, 2);
  t.equal(await dbVersion(dest), '2026.12.1');
});

void t.test('a pin the repository does not have is PIN_NOT_FOUND, and the dest is untouched', async (t) => {
  const w = await world(t);
  await w.publish('2026.12.1');
  const dest = path.join(w.work, 'device');
  await syncRepository({ sources: [{ url: w.url }], dest, trustRoot: w.trustRoot, pin: '2026.11.1' });
  await t.rejects(syncRepository({ sources: [{ url: w.url }], dest, pin: '1999.1.1' }), { code: 'PIN_NOT_FOUND', message: /no targets version from 2 down to 1 carries version "1999\.1\.1"/ });
  t.equal(await dbVersion(dest), '2026.11.1', 'still the version pinned before');

  // The publisher retains two versions: after v3, version 1 is gone from the source.
  await w.publish('2027.1.1');
  await t.rejects(syncRepository({ sources: [{ url: w.url }], dest: path.join(w.work, 'fresh'), trustRoot: w.trustRoot, pin: '2026.11.1' }), { code: 'PIN_NOT_FOUND' });
});

void t.test('an expired pinned version is TUF_EXPIRED with what to do', async (t) => {
  const w = await world(t);
  const work = w.work;
  // Re-publish the first release with a 2 s lifetime, then a current one.
  t.equal(await w.publish('2026.11.2', { expires: '2s' }), 2);
  t.equal(await w.publish('2026.12.1'), 3);
  await new Promise((r) => setTimeout(r, 2500));
  const error = await syncRepository({ sources: [{ url: w.url }], dest: path.join(work, 'device'), trustRoot: w.trustRoot, pin: '2026.11.2' }).catch((e: unknown) => e);
  t.ok(isUpdopsError(error));
  t.match(error, { code: 'TUF_EXPIRED', message: /version "2026\.11\.2" \(targets 2\) expired at .*the publisher must re-sign it to keep it pinned/ });
});

void t.test('a DP keeps the versions its pinned devices need; devices take them from the DP; dropped, they are gone', async (t) => {
  const w = await world(t);
  await w.publish('2026.12.1');
  const dp = path.join(w.work, 'dp');
  const kept = await syncRepository({ sources: [{ url: w.url }], dest: dp, trustRoot: w.trustRoot, keepVersions: ['2026.11.1', '2026.12.1'] });
  t.equal(kept.version, 2, 'the DP serves the current version');
  t.same(kept.warnings, []);
  t.ok(existsSync(path.join(dp, 'metadata', '1.targets.json')), 'and keeps the pinned version\'s targets');
  t.equal(await dbVersion(dp), '2026.12.1');
  const dpServer = await serveRepository({ root: dp });
  t.teardown(() => dpServer.close());

  const noop = await syncRepository({ sources: [{ url: w.url }], dest: dp, keepVersions: ['2026.11.1'] });
  t.notOk(noop.changed, 'kept and unchanged: a no-op');

  const broad = path.join(w.work, 'broad');
  const pilot = path.join(w.work, 'pilot');
  t.equal((await syncRepository({ sources: [{ url: dpServer.url }], dest: broad, trustRoot: w.trustRoot, pin: '2026.11.1', components: ['databases'] })).version, 1);
  t.equal((await syncRepository({ sources: [{ url: dpServer.url }], dest: pilot, trustRoot: w.trustRoot, pin: '2026.12.1', components: ['databases'] })).version, 2);
  t.equal(await dbVersion(broad), '2026.11.1');
  t.match(await heldDaily(broad), /^daily 2026\.11\.1\n/);
  t.equal(await dbVersion(pilot), '2026.12.1');

  // The vendor prunes version 1 (v3 published); the DP still holds it and keeps serving it.
  await w.publish('2027.1.1');
  const after = await syncRepository({ sources: [{ url: w.url }], dest: dp, keepVersions: ['2026.11.1'] });
  t.equal(after.version, 3);
  t.same(after.warnings, [], 'found in the DP\'s own metadata');
  const broad2 = path.join(w.work, 'broad2');
  t.equal((await syncRepository({ sources: [{ url: dpServer.url }], dest: broad2, trustRoot: w.trustRoot, pin: '2026.11.1' })).version, 1);

  // No device pins it any more: the DP drops it, and a device pinned to it fails clearly.
  const dropped = await syncRepository({ sources: [{ url: w.url }], dest: dp });
  t.ok(dropped.changed);
  t.notOk(existsSync(path.join(dp, 'metadata', '1.targets.json')), 'the unkept version\'s targets are removed');
  await t.rejects(syncRepository({ sources: [{ url: dpServer.url }], dest: path.join(w.work, 'late'), trustRoot: w.trustRoot, pin: '2026.11.1' }), { code: 'PIN_NOT_FOUND' });

  // A version nobody has is a warning for the DP, not a failure.
  const warned = await syncRepository({ sources: [{ url: w.url }], dest: dp, keepVersions: ['1999.1.1'] });
  t.match(warned.warnings, [/version "1999\.1\.1" pinned by devices of this mirror is not kept: PIN_NOT_FOUND/]);
});

void t.test('a repository with delegated targets cannot be pinned to an older version: PIN_UNSUPPORTED', async (t) => {
  const work = await tempDir(t);
  const [keys, content, repoDir] = ['keys', 'content', 'repo'].map((d) => path.join(work, d)) as [string, string, string];
  await generateKeys(keys);
  await generateDelegatedKey(keys, 'modules-team');
  const publish = async (version: string): Promise<void> => {
    await rm(content, { recursive: true, force: true });
    for (const [rel, text] of Object.entries({ 'databases/kes/daily.avc': `daily ${version}\n`, 'databases/kes/VERSION': `${version}\n`, 'modules/kes/agent.bin': 'agent\n' })) {
      await mkdir(path.dirname(path.join(content, rel)), { recursive: true });
      await writeFile(path.join(content, rel), text);
    }
    await publishRepository({ contentDir: content, repoDir, keysDir: keys, delegations: [{ name: 'modules-team', paths: ['modules/*/*'] }] });
  };
  await publish('2026.11.1');
  await publish('2026.12.1');
  const server = await serveRepository({ root: repoDir });
  t.teardown(() => server.close());
  const trustRoot = path.join(repoDir, 'metadata', '1.root.json');
  await t.rejects(syncRepository({ sources: [{ url: server.url }], dest: path.join(work, 'device'), trustRoot, pin: '2026.11.1' }), { code: 'PIN_UNSUPPORTED', message: /delegates targets/ });
  const current = await syncRepository({ sources: [{ url: server.url }], dest: path.join(work, 'device'), trustRoot, pin: '2026.12.1' });
  t.equal(current.version, 2, 'a pin the current version carries needs no older targets');
});
