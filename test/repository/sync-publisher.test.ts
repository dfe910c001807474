/**
 * End to end with the real publisher and server (docs/design.md 3): `publishRepository` →
 * `serveRepository` → `syncRepository` → serve the mirror → sync again. Counts what crosses
 * the wire at the server.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { generateKeys } from '../../src/repository/keys.js';
import { publishRepository } from '../../src/repository/publish/index.js';
import { serveRepository } from '../../src/repository/serve/index.js';
import { syncRepository } from '../../src/repository/sync/index.js';
import { blob, tempDir, treeHash } from './helpers/sync-fixture.js';

async function writeContent(dir: string, files: Record<string, Buffer>): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  for (const [name, data] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), data);
  }
}

const tufOnly = (rel: string): boolean => !(rel.startsWith('metadata') || rel.startsWith('targets'));

void t.test('publisher → server → mirror → server → mirror, only changes move, no-op is two requests', async (t) => {
  const work = await tempDir(t);
  const [content, repoDir, keysDir, dp, device] = ['content', 'repo', 'keys', 'dp', 'device'].map((d) => path.join(work, d)) as [string, string, string, string, string];
  await generateKeys(keysDir);
  const v1: Record<string, Buffer> = {
    'databases/kes/daily.avc': blob(400_000, 1),
    'databases/kes/weekly.avc': blob(200_000, 2),
    'modules/kes/app.bin': blob(100_000, 3),
    'modules/kes/lib.bin': blob(50_000, 4),
    'applications/kes/notes.txt': Buffer.from('v1\n'),
  };
  await writeContent(content, v1);
  await publishRepository({ contentDir: content, repoDir, keysDir, deltas: 1, legacy: 'with' });
  let requests = 0;
  const vendor = await serveRepository({ root: repoDir, onRequest: () => (requests += 1) });
  t.teardown(() => vendor.close());
  const trustRoot = path.join(repoDir, 'metadata', '1.root.json');

  const first = await syncRepository({ sources: [{ url: vendor.url }], dest: dp, trustRoot, diffs: true });
  t.equal(first.version, 1);
  t.equal(first.files, 5);
  t.same(await treeHash(dp, (r) => r.startsWith('.') || tufOnly(r)), await treeHash(repoDir, tufOnly), 'TUF part of the mirror is byte-identical');

  const dpServer = await serveRepository({ root: dp });
  t.teardown(() => dpServer.close());
  const hop = await syncRepository({ sources: [{ url: dpServer.url }], dest: device, trustRoot, diffs: true });
  t.equal(hop.version, 1, 'the mirror verifies as a TUF repository downstream');

  const v2 = { ...v1 };
  v2['databases/kes/daily.avc'] = Buffer.concat([v1['databases/kes/daily.avc'] ?? Buffer.alloc(0), Buffer.from('appended')]);
  v2['modules/kes/app.bin'] = blob(100_000, 13);
  v2['applications/kes/notes.txt'] = Buffer.from('v2\n');
  delete v2['modules/kes/lib.bin'];
  await writeContent(content, v2);
  const published = await publishRepository({ contentDir: content, repoDir, keysDir, deltas: 1, legacy: 'with' });
  t.equal(published.changed.length, 3);
  const bytesBefore = vendor.stats.bytes;
  requests = 0;
  const second = await syncRepository({ sources: [{ url: vendor.url }], dest: dp, diffs: true });
  t.equal(second.version, 2);
  t.ok(second.deltaFiles >= 1, `diff files used: ${second.deltaFiles}`);
  const wire = vendor.stats.bytes - bytesBefore;
  t.ok(wire < 100_000 + 50_000, `bytes on the wire for v2: ${wire} (daily.avc came as a diff file)`);
  t.comment(`v2 sync: ${requests} requests, ${wire} bytes, ${second.files} files, ${second.deltaBytesSaved} bytes saved by diff files`);

  await new Promise((r) => setTimeout(r, 50));
  requests = 0;
  const noop = await syncRepository({ sources: [{ url: vendor.url }], dest: dp, diffs: true });
  await new Promise((r) => setTimeout(r, 50));
  t.equal(requests, 2, 'a no-op sync costs exactly two requests at the server: the absent next root and the timestamp');
  t.notOk(noop.changed);

  const hop2 = await syncRepository({ sources: [{ url: dpServer.url }], dest: device, diffs: true });
  t.equal(hop2.version, 2);
  t.ok(hop2.deltaFiles >= 1, 'the device uses the diff files the DP mirrored');
});
