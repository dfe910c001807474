/**
 * `updops publish` (docs/design.md 3, docs/repository-format.md): versions verified by the real
 * tuf-js client over the real server, deltas that apply, retention, custom fields.
 */
import { randomBytes } from 'node:crypto';
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { applyDelta } from 'fossil-delta';
import t from 'tap';
import type { Test } from 'tap';
import { generateKeys } from '../../src/repository/keys.js';
import { publishRepository, readLocalRepository } from '../../src/repository/publish/index.js';
import { serveRepository } from '../../src/repository/serve/index.js';
import { mutate, sha256, tempDir, tufClient, writeContent } from './publish-fixture.js';

const NOW = new Date('2025-03-01T10:00:00Z');
const PUBLISHED = '2025-03-01T09:30:00Z';

async function setup(t: Test) {
  const dir = await tempDir(t);
  const keysDir = path.join(dir, 'keys');
  await generateKeys(keysDir);
  return { dir, keysDir, repoDir: path.join(dir, 'repo') };
}

const big = (n: number): Buffer => randomBytes(n);

t.test('version 1 is verified end to end by the tuf-js Updater over serveRepository', async (t) => {
  const { dir, keysDir, repoDir } = await setup(t);
  const content = path.join(dir, 'content');
  const daily = big(40_000);
  await writeContent(content, {
    'databases/kes/daily.avc': daily,
    'databases/kes/VERSION': '2025.03.01\n',
    'modules/agent/agent-1.2.bin': 'module bytes',
  });
  const result = await publishRepository({ contentDir: content, repoDir, keysDir, published: PUBLISHED });
  t.same(result, { version: 1, targets: 2, changed: ['databases/kes/daily.avc', 'modules/agent/agent-1.2.bin'], removed: [], deltas: 0, bytes: result.bytes });
  t.ok(result.bytes > daily.length, 'bytes count the copied files and metadata');

  const server = await serveRepository({ root: repoDir });
  t.teardown(() => server.close());
  const { updater, targetDir } = await tufClient(t, repoDir, server.url);
  await updater.refresh();
  const info = await updater.getTargetInfo('databases/kes/daily.avc');
  t.ok(info, 'target listed');
  const file = await updater.downloadTarget(info!, path.join(targetDir, 'daily.avc'));
  t.same(await readFile(file), daily, 'downloaded bytes verified and equal');
  t.same(info!.custom, { component: 'databases', application: 'kes', version: '2025.03.01', published: PUBLISHED });
  const module = await updater.getTargetInfo('modules/agent/agent-1.2.bin');
  t.same(module!.custom, { component: 'modules', application: 'agent', version: '1', published: PUBLISHED }, 'no VERSION file: the repository version');
  t.notOk(await updater.getTargetInfo('databases/kes/VERSION'), 'VERSION is not a target');
  t.ok(server.stats.requests >= 5, 'client went through the server');

  const local = await readLocalRepository(repoDir);
  t.equal(local?.version, 1);
  t.equal(local?.published, PUBLISHED);
  t.equal(local?.targets.get('databases/kes/daily.avc')?.sha256, sha256(daily));
});

