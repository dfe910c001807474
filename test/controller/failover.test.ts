/**
 * Taking over the schedule (docs/architecture.md "Replicas", "A scheduled run"), on a fake clock:
 * - starts that fell due while no controller led, within the catch-up window, each run once as
 *   scheduled with their own instant (`scheduledAt`), never as one `missed` run;
 * - the new leader resumes after the newest start recorded by any replica;
 * - a controller whose lease was taken over is fenced: its next write is refused (`FENCED`), it
 *   stops leading and records nothing more.
 */
import t from 'tap';
import { CONTROLLER_LEASE } from '../../src/controller/lease.js';
import { groupYaml, makeFixture, runsOf, sourceYaml, taskYaml } from './helpers/fixture.js';

const MINUTE = 60_000;

async function everyMinute(t: Parameters<typeof makeFixture>[0]) {
  const f = await makeFixture(t);
  f.write('groups.yaml', groupYaml('hq', [{ name: 'dp-1' }], f.repo));
  f.write('sources.yaml', sourceYaml('vendor', f.vendorUrl));
  f.write('tasks.yaml', taskYaml('Minutely', { scope: '{group: hq}', schedule: '{kind: everyMinutes, every: 1}', extra: '  runMissed: true\n' }));
  f.commit('every minute');
  return f;
}

t.test('starts due during a short takeover run once each, as scheduled, after the newest recorded one', async (t) => {
  const f = await everyMinute(t);
  const errors: string[] = [];
  const observer = { log: (level: string, message: string) => void (level === 'error' && errors.push(message)) };
  const first = await f.controller({ pollMs: 24 * 60 * MINUTE, observer });
  await f.clock.advance(3 * MINUTE + 1000);
  const before = await runsOf(f.store, 'Minutely', 'schedule');
  t.equal(before.length, 3, 'three starts while the first controller leads');
  t.ok(before.every((r) => r.scheduledAt), 'each records its due instant');
  await first.stop();

  // Three starts fall due while nobody leads; "another replica" recorded the first of them, then died.
  await f.clock.advance(3 * MINUTE);
  const last = Date.parse(before.at(-1)!.scheduledAt!);
  const due = [1, 2, 3].map((n) => new Date(last + n * MINUTE).toISOString());
  await f.store.createRun({ task: 'Minutely', trigger: 'schedule', status: 'completed', scheduledAt: due[0]! });
  const second = await f.controller({ pollMs: 24 * 60 * MINUTE, catchUpMs: 10 * MINUTE, observer });
  await second.caughtUp!();
  await second.idle();
  const after = await runsOf(f.store, 'Minutely', 'schedule');
  t.same(after.map((r) => r.scheduledAt), [...before.map((r) => r.scheduledAt), ...due], 'each due start recorded once: the missing ones caught up after the one recorded');
  t.ok(after.slice(-2).every((r) => r.status === 'completed'), 'the caught-up starts ran');
  t.same(await runsOf(f.store, 'Minutely', 'missed'), [], 'no missed run for a short takeover');
  t.same(errors, [], 'a start already recorded is not an error');

  await f.clock.advance(MINUTE);
  const next = await runsOf(f.store, 'Minutely', 'schedule');
  t.equal(next.length, after.length + 1, 'the schedule goes on');
  t.equal(new Set(next.map((r) => r.scheduledAt)).size, next.length, 'no instant twice');
});

t.test('beyond the catch-up window a takeover is a downtime: one missed run (runMissed), nothing replayed', async (t) => {
  const f = await everyMinute(t);
  const first = await f.controller({ pollMs: 24 * 60 * MINUTE });
  await f.clock.advance(MINUTE + 1000);
  await first.stop();
  await f.clock.advance(5 * MINUTE);
  const second = await f.controller({ pollMs: 24 * 60 * MINUTE });
  await second.idle();
  t.equal((await runsOf(f.store, 'Minutely', 'schedule')).length, 1, 'no scheduled start replayed (default window: 60 s)');
  t.equal((await runsOf(f.store, 'Minutely', 'missed')).length, 1, 'one missed run');
});

t.test('a controller whose lease was taken over is fenced: it records nothing more and stops leading', async (t) => {
  const f = await everyMinute(t);
  const lost: Error[] = [];
  const first = await f.controller({ pollMs: 24 * 60 * MINUTE, lease: { onLost: (error) => lost.push(error) } });
  await f.clock.advance(MINUTE + 1000);
  t.equal((await runsOf(f.store, 'Minutely', 'schedule')).length, 1);
  const total = (await runsOf(f.store)).length;
  t.equal(first.leading, true);
  // Another replica takes the lease (as after an expiry): the generation goes up.
  const held = (await f.store.getLease(CONTROLLER_LEASE))!;
  const other = await f.store.acquireLease({ name: CONTROLLER_LEASE, owner: 'updops-controller', host: 'elsewhere', pid: 1, ttlMs: 60_000, replacing: held.id });
  t.equal(other.generation, held.generation + 1);
  await f.clock.advance(MINUTE);
  await first.idle();
  t.equal((await runsOf(f.store)).length, total, 'the fenced start wrote no run');
  t.equal(first.leading, false, 'it stopped leading');
  t.match(lost.map((e) => (e as { code?: string }).code), ['FENCED'], 'told why: FENCED');
  t.match(lost[0]?.message, /generation 1\) is no longer current: generation 2 is held by updops-controller@elsewhere pid 1/);
  await f.clock.advance(2 * MINUTE);
  t.equal((await runsOf(f.store)).length, total, 'and schedules nothing after');
});
