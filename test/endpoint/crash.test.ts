/**
 * Seed: "If the database update download is interrupted …, the application continues to use the
 * previously installed database version." A child running `runUpdateTask` over a throttled
 * server is killed with SIGKILL at random points mid-download; `bases/` is then always one
 * complete verified set (the previous or the new one), and the next run completes.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { readInstalledDatabases, runUpdateTask, verifyInstalledDatabases } from '../../src/endpoint/index.js';
import { spawnProcess, waitForLine } from '../helpers/processes.js';
import { serveStatic } from '../repository/helpers/static-server.js';
import { databases, makeVendor, tempDir, treeHash } from './helpers/vendor.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const child = path.join(here, 'helpers', 'update-child.ts');
const projectRoot = path.resolve(here, '..', '..', '..');
const KILLS = 6;

/** Runs the child, SIGKILLs it `killAfterMs` after it says "start"; true when it finished first. */
async function runChild(t: Test, args: string[], killAfterMs: number): Promise<boolean> {
  const proc = spawnProcess(t, process.execPath, ['--import', 'tsx', child, ...args], { cwd: projectRoot });
  let timer: NodeJS.Timeout | undefined;
  const started = await waitForLine(proc, /start/).then(
    () => true,
    () => false, // ended (or hung) before starting: the exit below tells
  );
  if (started) timer = setTimeout(() => proc.child.kill('SIGKILL'), killAfterMs);
  await proc.exited;
  clearTimeout(timer);
  return proc.stdout().includes('done');
}

void t.test('SIGKILL mid-download leaves the previous databases in use; the next run completes', async (t) => {
  const work = await tempDir(t, 'updops-upd-crash-');
  let round = 1;
  const vendor = await makeVendor(t, work, databases(round, 16, 256 * 1024));
  // ~1 MB/s per connection, 8 connections: the 4 MB set takes about half a second.
  const slow = await serveStatic(vendor.dir, undefined, { rate: 1024 * 1024 });
  t.teardown(() => slow.close());
  const root = path.join(work, 'device');
  const input = { root, device: { name: 'ws' }, sources: [{ url: slow.url }], settings: {}, now: new Date(), trustRoot: vendor.trustRoot };
  t.equal((await runUpdateTask({ ...input, device: { name: 'ws', license: { expires: '2999-12-31' } } })).status, 'completed');
  round += 1;
  await vendor.publish(databases(round, 16, 256 * 1024));

  let killed = 0;
  for (let i = 0; i < KILLS; i++) {
    const before = await treeHash(path.join(root, 'bases'), () => false);
    const delay = Math.floor(Math.random() * 600);
    const finished = await runChild(t, [root, slow.url, vendor.trustRoot], delay);
    const installed = await readInstalledDatabases(root);
    t.same(await verifyInstalledDatabases(root), [], `kill ${i + 1} after ${delay} ms (${finished ? 'finished first' : 'killed'}): the set verifies`);
    if (finished) {
      t.equal(installed?.version, `2024.${round}`, 'a finished run installed the new set');
      round += 1;
      await vendor.publish(databases(round, 16, 256 * 1024));
    } else {
      killed += 1;
      const after = await treeHash(path.join(root, 'bases'), () => false);
      const switched = installed?.version === `2024.${round}`;
      t.ok(switched || JSON.stringify([...after]) === JSON.stringify([...before]), `killed: bases/ is ${switched ? 'the complete new set' : 'byte-identical to the previous set'}`);
    }
  }
  const final = await runUpdateTask({ ...input, device: { name: 'ws', license: { expires: '2999-12-31' } } });
  t.equal(final.status, 'completed', final.reason ?? '');
  t.equal(final.databaseVersion, `2024.${round}`, 'the next run completes with the newest set');
  t.same(await verifyInstalledDatabases(root), []);
  t.comment(`runs killed mid-way: ${killed} of ${KILLS}`);
});
