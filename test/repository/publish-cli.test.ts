/**
 * The real binary (docs/style.md 13: thin commands): `updops keys generate`, `publish` and `serve`
 * spawned as a user would run them. Uses dist/ (npm test builds it first; built here if absent).
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import { tempDir, writeContent } from './publish-fixture.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'bin', 'updops.js');
const execFileP = promisify(execFile);

async function updops(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileP(process.execPath, [BIN, ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

t.before(async () => {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
    await execFileP(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT }).catch(
      () => undefined, // other areas' type errors do not stop emitting
    );
  }
});

t.test('keys generate, publish and serve work from the command line', async (t) => {
  const dir = await tempDir(t, 'updops-cli-');
  const keys = path.join(dir, 'keys');
  const repo = path.join(dir, 'repo');
  const content = path.join(dir, 'content');
  await writeContent(content, { 'databases/kes/daily.avc': 'daily bases', 'databases/kes/VERSION': '42' });

  const gen = await updops(['keys', 'generate', '--out', keys]);
  t.equal(gen.code, 0, gen.stderr);
  t.match(gen.stdout, /^root\s+[0-9a-f]{64}\n/);
  const again = await updops(['keys', 'generate', '--out', keys]);
  t.equal(again.code, 1);
  t.match(again.stderr, /^error: KEYS: .*already exists/);

  const pub = await updops(['publish', content, '--repo', repo, '--keys', keys, '--with-legacy', '--deltas', '1', '--published', '2025-05-05T05:05:05Z']);
  t.equal(pub.code, 0, pub.stderr);
  t.match(pub.stdout, /^published .* version 1: 1 targets, 1 changed, 0 removed, 0 deltas, \d+ bytes written\n$/);
  t.match(await readFile(path.join(repo, 'SHA256SUMS'), 'utf8'), /# published: 2025-05-05T05:05:05Z/);
  const both = await updops(['publish', content, '--repo', repo, '--keys', keys, '--with-legacy', '--legacy-only']);
  t.equal(both.code, 1);
  t.match(both.stderr, /USAGE/);

  const child = spawn(process.execPath, [BIN, 'serve', repo, '--listen', '127.0.0.1:0', '--verbose'], { cwd: ROOT });
  t.teardown(() => child.kill('SIGKILL'));
  const lines = createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  const first = (await iterator.next()).value as string;
  const url = /^serving .* on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first)?.[1];
  t.ok(url, `first line names the URL: ${first}`);
  const response = await fetch(`${url}/metadata/timestamp.json`);
  t.equal(response.status, 200);
  t.match(await response.text(), /"_type": "timestamp"/);
  t.match((await iterator.next()).value, /GET \/metadata\/timestamp\.json 200 \d+$/, '--verbose logs the request');
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  t.equal(await exited, 0, 'SIGTERM stops it cleanly');
});

t.test('keys rotate replaces a key, re-signs the repository, and refuses an unknown role', async (t) => {
  const dir = await tempDir(t, 'updops-cli-rotate-');
  const [keys, repo, content] = ['keys', 'repo', 'content'].map((d) => path.join(dir, d)) as [string, string, string];
  await writeContent(content, { 'databases/av/base.bin': 'v1' });
  t.equal((await updops(['keys', 'generate', '--out', keys])).code, 0);
  t.equal((await updops(['publish', content, '--repo', repo, '--keys', keys])).code, 0);
  const rotated = await updops(['keys', 'rotate', '--role', 'snapshot', '--keys', keys, '--repo', repo]);
  t.equal(rotated.code, 0, rotated.stderr);
  t.match(rotated.stdout, /snapshot key [0-9a-f]{64} replaces [0-9a-f]{64} \(revoked\)\nre-signed .* as version 2 with root version 2/);
  const bad = await updops(['keys', 'rotate', '--role', 'mirror', '--keys', keys]);
  t.equal(bad.code, 1);
  t.match(bad.stderr, /USAGE: --role must be one of root, targets, snapshot, timestamp/);
});
