import type { Test } from 'tap';
import { changes, rejectsWith } from './conformance.js';
import type { MakeStore } from './conformance.js';

/** Conformance, part 2: observations, runs, device results, events, dump. */
export function recordConformance(t: Test, makeStore: MakeStore): void {
  void t.test('repository observations are upserted per DP', async (t) => {
    const store = await makeStore({ now: new Date('2026-01-01T00:00:00Z') });
    t.teardown(() => store.close());
    t.equal(await store.getObservation('dp-1'), undefined);
    await store.putObservation({ dp: 'dp-1', observedAt: '2026-01-01T00:00:00.000Z', missing: [], corrupt: [] });
    t.same(await store.getObservation('dp-1'), { dp: 'dp-1', observedAt: '2026-01-01T00:00:00.000Z', missing: [], corrupt: [] });
    const drifted = { dp: 'dp-1', version: '7', published: '2025-12-31T00:00:00.000Z', observedAt: '2026-01-02T00:00:00.000Z', missing: ['targets/b', 'targets/a'], corrupt: ['targets/c'] };
    await store.putObservation(drifted);
    await store.putObservation({ dp: 'dp-0', version: '1', observedAt: '2026-01-02T00:00:00.000Z', missing: [], corrupt: [] });
    t.same(await store.getObservation('dp-1'), { ...drifted, missing: ['targets/a', 'targets/b'] });
    t.same((await store.listObservations()).map((o) => o.dp), ['dp-0', 'dp-1']);
  });

  void t.test('runs and per-device results round trip', async (t) => {
    const clock = { now: new Date('2026-01-01T00:00:00Z') };
    const store = await makeStore(clock);
    t.teardown(() => store.close());
    const run = await store.createRun({ task: 'Download updates for Berlin', trigger: 'schedule' });
    t.match(run, { task: 'Download updates for Berlin', trigger: 'schedule', status: 'pending', startedAt: '2026-01-01T00:00:00.000Z' });
    t.equal(run.finishedAt, undefined);
    t.same(await store.getRun(run.id), run);
    await store.putDeviceResult({ runId: run.id, device: 'dp-b', status: 'running', files: 0, bytes: 0, durationMs: 0 });
    await store.putDeviceResult({ runId: run.id, device: 'dp-a', status: 'failed', reason: 'only DPs running Windows can run this task', files: 0, bytes: 0, durationMs: 3 });
    await store.putDeviceResult({ runId: run.id, device: 'dp-b', status: 'completed', files: 12, bytes: 3_500_000_000, durationMs: 4000 });
    t.same(await store.listDeviceResults(run.id), [
      { runId: run.id, device: 'dp-a', status: 'failed', reason: 'only DPs running Windows can run this task', files: 0, bytes: 0, durationMs: 3 },
      { runId: run.id, device: 'dp-b', status: 'completed', files: 12, bytes: 3_500_000_000, durationMs: 4000 },
    ]);
    t.same(await store.getDeviceResult(run.id, 'dp-a'), { runId: run.id, device: 'dp-a', status: 'failed', reason: 'only DPs running Windows can run this task', files: 0, bytes: 0, durationMs: 3 }, 'getDeviceResult: the one (run, device)');
    t.same(await store.getDeviceResult(run.id, 'dp-b'), { runId: run.id, device: 'dp-b', status: 'completed', files: 12, bytes: 3_500_000_000, durationMs: 4000 }, 'getDeviceResult: the replaced result, not the first');
    t.equal(await store.getDeviceResult(run.id, 'dp-c'), undefined, 'getDeviceResult: no result of that device');
    t.equal(await store.getDeviceResult('nope', 'dp-a'), undefined, 'getDeviceResult: no such run');
    const done = await store.updateRun(run.id, { status: 'failed', finishedAt: '2026-01-01T00:05:00.000Z', reason: '1 of 2 devices failed' });
    t.same(done, { ...run, status: 'failed', finishedAt: '2026-01-01T00:05:00.000Z', reason: '1 of 2 devices failed' });
    t.same(await store.getRun(run.id), done);

    const manual = await store.createRun({ id: 'run-2', task: 'Update', trigger: 'manual', status: 'running' });
    const same = await store.createRun({ task: 'Download updates for Berlin', trigger: 'chain' });
    t.same((await store.listRuns()).map((r) => r.id), [same.id, manual.id, run.id], 'newest first, ties by creation');
    t.same((await store.listRuns({ task: 'Update' })).map((r) => r.id), ['run-2']);
    t.same((await store.listRuns({ limit: 1 })).map((r) => r.id), [same.id]);
    t.equal(await store.countRuns('Update', 'manual'), 1, 'countRuns: runs of that task with that trigger');
    t.equal(await store.countRuns('Update', 'schedule'), 0);
    t.equal(await store.countRuns('nope', 'manual'), 0);
    t.equal(await store.getRun('nope'), undefined);
    await rejectsWith(t, store.updateRun('nope', { status: 'completed' }), 'NOT_FOUND');
    await rejectsWith(t, store.putDeviceResult({ runId: 'nope', device: 'd', status: 'completed', files: 0, bytes: 0, durationMs: 0 }), 'NOT_FOUND');
    await rejectsWith(t, store.createRun({ task: 'x', trigger: 'sometimes' as 'manual' }), 'USAGE');
  });

  void t.test('a result keeps the source that served it and why earlier sources were skipped; listLastServed is the newest per target', async (t) => {
    const clock = { now: new Date('2026-01-01T00:00:00Z') };
    const store = await makeStore(clock);
    t.teardown(() => store.close());
    const first = await store.createRun({ task: 'Update', trigger: 'manual', status: 'completed' });
    const served = { runId: first.id, device: 'ws-1', status: 'completed' as const, files: 3, bytes: 30, durationMs: 7, source: 'good', fallbackReason: 'broken: SOURCE_UNREACHABLE: connect ECONNREFUSED 127.0.0.1:9' };
    await store.putDeviceResult(served);
    await store.putDeviceResult({ runId: first.id, device: 'ws-2', status: 'completed', files: 1, bytes: 1, durationMs: 1, source: 'vendor' });
    await store.putDeviceResult({ runId: first.id, device: 'ws-3', status: 'failed', reason: 'every source failed', files: 0, bytes: 0, durationMs: 1 });
    t.same((await store.listDeviceResults(first.id))[0], served, 'source and fallbackReason round trip');
    t.same((await store.listDeviceResults(first.id))[1], { runId: first.id, device: 'ws-2', status: 'completed', files: 1, bytes: 1, durationMs: 1, source: 'vendor' }, 'no fallback: the field is omitted, not null');
    t.notOk('source' in (await store.listDeviceResults(first.id))[2]!, 'a failed result names no source');

    const second = await store.createRun({ task: 'Update', trigger: 'manual', status: 'failed' });
    await store.putDeviceResult({ runId: second.id, device: 'ws-1', status: 'failed', reason: 'every source failed', files: 0, bytes: 0, durationMs: 2 });
    await store.putDeviceResult({ runId: second.id, device: 'ws-2', status: 'completed', files: 0, bytes: 0, durationMs: 2, source: 'mirror', fallbackReason: 'vendor: SOURCE_NOT_FOUND: 404' });
    t.same((await store.listLastServed()).map((r) => [r.device, r.runId, r.source, r.fallbackReason ?? null]), [
      ['ws-1', first.id, 'good', served.fallbackReason],
      ['ws-2', second.id, 'mirror', 'vendor: SOURCE_NOT_FOUND: 404'],
    ], 'per target its newest served result; a later failure does not hide the source of its last update');
    await store.putDeviceResult({ runId: first.id, device: 'ws-1', status: 'running', files: 0, bytes: 0, durationMs: 0 });
    t.same((await store.listLastServed()).map((r) => r.device), ['ws-2'], 'a replaced result without a source is no longer served');
  });

  void t.test('markInterruptedRuns ends running and pending runs after a restart', async (t) => {
    const clock = { now: new Date('2026-01-01T00:00:00Z') };
    const store = await makeStore(clock);
    t.teardown(() => store.close());
    const running = await store.createRun({ task: 'a', trigger: 'schedule', status: 'running' });
    const pending = await store.createRun({ task: 'b', trigger: 'missed' });
    const completed = await store.createRun({ task: 'c', trigger: 'manual', status: 'completed' });
    await store.putDeviceResult({ runId: running.id, device: 'ws-1', status: 'running', files: 1, bytes: 10, durationMs: 5 });
    await store.putDeviceResult({ runId: running.id, device: 'ws-2', status: 'completed', files: 2, bytes: 20, durationMs: 6 });
    clock.now = new Date('2026-01-01T01:00:00Z');
    t.equal(await store.markInterruptedRuns(), 2);
    t.equal(await store.markInterruptedRuns(), 0, 'idempotent');
    t.match(await store.getRun(running.id), { status: 'interrupted', finishedAt: '2026-01-01T01:00:00.000Z', reason: /restarted/ });
    t.match(await store.getRun(pending.id), { status: 'interrupted' });
    t.same(await store.getRun(completed.id), completed);
    t.same((await store.listDeviceResults(running.id)).map((r) => [r.device, r.status]), [['ws-1', 'failed'], ['ws-2', 'completed']]);
  });

  void t.test('markInterruptedRuns with a trigger ends only the runs of that trigger', async (t) => {
    const store = await makeStore({ now: new Date('2026-01-01T00:00:00Z') });
    t.teardown(() => store.close());
    const orphan = await store.createRun({ task: 'a', trigger: 'apply', status: 'running' });
    const scheduled = await store.createRun({ task: 'b', trigger: 'schedule', status: 'running' });
    t.equal(await store.markInterruptedRuns('apply died', 'apply'), 1);
    t.match(await store.getRun(orphan.id), { status: 'interrupted', reason: 'apply died' });
    t.match(await store.getRun(scheduled.id), { status: 'running' }, "the controller's own runs are left alone");
  });

  void t.test('events are listed newest first and filtered by type and subject', async (t) => {
    const store = await makeStore({ now: new Date('2026-01-01T00:00:00Z') });
    t.teardown(() => store.close());
    const first = await store.appendEvent({ type: 'BasesAreOutOfDate', subject: 'ws-1', message: 'databases are 4 days old', data: { days: 4 } });
    t.same(first, { id: first.id, time: '2026-01-01T00:00:00.000Z', type: 'BasesAreOutOfDate', subject: 'ws-1', message: 'databases are 4 days old', data: { days: 4 } });
    await store.appendEvent({ type: 'ReconcileFailed', message: 'SCHEMA: bad', time: '2026-01-02T00:00:00.000Z' });
    await store.appendEvent({ type: 'BasesAreOutOfDate', subject: 'ws-2', message: 'databases are 5 days old' });
    t.same((await store.listEvents()).map((e) => e.type), ['BasesAreOutOfDate', 'ReconcileFailed', 'BasesAreOutOfDate']);
    t.same((await store.listEvents({ type: 'BasesAreOutOfDate' })).map((e) => e.subject), ['ws-2', 'ws-1']);
    t.same((await store.listEvents({ subject: 'ws-1' })).map((e) => e.id), [first.id]);
    t.same((await store.listEvents({ afterId: first.id })).map((e) => e.type), ['ReconcileFailed', 'BasesAreOutOfDate'], 'afterId: the later events, oldest first');
    t.same(await store.listEvents({ afterId: first.id + 100 }), []);
    t.same((await store.listEvents({ type: 'ReconcileFailed', subject: 'ws-1' })), []);
    t.equal((await store.listEvents({ limit: 2 })).length, 2);
    const reconcile = (await store.listEvents({ type: 'ReconcileFailed' }))[0];
    t.equal(reconcile?.subject, undefined);
    t.equal(reconcile?.data, undefined);
  });

  void t.test('dump is complete and deterministic', async (t) => {
    const fill = async (clockStart: string) => {
      const clock = { now: new Date(clockStart) };
      const store = await makeStore(clock);
      await store.applyChanges(changes({ upserts: [{ kind: 'Group', name: 'b', spec: { y: 1, x: 2 } }, { kind: 'Group', name: 'a', spec: {} }] }));
      await store.putObservation({ dp: 'dp-2', observedAt: clockStart, missing: [], corrupt: [] });
      await store.putObservation({ dp: 'dp-1', observedAt: clockStart, missing: ['m'], corrupt: [] });
      const run = await store.createRun({ id: 'r1', task: 't', trigger: 'apply' });
      await store.putDeviceResult({ runId: run.id, device: 'z', status: 'pending', files: 0, bytes: 0, durationMs: 0 });
      await store.putDeviceResult({ runId: run.id, device: 'a', status: 'pending', files: 0, bytes: 0, durationMs: 0 });
      await store.appendEvent({ type: 'E', message: 'm', data: { b: 1, a: 2 } });
      return store;
    };
    const one = await fill('2026-01-01T00:00:00.000Z');
    const two = await fill('2026-01-01T00:00:00.000Z');
    t.teardown(async () => {
      await one.close();
      await two.close();
    });
    const a = await one.dump();
    const b = await two.dump();
    t.same(JSON.stringify(await one.dump()), JSON.stringify(a), 'same store dumps identically');
    t.not(a.meta.lineage, b.meta.lineage, 'each state has its own lineage');
    t.same(JSON.stringify({ ...a, meta: null }), JSON.stringify({ ...b, meta: null }), 'same content dumps identically');
    t.same(a.objects.map((o) => o.name), ['a', 'b']);
    t.same(a.observations.map((o) => o.dp), ['dp-1', 'dp-2']);
    t.same(a.deviceResults.map((r) => r.device), ['a', 'z']);
    t.equal(a.history.length, 1);
    t.equal(a.events.length, 1);
    t.equal(a.lock, null);
  });
}
