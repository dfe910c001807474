/**
 * The worker threads (download, hash, delta; src/util/worker-pool.ts) start in every way updops
 * runs: from source under tap's TypeScript loader (this process), from source under
 * `node --import tsx` (the demo and the benches), and compiled, from dist/ through bin/updops.js.
 * Each run checks what the threads answered, not only that they started.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import { createDeltaInWorker } from '../../src/repository/publish/delta-worker.js';
import { applyDeltaToFile } from '../../src/repository/sync/delta.js';
import { hashFileInWorker } from '../../src/repository/sync/hash-pool.js';
import { mutate, writeContent } from './publish-fixture.js';
import { blob, sha256, tempDir, treeHash } from './helpers/sync-fixture.js';
import { serveStatic } from './helpers/static-server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'bin', 'updops.js');
const execFileP = promisify(execFile);
/** Past the sizes that send a file to the download threads (256 KiB) and the hash threads (1 MiB). */
const BIG = 2 * 1024 * 1024 + 5;
const base = blob(BIG, 1);
const changed = mutate(base, 7);

async function twoFiles(t: Parameters<typeof tempDir>[0]): Promise<{ dir: string; a: string; b: string }> {
  const dir = await tempDir(t, 'updops-threads-');
  const [a, b] = [path.join(dir, 'a.bin'), path.join(dir, 'b.bin')];
  await writeFile(a, base);
  await writeFile(b, changed);
  return { dir, a, b };
}

t.before(async () => {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
    await execFileP(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT }).catch(
      () => undefined, // other areas' type errors do not stop emitting
    );
  }
});

void t.test('from source under tap: a hash thread answers the sha256, and "too long" one byte past the limit', async (t) => {
  const { a } = await twoFiles(t);
  t.same(await hashFileInWorker(a, BIG), { sha256: sha256(base), length: BIG });
  const short = await hashFileInWorker(a, BIG - 1);
  t.ok(short.length > BIG - 1, `a file longer than the limit reads as longer (${short.length})`);
  await t.rejects(hashFileInWorker(`${a}.missing`, BIG), { code: 'ENOENT' }, 'a thread error keeps its code');
});

void t.test('from source under tap: the delta thread builds a delta that rebuilds the result, none from wrong inputs', async (t) => {
  const { dir, a, b } = await twoFiles(t);
  const delta = await createDeltaInWorker({ base: a, baseSha256: sha256(base), result: b, resultSha256: sha256(changed) });
  t.ok(delta && delta.length < BIG / 10, `a small delta (${delta?.length} bytes)`);
  const rebuilt = await applyDeltaToFile(a, delta ?? Buffer.alloc(0), path.join(dir, 'rebuilt'), BIG);
  t.same(rebuilt, { length: BIG, sha256: sha256(changed) });
  t.equal(await createDeltaInWorker({ base: a, baseSha256: sha256(changed), result: b, resultSha256: sha256(changed) }), undefined, 'a base that is not the content named');
});

void t.test('from source under node --import tsx: the hash, delta and download threads answer', async (t) => {
  const { dir, a } = await twoFiles(t);
  const server = await serveStatic(dir);
  t.teardown(() => server.close());
  const child = path.join(ROOT, 'test', 'repository', 'helpers', 'worker-threads-child.ts');
  const { stdout } = await execFileP(process.execPath, ['--import', 'tsx', child, dir, server.url], { cwd: ROOT, timeout: 60_000 });
  const out = JSON.parse(stdout) as { hashed: unknown; delta: boolean; fetched: unknown; workerFetches: number };
  t.same(out.hashed, { sha256: sha256(changed), length: BIG });
  t.ok(out.delta, 'a delta was made');
  const rebuilt = await applyDeltaToFile(a, await readFile(path.join(dir, 'a-to-b.fossil')), path.join(dir, 'rebuilt'), BIG);
  t.equal(rebuilt.sha256, sha256(changed), 'and it rebuilds the result');
  t.same(out.fetched, { status: 'ok', resumed: false, received: BIG, size: BIG, sha256: sha256(changed) });
  t.equal(out.workerFetches, 1, 'the fetch went through a download thread');
  t.equal(sha256(await readFile(path.join(dir, 'b.part'))), sha256(changed), 'which wrote the part');
});

async function updops(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return execFileP(process.execPath, [BIN, ...args], { cwd: ROOT, timeout: 60_000 });
}

void t.test('compiled, through bin/updops.js: publish --deltas makes a delta; HTTP and folder syncs give the same mirror', async (t) => {
  const dir = await tempDir(t, 'updops-threads-cli-');
  const [keys, repo, v1, v2] = ['keys', 'repo', 'v1', 'v2'].map((name) => path.join(dir, name)) as [string, string, string, string];
  await writeContent(v1, { 'databases/kes/main.avc': base, 'databases/kes/VERSION': '1' });
  await writeContent(v2, { 'databases/kes/main.avc': changed, 'databases/kes/VERSION': '2' });
  await updops(['keys', 'generate', '--out', keys]);
  await updops(['publish', v1, '--repo', repo, '--keys', keys]);
  const published = await updops(['publish', v2, '--repo', repo, '--keys', keys, '--deltas', '1']);
  t.match(published.stdout, / 1 deltas,/, 'the delta thread made the diff file');

  const server = await serveStatic(repo);
  t.teardown(() => server.close());
  const trustRoot = path.join(repo, 'metadata', '1.root.json');
  const [overHttp, fromFolder] = [path.join(dir, 'dp-http'), path.join(dir, 'dp-folder')];
  t.match((await updops(['sync', '--source', server.url, '--dest', overHttp, '--trust-root', trustRoot])).stdout, /^synced v2 /, 'download threads (HTTP)');
  t.match((await updops(['sync', '--source', repo, '--dest', fromFolder, '--trust-root', trustRoot])).stdout, /^synced v2 /, 'hash threads (folder)');
  const mirror = await treeHash(overHttp);
  t.same(mirror, await treeHash(fromFolder));
  t.equal(mirror.get(`targets/databases/kes/${sha256(changed)}.main.avc`), sha256(changed));
});
