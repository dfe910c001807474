/**
 * Surviving restarts (docs/design.md 1 "Runs and statuses", "Run missed tasks"): a run left
 * `running` by a dead controller becomes `interrupted`; a scheduled start that fell while the
 * controller was down runs once (trigger `missed`) only for tasks with `runMissed: true`.
 */
import t from 'tap';
import { groupYaml, makeFixture, runsOf, sourceYaml, taskYaml } from './helpers/fixture.js';

const HOUR = 3_600_000;

t.test('interrupted runs are marked; starts missed while down run once only with runMissed', async (t) => {
  const f = await makeFixture(t);
  f.write('groups.yaml', groupYaml('hq', [{ name: 'dp-1' }], f.repo));
  f.write('sources.yaml', sourceYaml('vendor', f.vendorUrl));
  f.write('tasks.yaml', [
    taskYaml('Hourly catch-up', { scope: '{group: hq}', schedule: '{kind: everyHours, every: 1}', extra: '  runMissed: true\n' }),
    taskYaml('Hourly', { scope: '{group: hq}', schedule: '{kind: everyHours, every: 1}' }),
  ].join(''));
  f.commit('hourly');
  const leftOver = await f.store.createRun({ task: 'Hourly', trigger: 'manual', status: 'running' });
  await f.store.putDeviceResult({ runId: leftOver.id, device: 'dp-1', status: 'running', files: 0, bytes: 0, durationMs: 0 });

  const first = await f.controller({ pollMs: 24 * HOUR });
  const marked = await first.getRun(leftOver.id);
  t.equal(marked?.run.status, 'interrupted', 'a run a dead controller left running is interrupted');
  t.equal(marked?.results[0]?.status, 'failed');
  await f.clock.advance(HOUR + 60_000);
  t.equal((await runsOf(f.store, 'Hourly', 'schedule')).length, 1, 'the first hourly start ran');
  await first.stop();

  // Down for three hours: starts at 14:00, 15:00 and 16:00 pass unseen.
  await f.clock.advance(3 * HOUR);
  const second = await f.controller({ pollMs: 24 * HOUR });
  await second.idle();
  const caughtUp = await runsOf(f.store, 'Hourly catch-up', 'missed');
  t.equal(caughtUp.length, 1, 'runMissed: one run for all starts missed while down');
  t.equal(caughtUp[0]?.status, 'completed');
  t.same(await runsOf(f.store, 'Hourly', 'missed'), [], 'without runMissed nothing is recorded');
  t.equal((await runsOf(f.store, 'Hourly', 'schedule')).length, 1, 'and the missed starts are not replayed as scheduled runs');

  await f.clock.advanceTo('2026-11-23T17:00:01.000Z');
  t.equal((await runsOf(f.store, 'Hourly', 'schedule')).length, 2, 'the schedule goes on after the restart');
  t.equal((await runsOf(f.store, 'Hourly catch-up', 'schedule')).length, 2);
});