t.test('version 2 reports changed and removed paths, lists deltas that rebuild the new content, keeps v1 files', async (t) => {
  const { dir, keysDir, repoDir } = await setup(t);
  const v1 = path.join(dir, 'v1');
  const v2 = path.join(dir, 'v2');
  const base = { a: big(30_000), b: big(30_000), c: big(30_000), d: big(5_000), e: big(5_000) };
  await writeContent(v1, {
    'databases/kes/a.avc': base.a,
    'databases/kes/b.avc': base.b,
    'databases/kav/c.avc': base.c,
    'databases/kav/d.avc': base.d,
    'modules/agent/e.bin': base.e,
  });
  await publishRepository({ contentDir: v1, repoDir, keysDir });
  const next = { a: mutate(base.a, 1), b: mutate(base.b, 2), c: mutate(base.c, 3) };
  await writeContent(v2, {
    'databases/kes/a.avc': next.a,
    'databases/kes/b.avc': next.b,
    'databases/kav/c.avc': next.c,
    'modules/agent/e.bin': base.e,
  });
  const result = await publishRepository({ contentDir: v2, repoDir, keysDir, deltas: 2 });
  t.equal(result.version, 2);
  t.same(result.changed, ['databases/kav/c.avc', 'databases/kes/a.avc', 'databases/kes/b.avc']);
  t.same(result.removed, ['databases/kav/d.avc']);
  t.equal(result.targets, 4);
  t.equal(result.deltas, 3, 'one delta per changed file (only v1 is earlier)');

  const local = (await readLocalRepository(repoDir))!;
  for (const [name, p] of [['a', 'databases/kes/a.avc'], ['b', 'databases/kes/b.avc'], ['c', 'databases/kav/c.avc']] as const) {
    const oldSha = sha256(base[name]);
    const deltaPath = `deltas/${p}.${oldSha.slice(0, 16)}.fossil`;
    const delta = local.targets.get(deltaPath);
    t.ok(delta, `${deltaPath} listed`);
    t.same(delta!.custom, { delta: { target: p, base: oldSha, result: sha256(next[name]) } });
    t.ok(delta!.length < next[name].length / 4, 'a small change gives a small delta');
    const stored = await readFile(path.join(repoDir, 'targets', path.dirname(deltaPath), `${delta!.sha256}.${path.basename(deltaPath)}`));
    t.equal(sha256(stored), delta!.sha256);
    t.same(Buffer.from(applyDelta(base[name], stored)), next[name], 'applyDelta(base, delta) gives the new content');
  }

  // The previous version stays complete beside the new one (a reader may be mid-way through it).
  for (const [p, data] of [['databases/kav/d.avc', base.d], ['databases/kes/a.avc', base.a]] as const) {
    t.ok(await stat(path.join(repoDir, 'targets', path.dirname(p), `${sha256(data)}.${path.basename(p)}`)), `v1 file of ${p} kept`);
  }
  t.ok(await stat(path.join(repoDir, 'metadata', '1.targets.json')));
  t.notOk(await stat(path.join(repoDir, 'metadata', '2.root.json')).catch(() => undefined), 'root stays version 1 when keys did not change');

  // The tuf-js client accepts version 2 and can fetch a delta target like any other target.
  const server = await serveRepository({ root: repoDir });
  t.teardown(() => server.close());
  const { updater, targetDir } = await tufClient(t, repoDir, server.url);
  await updater.refresh();
  const deltaInfo = await updater.getTargetInfo(`deltas/databases/kes/a.avc.${sha256(base.a).slice(0, 16)}.fossil`);
  const deltaFile = await updater.downloadTarget(deltaInfo!, path.join(targetDir, 'a.fossil'));
  t.same(Buffer.from(applyDelta(base.a, await readFile(deltaFile))), next.a);

  // Version 3: files only version 1 referenced are removed; version 2's stay.
  const v3 = path.join(dir, 'v3');
  await writeContent(v3, { 'databases/kes/a.avc': mutate(next.a, 9), 'databases/kes/b.avc': next.b, 'databases/kav/c.avc': next.c, 'modules/agent/e.bin': base.e });
  const third = await publishRepository({ contentDir: v3, repoDir, keysDir, deltas: 2 });
  t.equal(third.version, 3);
  t.same(third.changed, ['databases/kes/a.avc']);
  const gone = async (p: string, data: Buffer) =>
    (await stat(path.join(repoDir, 'targets', path.dirname(p), `${sha256(data)}.${path.basename(p)}`)).catch(() => undefined)) === undefined;
  t.ok(await gone('databases/kav/d.avc', base.d), 'v1-only file removed after v3');
  t.ok(await gone('databases/kes/b.avc', base.b), 'v1 content of b removed after v3');
  t.notOk(await gone('databases/kes/a.avc', next.a), 'v2 content kept after v3');
  t.notOk(await stat(path.join(repoDir, 'metadata', '1.targets.json')).catch(() => undefined), 'v1 metadata removed');
  t.ok(await stat(path.join(repoDir, 'metadata', '1.root.json')), 'roots are never removed');
  const v3local = (await readLocalRepository(repoDir))!;
  const deltas = [...v3local.targets.keys()].filter((p) => p.startsWith('deltas/'));
  t.equal(deltas.filter((p) => p.startsWith('deltas/databases/kes/a.avc.')).length, 2, 'a: deltas from its v2 and v1 contents');
  t.equal(deltas.filter((p) => p.startsWith('deltas/databases/kes/b.avc.')).length, 1, 'b unchanged: its v2 delta is carried forward');
  t.equal(third.deltas, deltas.length);
  const leftovers = (await readdir(path.join(repoDir, 'metadata'))).filter((n) => n.startsWith('.'));
  t.same(leftovers, [], 'no temp files left');
});

t.test('expires and published options shape the metadata', async (t) => {
  const { dir, keysDir, repoDir } = await setup(t);
  await writeContent(path.join(dir, 'c'), { 'databases/kes/x.avc': 'x' });
  await publishRepository({ contentDir: path.join(dir, 'c'), repoDir, keysDir, expires: '12h', now: NOW });
  const ts = JSON.parse(await readFile(path.join(repoDir, 'metadata', 'timestamp.json'), 'utf8'));
  t.equal(ts.signed.expires, '2025-03-01T22:00:00Z');
  t.equal((await readLocalRepository(repoDir))?.published, '2025-03-01T10:00:00Z', 'published defaults to the publish time');
  await t.rejects(publishRepository({ contentDir: path.join(dir, 'c'), repoDir, keysDir, expires: '7 days' }), { code: 'PUBLISH' });
  await t.rejects(publishRepository({ contentDir: path.join(dir, 'c'), repoDir, keysDir, published: 'yesterday' }), { code: 'PUBLISH' });
});

