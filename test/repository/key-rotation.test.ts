/**
 * Key rotation end to end (docs/repository-format.md "Keys", TUF 5.3): publish, sync a DP and a
 * device behind it, rotate and revoke keys; both follow on their next sync, a repository signed
 * by a revoked key alone is refused, and a client given only the first root reaches the newest.
 */
import { createPrivateKey, sign } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Metadata, MetadataKind, Signature, Timestamp } from '@tufjs/models';
import type { JSONObject } from '@tufjs/models/dist/utils/types.js';
import t from 'tap';
import { generateKeys } from '../../src/repository/keys.js';
import { publishRepository, rotateRoleKey } from '../../src/repository/publish/index.js';
import { syncRepository } from '../../src/repository/sync/index.js';
import { tempDir, writeContent } from './publish-fixture.js';
import { serveStatic } from './helpers/static-server.js';

const version = async (file: string): Promise<number> => (JSON.parse(await readFile(file, 'utf8')) as { signed: { version: number } }).signed.version;

t.test('rotate the timestamp key, then the root key: a DP and a device follow; the revoked key is refused', async (t) => {
  const work = await tempDir(t, 'updops-rotate-');
  const [keys, content, repo, dp, device] = ['keys', 'content', 'repo', 'dp', 'device'].map((d) => path.join(work, d)) as [string, string, string, string, string];
  await generateKeys(keys);
  const publish = async (base: string) => {
    await writeContent(content, { 'databases/av/base.bin': base });
    return publishRepository({ contentDir: content, repoDir: repo, keysDir: keys });
  };
  await publish('v1');
  const vendor = await serveStatic(repo);
  t.teardown(() => vendor.close());
  const dpServer = await serveStatic(dp);
  t.teardown(() => dpServer.close());
  const firstRoot = path.join(repo, 'metadata', '1.root.json');
  const syncBoth = async () => {
    const a = await syncRepository({ sources: [{ url: vendor.url }], dest: dp, trustRoot: firstRoot, retries: 0 });
    const b = await syncRepository({ sources: [{ url: dpServer.url }], dest: device, trustRoot: firstRoot, retries: 0 });
    return [a, b] as const;
  };
  await syncBoth();

  const rotated = await rotateRoleKey({ keysDir: keys, role: 'timestamp' });
  t.not(rotated.current, rotated.revoked);
  await publish('v2');
  const rootV2 = JSON.parse(await readFile(path.join(repo, 'metadata', '2.root.json'), 'utf8')) as { signed: { roles: { timestamp: { keyids: string[] } } } };
  t.same(rootV2.signed.roles.timestamp.keyids, [rotated.current], 'root v2 lists only the new timestamp key: the old one is revoked');
  const [dpV2, deviceV2] = await syncBoth();
  t.ok(dpV2.changed && deviceV2.changed, 'the DP and the device both follow');
  t.equal(await version(path.join(device, '.updops', 'tuf', 'root.json')), 2);

  // An attacker holding only the revoked key signs a newer timestamp.
  const revokedFile = (await readdir(keys)).find((f) => f.startsWith('timestamp.revoked-') && f.endsWith('.key.pem')) ?? '';
  const revoked = createPrivateKey(await readFile(path.join(keys, revokedFile)));
  const current = Metadata.fromJSON(MetadataKind.Timestamp, JSON.parse(await readFile(path.join(repo, 'metadata', 'timestamp.json'), 'utf8')) as JSONObject);
  const forged = new Metadata(new Timestamp({ version: current.signed.version + 1, specVersion: '1.0.31', expires: current.signed.expires, snapshotMeta: current.signed.snapshotMeta }));
  forged.sign((data) => new Signature({ keyID: rotated.revoked, sig: sign(null, data, revoked).toString('hex') }));
  const genuine = await readFile(path.join(repo, 'metadata', 'timestamp.json'));
  await writeFile(path.join(repo, 'metadata', 'timestamp.json'), JSON.stringify(forged.toJSON()));
  await t.rejects(syncRepository({ sources: [{ url: vendor.url }], dest: dp, retries: 0 }), { code: 'TUF_SIGNATURE' });
  await writeFile(path.join(repo, 'metadata', 'timestamp.json'), genuine);

  const rootRotation = await rotateRoleKey({ keysDir: keys, role: 'root', repoDir: repo });
  t.equal(rootRotation.rootVersion, 3);
  const rootV3 = JSON.parse(await readFile(path.join(repo, 'metadata', '3.root.json'), 'utf8')) as { signatures: { keyid: string }[] };
  t.same(rootV3.signatures.map((s) => s.keyid).sort(), [rootRotation.current, rootRotation.revoked].sort(), 'root v3 is signed by the old and the new root key');
  await syncBoth();
  t.equal(await version(path.join(device, '.updops', 'tuf', 'root.json')), 3, 'the device follows the root rotation');

  await publish('v3');
  const [dpV4] = await syncBoth();
  t.equal(dpV4.version, 4, '`updops publish` keeps working with the new root key');
  const fresh = await syncRepository({ sources: [{ url: dpServer.url }], dest: path.join(work, 'fresh'), trustRoot: firstRoot, retries: 0 });
  t.equal(fresh.version, 4, 'a client given only the first root reaches the newest through the DP');
  t.equal(await version(path.join(work, 'fresh', '.updops', 'tuf', 'root.json')), 3);
});
