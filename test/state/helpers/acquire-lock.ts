/**
 * Child process for the cross-process lock test: opens the state file given as argv[2], prints
 * `ready`, waits for a line on stdin (so every child races at the same moment), tries to take the
 * lock as owner argv[3] and prints one JSON line with the outcome. Run with no arguments (tap
 * lists it as a file) it does nothing.
 */
import { once } from 'node:events';
import { hostname } from 'node:os';
import { isUpdopsError } from '../../../src/errors.js';
import { SqliteStateStore } from '../../../src/state/sqlite/sqlite-store.js';

async function main(path: string, owner: string): Promise<void> {
  const store = await SqliteStateStore.open(path);
  process.stdout.write('ready\n');
  process.stdin.setEncoding('utf8');
  await once(process.stdin, 'data');
  try {
    const lock = await store.acquireLock({ owner, host: hostname(), pid: process.pid, ttlMs: 60_000, operation: 'apply' });
    process.stdout.write(`${JSON.stringify({ ok: true, id: lock.id })}\n`);
  } catch (error) {
    const code = isUpdopsError(error) ? error.code : 'UNEXPECTED';
    process.stdout.write(`${JSON.stringify({ ok: false, code, message: String(error) })}\n`);
  } finally {
    await store.close();
    process.stdin.destroy();
  }
}

const [path, owner] = process.argv.slice(2);
if (path !== undefined && owner !== undefined) await main(path, owner);
