/**
 * Run missed tasks for devices through real processes (issue 16; seed 001 "Run missed tasks"):
 * a `updops controller` process, `updops agent` processes on 127.0.0.1, a git config repository.
 * - a device whose agent is stopped at a manual runMissed task's start is remembered in the
 *   store; after a controller restart, its agent's return runs the task on it exactly once;
 * - a device moved into the task's group by a new commit, its agent running, runs the task once,
 *   and moving it out and back in again (or any other commit) does not run it a second time.
 */
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { NOT_VISIBLE_REASON } from '../../src/runs/index.js';
import { openStateStore, type DeviceResult, type MissedTarget, type RunRecord } from '../../src/state/index.js';
import { makeFixture } from '../controller/helpers/fixture.js';
import { AGENT_ENV, appliedCommit, runsOfDevice, startAgent, startController } from '../helpers/agent-processes.js';
import { groupYaml, sourceYaml, taskYaml } from '../helpers/manifests.js';
import { runCli } from '../helpers/processes.js';
import { until } from '../helpers/wait.js';

const device = (name: string) => ({ name, os: 'linux' as const, license: { expires: '2099-12-31' } });
const updateTask = taskYaml('Update', { type: 'Update', scope: { group: 'office' }, settings: { sources: ['vendor'], applicationUpdateMode: 'disabled' }, schedule: { kind: 'manual' }, runMissed: true });

async function missedIn(state: string): Promise<MissedTarget[]> {
  const store = await openStateStore({ path: state, create: false });
  try {
    return await store.listMissed();
  } finally {
    await store.close();
  }
}

const missedRuns = (runs: RunRecord[]): RunRecord[] => runs.filter((r) => r.trigger === 'missed');

void t.test('a device missed while its agent was stopped runs once when its agent is back, across a controller restart', async (t) => {
  const fx = await makeFixture(t);
  fx.write('sources.yaml', sourceYaml('vendor', { url: fx.vendorUrl, timeoutSeconds: 5 }));
  fx.write('groups.yaml', groupYaml('office', { devices: [device('ws-1')] }));
  fx.write('tasks.yaml', updateTask);
  fx.commit('a manual runMissed task for one device');
  const state = path.join(fx.dir, 'controller.db');
  const root = path.join(fx.dir, 'agents', 'ws-1');
  const first = await startController(t, fx.config, state, fx.dir);

  const agent = await startAgent(t, first.url, 'ws-1', root);
  t.equal((await agent.stop()).code, 0, 'the agent stops cleanly');
  await sleep(4_000); // three missed 1 s heartbeats: ws-1 is no longer visible
  const res = await runCli(['run', 'Update', '--controller', first.url, '--wait', '--interval', '100', '--format', 'json'], { t, cwd: fx.dir, env: AGENT_ENV });
  t.equal(res.code, 1, `a run whose one target was skipped exits 1: ${res.stderr}`);
  const manual = JSON.parse(res.stdout) as { run: RunRecord; results: DeviceResult[] };
  t.match(manual.run, { trigger: 'manual', status: 'skipped' });
  t.same(manual.results.map((r) => [r.device, r.status, r.reason]), [['ws-1', 'skipped', NOT_VISIBLE_REASON]]);
  t.match(await missedIn(state), [{ task: 'Update', target: 'ws-1', since: String, runId: manual.run.id }], 'remembered in the store, with the run it missed');
  t.equal((await missedIn(state)).length, 1);

  t.equal((await first.stop()).code, 0, 'the controller stops cleanly');
  const second = await startController(t, fx.config, state, fx.dir);
  await sleep(2_000);
  t.same(missedRuns(await runsOfDevice(t, state, 'ws-1')), [], 'nothing runs while the device stays away');

  await startAgent(t, second.url, 'ws-1', root);
  await until('the missed run to finish', async () => missedRuns(await runsOfDevice(t, state, 'ws-1')).some((r) => r.status !== 'running'), 60_000);
  await sleep(3_000); // more presence checks and heartbeats: nothing more may start
  const missed = missedRuns(await runsOfDevice(t, state, 'ws-1'));
  t.equal(missed.length, 1, 'exactly one missed run');
  t.match(missed[0], { task: 'Update', status: 'completed' });
  const detail = await runCli(['runs', missed[0]!.id, '--state', state, '--format', 'json'], { t, env: AGENT_ENV });
  t.same((JSON.parse(detail.stdout) as { results: DeviceResult[] }).results.map((r) => [r.device, r.status]), [['ws-1', 'completed']]);
  t.same(await missedIn(state), [], 'nothing is owed any more');
  t.equal((await runsOfDevice(t, state, 'ws-1')).length, 2, 'the manual run and the missed run, nothing else');
});

