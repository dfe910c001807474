/**
 * The reconcile loop (docs/design.md 2; docs/design.md intro use 1): a new commit is applied within one
 * poll, a webhook (`reconcileNow`) applies at once, an invalid commit keeps the last applied
 * state with one ReconcileFailed event, and the next good commit is applied.
 */
import t from 'tap';
import { CONTROLLER_EVENTS } from '../../src/controller/events.js';
import { groupYaml, makeFixture, sourceYaml, taskYaml } from './helpers/fixture.js';

const POLL = 60_000;

t.test('commits are reconciled by poll and webhook; an invalid commit changes nothing and is reported once', async (t) => {
  const f = await makeFixture(t);
  f.write('groups.yaml', groupYaml('hq', [{ name: 'dp-hq' }], f.repo));
  f.write('sources.yaml', sourceYaml('vendor', f.vendorUrl));
  f.write('tasks.yaml', taskYaml('Download hq', { scope: '{group: hq}', schedule: '{kind: manual}' }));
  const first = f.commit('initial');
  const c = await f.controller({ pollMs: POLL });
  const history = async (): Promise<(string | undefined)[]> => (await f.store.listHistory(10)).map((h) => h.commit);
  t.same(await history(), [first], 'start applies the head');
  t.ok((await f.store.listObjects('Task')).some((o) => o.name === 'Download hq'));

  f.write('tasks-2.yaml', taskYaml('Download hq 2', { scope: '{group: hq}', schedule: '{kind: manual}' }));
  const second = f.commit('second task');
  await f.clock.advance(POLL - 1000);
  t.same(await history(), [first], 'not before the poll');
  await f.clock.advance(1000);
  t.same(await history(), [second, first], 'applied within one poll');

  f.write('tasks-3.yaml', taskYaml('Download hq 3', { scope: '{group: hq}', schedule: '{kind: manual}' }));
  const third = f.commit('third task');
  const result = await c.reconcileNow('webhook');
  t.equal(result.status, 'applied');
  t.equal(result.commit, third);
  t.same(await history(), [third, second, first], 'webhook applies at once');
  t.equal((await c.reconcileNow('webhook')).status, 'unchanged', 'the same head again is a no-op');

  const before = await f.store.listObjects();
  f.write('tasks-bad.yaml', taskYaml('Bad', { scope: '{group: nowhere}', schedule: '{kind: sometimes}' }));
  const bad = f.commit('broken');
  const failed = await c.reconcileNow('webhook');
  t.equal(failed.status, 'failed');
  t.equal(failed.commit, bad);
  t.match(failed.error, /tasks-bad\.yaml:\d+:\d+/, 'errors name file:line:col');
  t.same(await f.store.listObjects(), before, 'the last applied state is kept');
  await f.clock.advance(POLL * 3);
  const events = await c.listEvents({ type: CONTROLLER_EVENTS.reconcileFailed });
  t.equal(events.length, 1, 'one event per bad commit, not one per poll');
  t.equal(events[0]?.subject, bad);

  f.write('tasks-bad.yaml', taskYaml('Fixed', { scope: '{group: hq}', schedule: '{kind: manual}' }));
  const fixed = f.commit('fixed');
  await f.clock.advance(POLL);
  t.same((await history())[0], fixed, 'the next good commit is applied');
  t.ok((await f.store.listObjects('Task')).some((o) => o.name === 'Fixed'));
});

t.test('an unreachable remote is reported once per failure streak', async (t) => {
  const f = await makeFixture(t);
  f.write('groups.yaml', groupYaml('hq', [{ name: 'dp-hq' }], f.repo));
  f.commit('initial');
  const { rmSync, renameSync } = await import('node:fs');
  const c = await f.controller({ pollMs: POLL });
  const moved = `${f.config}-away`;
  renameSync(f.config, moved);
  await f.clock.advance(POLL * 3);
  t.equal((await c.listEvents({ type: CONTROLLER_EVENTS.configUnreachable })).length, 1, 'one event for three failed polls');
  renameSync(moved, f.config);
  await f.clock.advance(POLL);
  renameSync(f.config, moved);
  await f.clock.advance(POLL);
  t.equal((await c.listEvents({ type: CONTROLLER_EVENTS.configUnreachable })).length, 2, 'a new streak, a new event');
  renameSync(moved, f.config);
  rmSync(moved, { recursive: true, force: true });
});
