/**
 * Diff files (docs/design.md 3): a 1 % change to a large file costs only a few percent on the wire;
 * a corrupted or wrong diff file falls back to the full file, and the result is always verified.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { createDelta } from 'fossil-delta';
import { syncRepository } from '../../src/repository/sync/index.js';
import { FixtureRepo, blob, sha256, tempDir, treeHash } from './helpers/sync-fixture.js';
import { serveStatic } from './helpers/static-server.js';

/** Changes `percent` % of the bytes in 100 scattered runs. */
function mutate(data: Buffer, percent: number, seed: number): Buffer {
  const out = Buffer.from(data);
  const runs = 100;
  const run = Math.floor((data.length * percent) / 100 / runs);
  const noise = blob(run, seed);
  for (let i = 0; i < runs; i++) noise.copy(out, Math.floor((i * data.length) / runs));
  return out;
}

void t.test('a 1% change in a 20 MB file costs at most 5% of it on the wire', async (t) => {
  const work = await tempDir(t);
  const repo = new FixtureRepo(path.join(work, 'vendor'));
  const big = blob(20 * 1024 * 1024, 5);
  await repo.publish({ 'databases/kes/big.avc': big, 'databases/kes/small.avc': Buffer.from('v1') });
  const server = await serveStatic(repo.dir);
  t.teardown(() => server.close());
  const dp = path.join(work, 'dp');
  await syncRepository({ sources: [{ url: server.url }], dest: dp, trustRoot: repo.rootPath(), diffs: true });

  const next = mutate(big, 1, 9);
  await repo.publish({ 'databases/kes/big.avc': next, 'databases/kes/small.avc': Buffer.from('v2') }, { deltas: true });
  server.stats.bytes = 0;
  const result = await syncRepository({ sources: [{ url: server.url }], dest: dp, diffs: true });
  t.equal(result.deltaFiles, 2, 'both changed files were rebuilt from their diff files');
  t.ok(result.deltaBytesSaved > 19 * 1024 * 1024, `saved ${result.deltaBytesSaved} bytes`);
  const limit = 0.05 * big.length;
  t.ok(server.stats.bytes <= limit, `wire bytes ${server.stats.bytes} ≤ 5% of ${big.length} (${Math.round((100 * server.stats.bytes) / big.length * 100) / 100}%)`);
  const rebuilt = await readFile(path.join(dp, 'targets/databases/kes', `${sha256(next)}.big.avc`));
  t.equal(sha256(rebuilt), sha256(next), 'the rebuilt file has the target hash');
  t.same(await treeHash(dp), await treeHash(repo.dir), 'the mirror holds the diff files too, byte-identical');
  t.same(result.warnings, []);
});

void t.test('a corrupted or wrong diff file falls back to the full file', async (t) => {
  const work = await tempDir(t);
  const repo = new FixtureRepo(path.join(work, 'vendor'));
  let content = blob(1024 * 1024, 6);
  await repo.publish({ 'modules/kes/app.bin': content });
  const server = await serveStatic(repo.dir);
  t.teardown(() => server.close());
  const dp = path.join(work, 'dp');
  await syncRepository({ sources: [{ url: server.url }], dest: dp, trustRoot: repo.rootPath(), diffs: true });

  // Variant 1: the diff file on the server is tampered with, so it fails its own hash.
  const base1 = content;
  content = mutate(content, 1, 7);
  await repo.publish({ 'modules/kes/app.bin': content }, { deltas: true });
  const deltaFile = path.join(repo.dir, 'targets/deltas/modules/kes', `${sha256(createDelta(base1, content))}.app.bin.${sha256(base1).slice(0, 16)}.fossil`);
  const tampered = await readFile(deltaFile);
  tampered[tampered.length - 3] = (tampered[tampered.length - 3] ?? 0) ^ 0x55;
  await writeFile(deltaFile, tampered);
  server.stats.paths.length = 0;
  const r1 = await syncRepository({ sources: [{ url: server.url }], dest: dp, diffs: true, retries: 0 });
  t.equal(r1.deltaFiles, 0);
  t.equal(r1.version, 2);
  t.ok(server.stats.paths.some((p) => p.endsWith('.app.bin') && p.includes(sha256(content))), 'the full file was fetched');
  t.match(r1.warnings.join('\n'), /diff file deltas\/modules\/kes\/app\.bin\.[0-9a-f]{16}\.fossil skipped/);
  t.equal(sha256(await readFile(path.join(dp, 'targets/modules/kes', `${sha256(content)}.app.bin`))), sha256(content));

  // Variant 2: the diff file is a valid target, but applying it does not give the target.
  content = mutate(content, 1, 8);
  await repo.publish({ 'modules/kes/app.bin': content }, { deltas: true, deltaOf: (old) => Buffer.from(createDelta(old, blob(old.length, 99))) });
  const r2 = await syncRepository({ sources: [{ url: server.url }], dest: dp, diffs: true });
  t.equal(r2.deltaFiles, 0);
  t.equal(r2.files, 2, 'the diff file (mirrored) and the full file');
  t.match(r2.warnings.join('\n'), /did not produce modules\/kes\/app\.bin/);
  t.equal(sha256(await readFile(path.join(dp, 'targets/modules/kes', `${sha256(content)}.app.bin`))), sha256(content));
});