void t.test('a device moved into the task group by a commit runs the task once, and only once', async (t) => {
  const fx = await makeFixture(t);
  fx.write('sources.yaml', sourceYaml('vendor', { url: fx.vendorUrl, timeoutSeconds: 5 }));
  const groups = (office: string[], lab: string[]): string => groupYaml('office', { devices: office.map(device) }) + groupYaml('lab', { devices: lab.map(device) });
  fx.write('groups.yaml', groups(['ws-1'], ['ws-2']));
  fx.write('tasks.yaml', updateTask);
  fx.commit('ws-2 in the lab, outside the task');
  const state = path.join(fx.dir, 'controller.db');
  const controller = await startController(t, fx.config, state, fx.dir);
  await startAgent(t, controller.url, 'ws-1', path.join(fx.dir, 'agents', 'ws-1'));
  await startAgent(t, controller.url, 'ws-2', path.join(fx.dir, 'agents', 'ws-2'));

  const res = await runCli(['run', 'Update', '--controller', controller.url, '--wait', '--interval', '100', '--format', 'json'], { t, cwd: fx.dir, env: AGENT_ENV });
  t.equal(res.code, 0, res.stderr);
  t.same((JSON.parse(res.stdout) as { results: DeviceResult[] }).results.map((r) => [r.device, r.status]), [['ws-1', 'completed']]);
  t.same(await runsOfDevice(t, state, 'ws-2'), [], 'ws-2 is not in the scope yet');

  fx.write('groups.yaml', groups(['ws-1', 'ws-2'], []));
  await appliedCommit(controller.url, fx.commit('ws-2 moves into the office'));
  await until('ws-2 to run the task', async () => (await runsOfDevice(t, state, 'ws-2')).some((r) => r.status !== 'running'), 60_000);
  const joined = await runsOfDevice(t, state, 'ws-2');
  t.match(joined, [{ task: 'Update', trigger: 'missed', status: 'completed' }], 'one missed run for the device that joined');
  const detail = await runCli(['runs', joined[0]!.id, '--state', state, '--format', 'json'], { t, env: AGENT_ENV });
  t.same((JSON.parse(detail.stdout) as { results: DeviceResult[] }).results.map((r) => [r.device, r.status]), [['ws-2', 'completed']], 'only ws-2: ws-1 already ran for this start');

  fx.write('groups.yaml', groups(['ws-1'], ['ws-2']));
  await appliedCommit(controller.url, fx.commit('ws-2 back to the lab'));
  fx.write('groups.yaml', groups(['ws-1', 'ws-2'], []));
  await appliedCommit(controller.url, fx.commit('and into the office again'));
  fx.write('groups.yaml', groups(['ws-1', 'ws-2'], ['ws-3']));
  await appliedCommit(controller.url, fx.commit('an unrelated device'));
  await sleep(3_000);
  t.equal((await runsOfDevice(t, state, 'ws-2')).length, 1, 'ws-2 ran once for this start, whatever the commits after');
  t.equal((await runsOfDevice(t, state, 'ws-1')).length, 1, 'ws-1 only in the manual run');
  t.same(await missedIn(state), [], 'nothing is owed');
});
