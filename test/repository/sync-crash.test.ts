/**
 * Crash safety (docs/design.md 3 "publish atomically"; docs/design.md 1: an interrupted download leaves
 * the previous version in use): a child process syncing 40 files is killed with SIGKILL at 20
 * random moments; after each kill the mirror is one complete verified version, and a final
 * sync completes.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { syncRepository } from '../../src/repository/sync/index.js';
import { FixtureRepo, blob, tempDir } from './helpers/sync-fixture.js';
import { serveStatic } from './helpers/static-server.js';
import { verifyMirror } from './helpers/verify-mirror.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const child = path.join(here, 'helpers', 'sync-child.ts');
const projectRoot = path.resolve(here, '..', '..');

function content(round: number): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (let i = 0; i < 40; i++) out[`databases/kes/file-${String(i).padStart(2, '0')}.avc`] = blob(256 * 1024 + i, round * 100 + i);
  return out;
}

/** Runs the child; kills it with SIGKILL `killAfterMs` after its sync started (not counting Node/tsx start-up). Resolves true if it finished first. */
function runChild(args: string[], killAfterMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let timer: NodeJS.Timeout | undefined;
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!timer && out.includes('start')) timer = setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
    });
    proc.on('exit', () => {
      clearTimeout(timer);
      resolve(out.includes('done'));
    });
  });
}

void t.test('SIGKILL at 20 random points never leaves a broken mirror', async (t) => {
  const work = await tempDir(t, 'updops-crash-');
  const repo = new FixtureRepo(path.join(work, 'vendor'));
  let round = 1;
  await repo.publish(content(round));
  // ~1 MB/s per connection, 8 connections: a full 10 MB sync takes about 1.5 s.
  const server = await serveStatic(repo.dir, undefined, { rate: 1024 * 1024 });
  t.teardown(() => server.close());
  const dp = path.join(work, 'dp');
  const trustedRoot = await readFile(repo.rootPath());
  await syncRepository({ sources: [{ url: server.url }], dest: dp, trustRoot: repo.rootPath() });
  round += 1;
  await repo.publish(content(round));

  const seen = new Set<number>();
  let completed = 0;
  for (let i = 0; i < 20; i++) {
    const delay = Math.floor(Math.random() * 900);
    const finished = await runChild([server.url, dp, repo.rootPath()], delay);
    const check = await verifyMirror(dp, trustedRoot);
    t.same(check.problems, [], `kill ${i + 1} after ${delay} ms (${finished ? 'finished first' : 'killed'}): v${check.version} is complete`);
    t.ok(check.version === round || check.version === round - 1, `version ${check.version} is the previous or the new one`);
    seen.add(check.version);
    if (finished) {
      completed += 1;
      round += 1;
      await repo.publish(content(round));
    }
  }
  const final = await syncRepository({ sources: [{ url: server.url }], dest: dp });
  t.equal(final.version, round, 'a final sync completes');
  t.same((await verifyMirror(dp, trustedRoot)).problems, []);
  t.comment(`versions seen after kills: ${[...seen].join(', ')}; child syncs that finished before the kill: ${completed}`);
});
