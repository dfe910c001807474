import type { Test } from 'tap';
import { rejectsWith, type MakeStore } from './conformance.js';

/** Conformance for Run missed tasks' memory and the devices' licence counts (migration 5). */
export function missedConformance(t: Test, makeStore: MakeStore): void {
  void t.test('missed targets are remembered once per (task, target), listed in order and forgotten', async (t) => {
    const store = await makeStore({ now: new Date('2026-01-01T00:00:00Z') });
    t.teardown(() => store.close());
    t.same(await store.listMissed(), []);
    await store.rememberMissed([
      { task: 'Update', target: 'ws-2', since: '2026-01-01T00:00:00.000Z', runId: 'r1' },
      { task: 'Update', target: 'ws-1', since: '2026-01-01T00:00:00.000Z', runId: 'r1' },
      { task: 'Download', target: 'dp-1', since: '2026-01-01T00:01:00.000Z' },
    ]);
    await store.rememberMissed([{ task: 'Update', target: 'ws-1', since: '2026-01-02T00:00:00.000Z', runId: 'r2' }]);
    t.strictSame(await store.listMissed(), [
      { task: 'Download', target: 'dp-1', since: '2026-01-01T00:01:00.000Z' },
      { task: 'Update', target: 'ws-1', since: '2026-01-01T00:00:00.000Z', runId: 'r1' },
      { task: 'Update', target: 'ws-2', since: '2026-01-01T00:00:00.000Z', runId: 'r1' },
    ], 'sorted by task then target; a second miss keeps the first since and run; no runId stays absent');
    await store.rememberMissed([]);
    t.equal(await store.forgetMissed('Update', ['ws-1', 'ws-9']), 1, 'only what was remembered counts');
    t.same((await store.listMissed()).map((m) => `${m.task}/${m.target}`), ['Download/dp-1', 'Update/ws-2']);
    t.equal(await store.forgetMissed('Update'), 1, 'without targets: all of the task');
    t.equal(await store.forgetMissed('Nothing'), 0);
    t.same((await store.listMissed()).map((m) => m.target), ['dp-1']);
  });

  void t.test('a device licence count only goes up', async (t) => {
    const clock = { now: new Date('2026-01-01T00:00:00Z') };
    const store = await makeStore(clock);
    t.teardown(() => store.close());
    t.equal(await store.getDeviceLicence('ws-1'), undefined);
    t.same(await store.recordUnlicensedUpdates('ws-1', 0), { device: 'ws-1', unlicensedUpdates: 0, updatedAt: '2026-01-01T00:00:00.000Z' });
    clock.now = new Date('2026-01-01T01:00:00Z');
    t.same(await store.recordUnlicensedUpdates('ws-1', 1), { device: 'ws-1', unlicensedUpdates: 1, updatedAt: '2026-01-01T01:00:00.000Z' }, 'a higher count replaces');
    clock.now = new Date('2026-01-01T02:00:00Z');
    t.same(await store.recordUnlicensedUpdates('ws-1', 0), { device: 'ws-1', unlicensedUpdates: 1, updatedAt: '2026-01-01T01:00:00.000Z' }, 'a wiped device reporting 0 does not reset it');
    await store.recordUnlicensedUpdates('ws-0', 3, '2026-01-01T03:00:00.000Z');
    t.same((await store.listDeviceLicences()).map((l) => [l.device, l.unlicensedUpdates, l.updatedAt]), [['ws-0', 3, '2026-01-01T03:00:00.000Z'], ['ws-1', 1, '2026-01-01T01:00:00.000Z']]);
    t.same(await store.getDeviceLicence('ws-0'), { device: 'ws-0', unlicensedUpdates: 3, updatedAt: '2026-01-01T03:00:00.000Z' });
    await rejectsWith(t, store.recordUnlicensedUpdates('ws-1', -1), 'USAGE');
    await rejectsWith(t, store.recordUnlicensedUpdates('ws-1', 1.5), 'USAGE');
  });

  void t.test('a heartbeat records the licence count in the same write, the larger count winning', async (t) => {
    const store = await makeStore({ now: new Date('2026-01-01T00:00:00Z') });
    t.teardown(() => store.close());
    await store.upsertAgent({ name: 'ws-1', role: 'device', os: 'windows', version: '1', at: '2026-01-01T00:00:00.000Z' });
    const beat = await store.recordHeartbeat('ws-1', { freshness: 'upToDate' }, '2026-01-01T00:01:00.000Z', 2);
    t.same([beat.lastSeen, beat.status], ['2026-01-01T00:01:00.000Z', { freshness: 'upToDate' }]);
    t.same(await store.getDeviceLicence('ws-1'), { device: 'ws-1', unlicensedUpdates: 2, updatedAt: '2026-01-01T00:01:00.000Z' });
    const later = await store.recordHeartbeat('ws-1', undefined, '2026-01-01T00:02:00.000Z', 0);
    t.same([later.lastSeen, later.status], ['2026-01-01T00:02:00.000Z', { freshness: 'upToDate' }], 'no status keeps the last one');
    t.same(await store.getDeviceLicence('ws-1'), { device: 'ws-1', unlicensedUpdates: 2, updatedAt: '2026-01-01T00:01:00.000Z' }, 'a lower count changes nothing');
    await store.recordHeartbeat('ws-1', undefined, '2026-01-01T00:03:00.000Z');
    t.equal((await store.getDeviceLicence('ws-1'))?.unlicensedUpdates, 2, 'without a count the licence row is left alone');
    await rejectsWith(t, store.recordHeartbeat('ghost', {}, undefined, 1), 'NOT_FOUND');
    t.equal(await store.getDeviceLicence('ghost'), undefined, 'an unknown agent records no licence');
    await rejectsWith(t, store.recordHeartbeat('ws-1', {}, undefined, -1), 'USAGE');
  });

  void t.test('an agent keeps the heartbeat interval it registered with (migration 8)', async (t) => {
    const store = await makeStore({ now: new Date('2026-01-01T00:00:00Z') });
    t.teardown(() => store.close());
    await store.upsertAgent({ name: 'ws-1', role: 'device', os: 'windows', version: '1', heartbeatSeconds: 2.5 });
    await store.upsertAgent({ name: 'ws-2', role: 'device', os: 'windows', version: '1' });
    t.equal((await store.getAgent('ws-1'))?.heartbeatSeconds, 2.5);
    t.notOk('heartbeatSeconds' in (await store.getAgent('ws-2'))!, 'none given: absent');
    await store.recordHeartbeat('ws-1', undefined, '2026-01-01T00:01:00.000Z');
    t.equal((await store.getAgent('ws-1'))?.heartbeatSeconds, 2.5, 'a heartbeat keeps it');
    await store.upsertAgent({ name: 'ws-1', role: 'device', os: 'windows', version: '1', heartbeatSeconds: 60 });
    t.same((await store.listAgents()).map((a) => a.heartbeatSeconds), [60, undefined], 'a new registration replaces it');
  });
}
