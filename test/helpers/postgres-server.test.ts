/**
 * A test killed before its teardown does not leave its PostgreSQL server running: the watcher
 * test/helpers/postgres-server.ts leaves beside it stops the server once the owner is gone.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import t from 'tap';
import { postgresSkipReason } from './postgres-server.js';
import { tempDir } from './temp-dir.js';
import { until } from './wait.js';

const skip = postgresSkipReason();

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

void t.test('the server stops when the process that started it is killed', { skip }, async (t) => {
  const dir = await tempDir(t, 'updops-pg-');
  const owner = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures/postgres-then-hang.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.teardown(() => owner.kill('SIGKILL'));
  const first = await createInterface({ input: owner.stdout })[Symbol.asyncIterator]().next();
  const postmaster = Number(first.value);
  t.ok(postmaster > 0 && running(postmaster), `the server runs (pid ${postmaster})`);
  owner.kill('SIGKILL');
  await until('the server to stop after its owner was killed', () => !running(postmaster), 15_000);
  t.notOk(running(postmaster), 'no server left behind');
});
