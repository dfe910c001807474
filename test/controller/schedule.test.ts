/**
 * The scheduler loop (docs/design.md 1, Schedules): a task starts at its scheduled instant (trigger
 * `schedule`), interval kinds start again and again, and a task is never started twice at once
 * (the second start is a `skipped` run naming the running one). Time is a FakeClock.
 */
import t from 'tap';
import { groupYaml, makeFixture, runsOf, sourceYaml, taskYaml } from './helpers/fixture.js';

const DAY = 86_400_000;

t.test('daysOfWeek starts at its instant, and never twice at once', async (t) => {
  const f = await makeFixture(t);
  f.write('groups.yaml', groupYaml('hq', [{ name: 'dp-hq' }], f.repo));
  f.write('sources.yaml', sourceYaml('vendor', f.vendorUrl));
  // START is Monday 2026-11-23 12:00 UTC: the next Friday 18:00 UTC is 2026-11-27T18:00Z.
  f.write('friday.yaml', taskYaml('Friday', { scope: '{group: hq}', schedule: '{kind: daysOfWeek, days: [friday], time: "18:00", timeZone: UTC}' }));
  f.commit('schedules');
  // A long poll: this test moves days ahead and is about the scheduler, not the branch.
  const c = await f.controller({ pollMs: 7 * DAY });

  await f.clock.advanceTo('2026-11-27T17:59:59.000Z');
  t.same(await runsOf(f.store, 'Friday', 'schedule'), [], 'no run before Friday 18:00');
  await f.clock.advanceTo('2026-11-27T18:00:01.000Z');
  const friday = await runsOf(f.store, 'Friday', 'schedule');
  t.equal(friday.length, 1, 'one run past the instant');
  t.equal(friday[0]?.startedAt, '2026-11-27T18:00:00.000Z');
  t.equal(friday[0]?.status, 'completed');
  const results = await f.store.listDeviceResults(friday[0]!.id);
  t.same(results.map((r) => [r.device, r.status]), [['dp-hq', 'completed']]);

  // No double start: two starts in the same instant.
  const [a, b] = await Promise.all([c.runTask('Friday'), c.runTask('Friday')]);
  t.equal(a.status, 'running');
  t.equal(b.status, 'skipped');
  t.equal(b.reason, `already running (run ${a.id})`);
  await c.idle();
  t.equal((await c.getRun(a.id))?.run.status, 'completed');
});

t.test('everyMinutes starts again and again; a start while the previous run still waits is skipped', async (t) => {
  const f = await makeFixture(t);
  f.write('groups.yaml', groupYaml('hq', [{ name: 'dp-1' }, { name: 'dp-2' }, { name: 'dp-3' }], f.repo) + groupYaml('lab', [{ name: 'dp-lab' }], f.repo));
  f.write('sources.yaml', sourceYaml('vendor', f.vendorUrl));
  f.write('minutes.yaml', taskYaml('Every 10 minutes', { scope: '{group: lab}', schedule: '{kind: everyMinutes, every: 10}' }));
  // Offsets up to 30 minutes, a start every 5: a run is usually still waiting for its DPs at the next start.
  f.write('tasks.yaml', taskYaml('Spread', { scope: '{group: hq}', schedule: '{kind: everyMinutes, every: 5}', extra: '  randomDelay: {minutes: 30}\n' }));
  f.commit('spread');
  await f.controller({ pollMs: DAY });
  await f.clock.advance(5 * 60_000);
  t.same(await runsOf(f.store, 'Every 10 minutes', 'schedule'), [], 'not before the first interval');
  const first = await runsOf(f.store, 'Spread', 'schedule');
  t.equal(first.length, 1);
  t.equal(first[0]?.status, 'running', 'the first run waits for its DPs offsets');
  await f.clock.advance(5 * 60_000);
  const runs = await runsOf(f.store, 'Spread', 'schedule');
  t.equal(runs.length, 2);
  t.equal(runs[1]?.status, 'skipped');
  t.equal(runs[1]?.reason, `already running (run ${first[0]!.id})`);

  await f.clock.advance(25 * 60_000);
  const minuteRuns = await runsOf(f.store, 'Every 10 minutes', 'schedule');
  t.same(minuteRuns.map((r) => r.startedAt), ['2026-11-23T12:10:00.000Z', '2026-11-23T12:20:00.000Z', '2026-11-23T12:30:00.000Z'], 'every 10 minutes from the apply');
  t.ok(minuteRuns.every((r) => r.status === 'completed'), 'each run completes (nothing new to download)');
});
