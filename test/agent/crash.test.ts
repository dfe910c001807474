/**
 * Faults with real agent processes (seed 000: "If the database update download is interrupted …
 * the application continues to use the previously installed database version"; docs/design.md 4):
 * kill -9 of a device agent mid-download leaves the previous set in use and the next run
 * completes; a controller restart during a run loses no result — the agent retries until the
 * new controller acknowledges it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import t, { type Test } from 'tap';
import { RESTARTED_REASON } from '../../src/controller/agents/hub.js';
import { treeHash } from '../endpoint/helpers/vendor.js';
import { makeWorld, officeYaml, sourceYaml, updateTaskYaml, type World } from './helpers/world.js';

const BIG = 80 * 1024 * 1024;

async function world(t: Test): Promise<World> {
  return makeWorld(t, {
    config: (fx, dpPort) => ({ 'sources.yaml': sourceYaml('vendor', fx.vendorUrl), 'groups.yaml': officeYaml(fx, dpPort, ['ws-1']), 'tasks.yaml': updateTaskYaml('Update', ['vendor']) }),
  });
}

/** A large database in the next release, so a download is still going when the test acts. */
async function publishBig(w: World, release: number): Promise<void> {
  writeFileSync(path.join(w.fx.dir, 'content', 'databases', 'kes', 'big.bin'), Buffer.alloc(BIG, release));
  await w.fx.publish(release);
}

const running = (w: World, runId: string) => async () => (await w.fx.store.listDeviceResults(runId)).some((r) => r.status === 'running');

void t.test('kill -9 of a device agent mid-download keeps the previous set, and the next run completes', async (t) => {
  const w = await world(t);
  const first = w.agent('ws-1');
  await w.waitFor('registration', () => w.hub.hasAgent('ws-1'));
  const ok = await w.controller.runTask('Update');
  await w.controller.idle();
  t.equal((await w.fx.store.getRun(ok.id))?.status, 'completed');
  const bases = path.join(w.fx.dir, 'agents', 'ws-1', 'bases');
  const before = await treeHash(bases, () => false);

  await publishBig(w, 2);
  const doomed = await w.controller.runTask('Update');
  await w.waitFor('the download under way', running(w, doomed.id));
  await new Promise((r) => setTimeout(r, 150));
  first.child.kill('SIGKILL');
  await first.stop();
  t.same(await treeHash(bases, () => false), before, 'the previous set is still in place');

  w.agent('ws-1');
  await w.controller.idle();
  const killed = await w.fx.store.listDeviceResults(doomed.id);
  t.same(killed.map((r) => [r.status, r.reason]), [['failed', RESTARTED_REASON]], 'the new agent process ends the run it cannot answer');
  const next = await w.controller.runTask('Update');
  await w.controller.idle();
  t.equal((await w.fx.store.getRun(next.id))?.status, 'completed', 'the next run completes');
  t.not(await treeHash(bases, () => false), before, 'with the new set');
});

void t.test('a controller restart during a run loses no result', async (t) => {
  const w = await world(t);
  const agent = w.agent('ws-1');
  await w.waitFor('registration', () => w.hub.hasAgent('ws-1'));
  await publishBig(w, 2);
  const run = await w.controller.runTask('Update');
  await w.waitFor('the download under way', running(w, run.id));
  await w.restart();
  t.equal((await w.fx.store.getRun(run.id))?.status, 'cancelled', 'the old controller, stopped cleanly, recorded the run as cancelled');
  await w.waitFor('the retried result', async () => (await w.fx.store.listDeviceResults(run.id)).some((r) => r.status === 'completed'), 60_000);
  const [result] = await w.fx.store.listDeviceResults(run.id);
  t.equal(result?.status, 'completed', "the agent's result reached the restarted controller");
  t.ok((result?.bytes ?? 0) >= BIG);
  t.equal(await agent.stop(), 0);
});
