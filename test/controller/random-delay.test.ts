/**
 * Randomized delay (docs/design.md 1; seed 001 "Use randomized delay for task starts within an
 * interval of (min)"): the DPs of a scheduled run start at the scheduled instant plus their own
 * offset, all within the window, at exactly the offsets `deviceStarts` (what plan and status
 * show) computes — and the same in two controllers.
 */
import t, { type Test } from 'tap';
import { FakeClock } from '../../src/util/clock.js';
import type { Schedule } from '../../src/manifests/index.js';
import { deviceStarts } from '../../src/schedule/index.js';
import type { StateStore } from '../../src/state/index.js';
import { START, groupYaml, makeFixture, runsOf, sourceYaml, taskYaml, type Fixture } from './helpers/fixture.js';

const DPS = ['dp-1', 'dp-2', 'dp-3', 'dp-4', 'dp-5'];
const AT = Date.parse('2026-11-23T13:00:00.000Z');
const WINDOW = 10 * 60_000;

/** When each DP of the scheduled run synced: the observation recorded after its sync. */
async function startsIn(t: Test, f: Fixture, store: StateStore, clock: FakeClock): Promise<Map<string, number>> {
  await f.controller({ store, clock, pollMs: 86_400_000 });
  await clock.advanceTo(new Date(AT - 1));
  t.same(await runsOf(store, 'Spread', 'schedule'), []);
  await clock.advanceTo(new Date(AT));
  const [run] = await runsOf(store, 'Spread', 'schedule');
  t.equal(run?.status, 'running', 'the run starts at the instant and waits for its DPs');
  await clock.advanceTo(new Date(AT + WINDOW));
  t.equal((await store.getRun(run!.id))?.status, 'completed', 'every DP ran within the window');
  const observed = await store.listObservations();
  return new Map(observed.map((o) => [o.dp, Date.parse(o.observedAt)]));
}

t.test('DPs start at their offsets within 10 minutes, deterministically', async (t) => {
  const f = await makeFixture(t);
  f.write('groups.yaml', groupYaml('hq', DPS.map((name) => ({ name })), f.repo));
  f.write('sources.yaml', sourceYaml('vendor', f.vendorUrl));
  f.write('tasks.yaml', taskYaml('Spread', { scope: '{group: hq}', schedule: '{kind: daysOfWeek, days: [monday], time: "13:00", timeZone: UTC}', extra: '  randomDelay: {minutes: 10}\n' }));
  f.commit('spread');

  const first = await startsIn(t, f, f.store, f.clock);
  const task = (await f.store.listObjects('Task'))[0]!;
  const spec = (task.spec as { spec: { schedule: Schedule } }).spec;
  const expected = deviceStarts(spec.schedule, { minutes: 10 }, DPS, new Date(START), 1, { anchor: new Date(task.appliedAt), defaultTimeZone: 'UTC', taskName: 'Spread', settingsRevision: task.specHash, manualStarts: 0 });
  for (const { device, offsetMs, starts } of expected) {
    t.equal(first.get(device), starts[0]?.getTime(), `${device} started at the offset plan and status show`);
    t.ok(offsetMs >= 0 && offsetMs < WINDOW, `${device} within the window`);
  }
  t.ok(new Set(expected.map((e) => e.offsetMs)).size > 1, 'the DPs do not all start at once');

  const otherClock = new FakeClock(START);
  const second = await startsIn(t, f, await f.openStore('other.db', otherClock), otherClock);
  t.same([...second.entries()].sort(), [...first.entries()].sort(), 'a second controller starts each DP at the same instant');
});
