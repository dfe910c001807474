/**
 * Old scheme (docs/design.md 3, docs/repository-format.md "Old scheme"): used only with
 * `legacy`, the error says which option to turn on, and every file is checked against SHA256SUMS.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { syncRepository } from '../../src/repository/sync/index.js';
import { blob, sha256, tempDir, treeHash, writeLegacy } from './helpers/sync-fixture.js';
import { serveStatic } from './helpers/static-server.js';

const content = { 'databases/kes/daily.avc': blob(40_000, 1), 'modules/kes/app.bin': blob(10_000, 2) };

void t.test('a legacy-only source needs the option, then syncs', async (t) => {
  const work = await tempDir(t);
  const src = path.join(work, 'old');
  await writeLegacy(src, content);
  const server = await serveStatic(src);
  t.teardown(() => server.close());
  const dp = path.join(work, 'dp');

  const refused = await syncRepository({ sources: [{ url: server.url }], dest: dp }).catch((e: unknown) => e);
  t.match(refused, { code: 'LEGACY_SCHEME_REQUIRED' });
  t.match((refused as Error).message, /download updates by using the old scheme/);
  t.match((refused as Error).message, /legacyScheme: true/);
  t.match((refused as Error).message, /--legacy/);

  const result = await syncRepository({ sources: [{ url: server.url }], dest: dp, legacy: true });
  t.equal(result.scheme, 'legacy');
  t.equal(result.files, 2);
  t.same(await treeHash(dp), await treeHash(src), 'plain files and SHA256SUMS mirrored');

  // Next version: one file changed, one removed, one added.
  const next = { 'databases/kes/daily.avc': blob(40_000, 3), 'applications/kes/new.txt': Buffer.from('new\n') };
  await writeFile(path.join(src, 'modules/kes/app.bin'), 'stale on the server, not listed any more');
  await writeLegacy(src, next);
  const second = await syncRepository({ sources: [{ url: server.url }], dest: dp, legacy: true });
  t.equal(second.files, 2);
  t.equal(second.removed, 1);
  t.equal(sha256(await readFile(path.join(dp, 'databases/kes/daily.avc'))), sha256(next['databases/kes/daily.avc']));
  await t.rejects(readFile(path.join(dp, 'modules/kes/app.bin')), 'the file SHA256SUMS no longer lists is gone');
});

void t.test('a file that does not match SHA256SUMS is refused and the mirror is untouched', async (t) => {
  const work = await tempDir(t);
  const src = path.join(work, 'old');
  await writeLegacy(src, content);
  const server = await serveStatic(src);
  t.teardown(() => server.close());
  const dp = path.join(work, 'dp');
  await syncRepository({ sources: [{ url: server.url }], dest: dp, legacy: true });
  const before = await treeHash(dp);
  const next = { ...content, 'databases/kes/daily.avc': blob(40_000, 4) };
  await writeLegacy(src, next, { 'databases/kes/daily.avc': sha256('something else') });
  const refused = await syncRepository({ sources: [{ url: server.url }], dest: dp, legacy: true }).catch((e: unknown) => e);
  t.match(refused, { code: 'LEGACY_MISMATCH' });
  t.same(await treeHash(dp), before);
});

void t.test('SHA256SUMS with a path escaping the repository is refused', async (t) => {
  const work = await tempDir(t);
  const src = path.join(work, 'old');
  await writeLegacy(src, content);
  await writeFile(path.join(src, 'SHA256SUMS'), `${sha256('x')}  ../../etc/passwd\n`);
  const refused = await syncRepository({ sources: [{ url: src }], dest: path.join(work, 'dp'), legacy: true }).catch((e: unknown) => e);
  t.match(refused, { code: 'TUF_PATH' });
});