t.test('bad input is refused with clear codes and nothing is written', async (t) => {
  const { dir, keysDir, repoDir } = await setup(t);
  const cases: [string, Record<string, string>][] = [
    ['metadata', { 'metadata/kes/x': 'x' }],
    ['targets', { 'targets/kes/x': 'x' }],
    ['deltas', { 'deltas/kes/x': 'x' }],
    ['hidden', { '.git/kes/x': 'x' }],
    ['too shallow', { 'databases/x.avc': 'x' }],
    ['bad character', { 'databases/kes/a%41.avc': 'x' }],
  ];
  for (const [name, files] of cases) {
    const content = path.join(dir, `content-${name.replace(' ', '-')}`);
    await writeContent(content, files);
    await t.rejects(publishRepository({ contentDir: content, repoDir, keysDir }), { code: 'PUBLISH' }, name);
  }
  const empty = path.join(dir, 'empty');
  await writeContent(empty, { 'databases/kes/VERSION': '1' }); // a VERSION alone is not content
  await t.rejects(publishRepository({ contentDir: empty, repoDir, keysDir }), { code: 'PUBLISH' }, 'empty content');
  await t.rejects(publishRepository({ contentDir: path.join(dir, 'nope'), repoDir, keysDir }), { code: 'PUBLISH' }, 'missing content');
  const ok = path.join(dir, 'ok');
  await writeContent(ok, { 'databases/kes/x': 'x' });
  await t.rejects(publishRepository({ contentDir: ok, repoDir, keysDir: path.join(dir, 'no-keys') }), { code: 'KEYS' }, 'missing keys');
  t.notOk(await stat(path.join(repoDir, 'metadata')).catch(() => undefined), 'nothing written');
});

t.test('keys: targets key rotation issues root version 2; a foreign root key is refused', async (t) => {
  const { dir, keysDir, repoDir } = await setup(t);
  const content = path.join(dir, 'c');
  await writeContent(content, { 'databases/kes/x': 'x' });
  await publishRepository({ contentDir: content, repoDir, keysDir });
  const other = path.join(dir, 'other-keys');
  await generateKeys(other);
  await t.rejects(publishRepository({ contentDir: content, repoDir, keysDir: other }), { code: 'KEYS' });
  // Same root key, new targets key.
  for (const f of ['targets.key.pem', 'targets.pub.json']) {
    await rm(path.join(keysDir, f));
    await writeContent(keysDir, { [f]: await readFile(path.join(other, f)) });
  }
  const r = await publishRepository({ contentDir: content, repoDir, keysDir });
  t.equal(r.version, 2);
  t.ok(await stat(path.join(repoDir, 'metadata', '2.root.json')), 'new root version');
  const server = await serveRepository({ root: repoDir });
  t.teardown(() => server.close());
  const { updater } = await tufClient(t, repoDir, server.url);
  await updater.refresh();
  t.ok(await updater.getTargetInfo('databases/kes/x'), 'a client trusting root v1 follows the rotation');
});

t.test('readLocalRepository: undefined without metadata, an error when metadata was tampered with', async (t) => {
  const { dir, keysDir, repoDir } = await setup(t);
  t.equal(await readLocalRepository(path.join(dir, 'none')), undefined);
  await writeContent(path.join(dir, 'c'), { 'databases/kes/x': 'x' });
  await publishRepository({ contentDir: path.join(dir, 'c'), repoDir, keysDir });
  const file = path.join(repoDir, 'metadata', '1.targets.json');
  const md = JSON.parse(await readFile(file, 'utf8'));
  md.signed.targets['databases/kes/x'].length = 2;
  await writeContent(path.join(repoDir, 'metadata'), { '1.targets.json': JSON.stringify(md) });
  await t.rejects(readLocalRepository(repoDir), { code: 'TUF_HASH_MISMATCH' });
  await t.rejects(publishRepository({ contentDir: path.join(dir, 'c'), repoDir, keysDir }), { code: 'PUBLISH' }, 'publish will not build on it');
});

t.test('root is re-issued before it expires, signed by the same root key', async (t) => {
  const { dir, keysDir, repoDir } = await setup(t);
  await writeContent(path.join(dir, 'c'), { 'databases/kes/x': 'x' });
  await publishRepository({ contentDir: path.join(dir, 'c'), repoDir, keysDir, now: NOW });
  const later = new Date(NOW.getTime() + 300 * 86_400_000);
  await publishRepository({ contentDir: path.join(dir, 'c'), repoDir, keysDir, now: later });
  t.notOk(await stat(path.join(repoDir, 'metadata', '2.root.json')).catch(() => undefined), '65 days left: kept');
  const nearEnd = new Date(NOW.getTime() + 340 * 86_400_000);
  await publishRepository({ contentDir: path.join(dir, 'c'), repoDir, keysDir, now: nearEnd });
  const root2 = JSON.parse(await readFile(path.join(repoDir, 'metadata', '2.root.json'), 'utf8'));
  t.equal(root2.signed.version, 2);
  t.equal(root2.signed.expires, new Date(nearEnd.getTime() + 365 * 86_400_000).toISOString().replace('.000Z', 'Z'));
  t.same(await readFile(path.join(repoDir, 'metadata', 'root.json'), 'utf8'), JSON.stringify(root2, null, 2) + '\n', 'root.json is the newest root');
});
