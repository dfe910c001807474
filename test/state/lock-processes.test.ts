import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { SqliteStateStore } from '../../src/state/sqlite/sqlite-store.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * docs/design.md 2 "Apply": two `apply` processes at once — exactly one gets the lock, the others
 * fail fast with LOCKED naming the holder. Real processes on one real SQLite file.
 */
const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = join(here, '..', '..');
const script = join(here, 'helpers', 'acquire-lock.ts');

interface Outcome {
  ok: boolean;
  id?: string;
  code?: string;
  message?: string;
}

function startChild(path: string, owner: string): { child: ChildProcessWithoutNullStreams; lines: AsyncIterator<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', script, path, owner], { cwd: projectRoot });
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return { child, lines };
}

async function nextLine(lines: AsyncIterator<string>): Promise<string> {
  const { value, done } = await lines.next();
  if (done === true) throw new Error('child exited early');
  return value;
}

void t.test('of several processes racing for the lock, exactly one gets it', async (t) => {
  const dir = await tempDir(t, 'updops-lock-');
  const path = join(dir, 'state.db');
  // Create the file first so the race is about the lock, not about migrations.
  await (await SqliteStateStore.open(path)).close();

  const children = ['p1', 'p2', 'p3', 'p4'].map((owner) => startChild(path, owner));
  t.teardown(() => children.forEach(({ child }) => child.kill()));
  for (const { lines } of children) t.equal(await nextLine(lines), 'ready');
  for (const { child } of children) child.stdin.write('go\n');
  const outcomes = await Promise.all(children.map(async ({ lines }) => JSON.parse(await nextLine(lines)) as Outcome));

  const winners = outcomes.filter((o) => o.ok);
  t.equal(winners.length, 1, 'exactly one process holds the lock');
  const losers = outcomes.filter((o) => !o.ok);
  t.same(losers.map((o) => o.code), ['LOCKED', 'LOCKED', 'LOCKED']);
  for (const loser of losers) t.match(loser.message, `(lock id ${winners[0]?.id})`, 'names the holder');

  const store = await SqliteStateStore.open(path);
  t.teardown(() => store.close());
  t.equal((await store.getLock())?.id, winners[0]?.id, 'the stored lock is the winner’s');
});

void t.test('processes opening a brand-new state file at once all succeed', async (t) => {
  const dir = await tempDir(t, 'updops-lock-');
  const path = join(dir, 'state.db');
  const children = ['q1', 'q2', 'q3'].map((owner) => startChild(path, owner));
  t.teardown(() => children.forEach(({ child }) => child.kill()));
  for (const { lines } of children) t.equal(await nextLine(lines), 'ready', 'opened and migrated');
  for (const { child } of children) child.stdin.write('go\n');
  const outcomes = await Promise.all(children.map(async ({ lines }) => JSON.parse(await nextLine(lines)) as Outcome));
  t.equal(outcomes.filter((o) => o.ok).length, 1);
  const store = await SqliteStateStore.open(path);
  t.teardown(() => store.close());
  t.equal((await store.getMeta()).serial, 0, 'one lineage, one meta row');
});
