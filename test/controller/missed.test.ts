/**
 * Run missed tasks (seed 001; docs/design.md 1): a DP not visible on the network at a start (here:
 * the parent folder of its repository is gone, like an unmounted share) is skipped with a
 * reason, and runs the task when it is seen again — only when the task has `runMissed: true`.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { NOT_VISIBLE_REASON } from '../../src/runs/index.js';
import { groupYaml, makeFixture, runsOf, sourceYaml, taskYaml } from './helpers/fixture.js';

const HOUR = 3_600_000;

t.test('a DP that missed a start runs when it reappears, only with runMissed', async (t) => {
  const f = await makeFixture(t);
  f.write('groups.yaml', groupYaml('away', [{ name: 'dp-away' }], f.repo));
  f.write('sources.yaml', sourceYaml('vendor', f.vendorUrl));
  const scope = '{devices: [dp-away]}';
  f.write('tasks.yaml', [
    taskYaml('With runMissed', { scope, schedule: '{kind: everyHours, every: 1}', extra: '  runMissed: true\n' }),
    taskYaml('Without runMissed', { scope, schedule: '{kind: everyHours, every: 1}' }),
    taskYaml('Manual with runMissed', { scope, schedule: '{kind: manual}', extra: '  runMissed: true\n' }),
    taskYaml('Manual without runMissed', { scope, schedule: '{kind: manual}' }),
  ].join(''));
  f.commit('missed');
  const c = await f.controller({ pollMs: 24 * HOUR, presenceCheckMs: 60_000 });
  const share = path.dirname(f.repo('dp-away'));
  rmSync(share, { recursive: true, force: true });

  await f.clock.advance(HOUR);
  await c.runTask('Manual with runMissed');
  await c.runTask('Manual without runMissed');
  await c.idle();
  for (const task of ['With runMissed', 'Without runMissed', 'Manual with runMissed', 'Manual without runMissed']) {
    const [run] = await runsOf(f.store, task, task.startsWith('Manual') ? 'manual' : 'schedule');
    t.equal(run?.status, 'skipped', `${task}: a skipped DP is not a failure; with nothing else in scope, the run is skipped`);
    t.same((await f.store.listDeviceResults(run!.id)).map((r) => [r.status, r.reason]), [['skipped', NOT_VISIBLE_REASON]], `${task}: skipped, not visible at the start`);
  }
  await f.clock.advance(3 * 60_000);
  t.same(await runsOf(f.store, undefined, 'missed'), [], 'nothing runs while the DP stays away');

  mkdirSync(share, { recursive: true });
  await f.clock.advance(60_000);
  const missed = await runsOf(f.store, undefined, 'missed');
  t.same(missed.map((r) => [r.task, r.status]).sort(), [['Manual with runMissed', 'completed'], ['With runMissed', 'completed']], 'one missed run per runMissed task, none without');
  for (const run of missed) t.same((await f.store.listDeviceResults(run.id)).map((r) => [r.device, r.status]), [['dp-away', 'completed']]);
  await f.clock.advance(5 * 60_000);
  t.equal((await runsOf(f.store, undefined, 'missed')).length, 2, 'a missed DP runs once');
});

t.test('presenceChanged looks for missed DPs at once', async (t) => {
  const f = await makeFixture(t);
  f.write('groups.yaml', groupYaml('away', [{ name: 'dp-away' }], f.repo));
  f.write('sources.yaml', sourceYaml('vendor', f.vendorUrl));
  f.write('tasks.yaml', taskYaml('Manual with runMissed', { scope: '{group: away}', schedule: '{kind: manual}', extra: '  runMissed: true\n' }));
  f.commit('missed');
  const c = await f.controller({ pollMs: 24 * HOUR, presenceCheckMs: 24 * HOUR });
  const share = path.dirname(f.repo('dp-away'));
  rmSync(share, { recursive: true, force: true });
  await c.runTask('Manual with runMissed');
  await c.idle();
  mkdirSync(share, { recursive: true });
  c.presenceChanged!();
  await f.clock.flush();
  await c.idle();
  t.same((await runsOf(f.store, undefined, 'missed')).map((r) => r.status), ['completed'], 'ran without waiting for the next check');
});

t.test('a missed DP is remembered in the store: a new controller on the same state runs it when it reappears', async (t) => {
  const f = await makeFixture(t);
  f.write('groups.yaml', groupYaml('away', [{ name: 'dp-away' }], f.repo));
  f.write('sources.yaml', sourceYaml('vendor', f.vendorUrl));
  f.write('tasks.yaml', taskYaml('Manual with runMissed', { scope: '{group: away}', schedule: '{kind: manual}', extra: '  runMissed: true\n' }));
  f.commit('missed');
  const first = await f.controller({ pollMs: 24 * HOUR, presenceCheckMs: 60_000 });
  const share = path.dirname(f.repo('dp-away'));
  rmSync(share, { recursive: true, force: true });
  const skipped = await first.runTask('Manual with runMissed');
  await first.idle();
  t.match(await f.store.listMissed(), [{ task: 'Manual with runMissed', target: 'dp-away', runId: skipped.id }]);
  await first.stop();

  const second = await f.controller({ pollMs: 24 * HOUR, presenceCheckMs: 60_000 });
  mkdirSync(share, { recursive: true });
  await f.clock.advance(60_000);
  await second.idle();
  t.same((await runsOf(f.store, undefined, 'missed')).map((r) => r.status), ['completed'], 'the new controller ran what the first one remembered');
  t.same(await f.store.listMissed(), [], 'and forgot it once it ran');
  await f.clock.advance(5 * 60_000);
  t.equal((await runsOf(f.store, undefined, 'missed')).length, 1, 'once');
});

t.test('a DP that joins a manual runMissed task after it ran runs it once; one that already ran does not', async (t) => {
  const f = await makeFixture(t);
  f.write('sources.yaml', sourceYaml('vendor', f.vendorUrl));
  f.write('groups.yaml', groupYaml('hq', [{ name: 'dp-1' }], f.repo));
  f.write('tasks.yaml', taskYaml('Manual with runMissed', { scope: '{group: hq}', schedule: '{kind: manual}', extra: '  runMissed: true\n' }));
  f.commit('one DP');
  const c = await f.controller({ pollMs: 24 * HOUR, presenceCheckMs: 60_000 });
  await c.runTask('Manual with runMissed');
  await c.idle();
  f.write('groups.yaml', groupYaml('hq', [{ name: 'dp-1' }, { name: 'dp-2' }], f.repo));
  f.commit('dp-2 joins');
  await c.reconcileNow('test');
  await f.clock.advance(60_000);
  await c.idle();
  const missed = await runsOf(f.store, undefined, 'missed');
  t.same(missed.map((r) => r.status), ['completed']);
  t.same((await f.store.listDeviceResults(missed[0]!.id)).map((r) => r.device), ['dp-2'], 'only the DP that joined');
  f.write('groups.yaml', groupYaml('hq', [{ name: 'dp-1' }], f.repo));
  f.commit('dp-2 leaves');
  await c.reconcileNow('test');
  f.write('groups.yaml', groupYaml('hq', [{ name: 'dp-1' }, { name: 'dp-2' }], f.repo));
  f.commit('dp-2 is back');
  await c.reconcileNow('test');
  await f.clock.advance(5 * 60_000);
  await c.idle();
  t.equal((await runsOf(f.store, undefined, 'missed')).length, 1, 'it already ran for this start: never twice');
});
