import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * Processes opening one new state file at once all get a migrated database. Switching a new
 * file to WAL answered SQLITE_BUSY without waiting when another opener held it, so one of two
 * concurrent `apply`s on a fresh state failed with STATE instead of LOCKED (about one round in
 * ten with four openers, before the fix).
 */
const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, 'helpers', 'open-on-request.ts');
const OPENERS = 4;
const ROUNDS = 60;

function answer(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(typeof message === 'string' ? message : JSON.stringify(message)));
    child.once('exit', (code) => reject(new Error(`opener exited with ${code}`)));
  });
}

void t.test('four processes opening the same new state file at once all succeed, round after round', async (t) => {
  const dir = await tempDir(t, 'updops-open-race-');
  const children = Array.from({ length: OPENERS }, () => fork(script, [], { execArgv: ['--import', 'tsx'], cwd: join(here, '..', '..') }));
  t.teardown(() => children.forEach((child) => child.kill()));
  await Promise.all(children.map(answer));
  const failures: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const path = join(dir, `state-${round}.db`);
    const answers = await Promise.all(children.map((child) => {
      const reply = answer(child);
      child.send(path);
      return reply;
    }));
    for (const reply of answers) if (reply !== 'ok') failures.push(`round ${round}: ${reply}`);
  }
  t.same(failures, [], `${ROUNDS} rounds of ${OPENERS} openers`);
});
