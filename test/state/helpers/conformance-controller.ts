import type { Test } from 'tap';
import type { ReconcileStatus, RolloutProgress, VerificationProgress } from '../../../src/state/store.js';
import { isUpdopsError } from '../../../src/errors.js';
import { changes, rejectsWith, type MakeStore } from './conformance.js';

/** Conformance for what the controller keeps in the store: its lease and its reconcile status. */
export function controllerConformance(t: Test, makeStore: MakeStore): void {
  const request = { name: 'controller', owner: 'updops-controller', host: 'h1', pid: 11, ttlMs: 15_000 };

  void t.test('a lease is exclusive while live, taken over when expired with a higher generation', async (t) => {
    const clock = { now: new Date('2026-01-01T00:00:00Z') };
    const store = await makeStore(clock);
    t.teardown(() => store.close());
    t.equal(await store.getLease('controller'), undefined);
    const first = await store.acquireLease(request);
    t.equal(first.generation, 1);
    const message = await rejectsWith(t, store.acquireLease({ ...request, host: 'h2', pid: 22 }), 'LEASE');
    t.match(message, /updops-controller@h1 pid 11/, 'names the holder');
    clock.now = new Date('2026-01-01T00:00:10Z');
    const renewed = await store.renewLease('controller', first.id, 15_000);
    t.equal(renewed.expiresAt, '2026-01-01T00:00:25.000Z');
    clock.now = new Date('2026-01-01T00:00:26Z');
    const second = await store.acquireLease({ ...request, host: 'h2', pid: 22 });
    t.equal(second.generation, 2, 'a takeover raises the generation');
    await rejectsWith(t, store.renewLease('controller', first.id, 15_000), 'LEASE');
    t.equal(await store.releaseLease('controller', first.id), false, 'the old holder cannot release it');
    t.equal((await store.getLease('controller'))?.pid, 22);
    t.equal(await store.releaseLease('controller', second.id), true);
    t.equal(await store.getLease('controller'), undefined);
    t.equal((await store.acquireLease(request)).generation, 1, 'a released lease starts again');
  });

  void t.test('a live lease is taken over only by naming its id (its holder is known dead)', async (t) => {
    const store = await makeStore({ now: new Date('2026-01-01T00:00:00Z') });
    t.teardown(() => store.close());
    const dead = await store.acquireLease(request);
    await rejectsWith(t, store.acquireLease({ ...request, pid: 12, replacing: 'another-id' }), 'LEASE');
    const next = await store.acquireLease({ ...request, pid: 12, replacing: dead.id });
    t.equal(next.generation, 2);
    t.equal((await store.getLease('controller'))?.pid, 12);
  });

  void t.test('leases of different names are independent', async (t) => {
    const store = await makeStore({ now: new Date('2026-01-01T00:00:00Z') });
    t.teardown(() => store.close());
    await store.acquireLease(request);
    t.ok(await store.acquireLease({ ...request, name: 'other' }));
  });

  void t.test('the reconcile status is one record, replaced by every attempt', async (t) => {
    const store = await makeStore({ now: new Date('2026-01-01T00:00:00Z') });
    t.teardown(() => store.close());
    t.equal(await store.getReconcileStatus(), undefined);
    const failed: ReconcileStatus = { commit: 'b'.repeat(40), condition: 'Failed', reason: 'RunFailed', message: 'run r1 failed', lastAttemptAt: '2026-01-01T00:00:00.000Z', failures: 2, nextRetryAt: '2026-01-01T00:00:20.000Z', lastReadyCommit: 'a'.repeat(40), lastReadyAt: '2025-12-31T00:00:00.000Z' };
    await store.putReconcileStatus(failed);
    t.same(await store.getReconcileStatus(), failed);
    const ready: ReconcileStatus = { condition: 'Ready', reason: 'ReconcileSucceeded', message: 'applied', lastAttemptAt: '2026-01-01T00:01:00.000Z', failures: 0 };
    await store.putReconcileStatus(ready);
    t.strictSame(await store.getReconcileStatus(), ready, 'absent fields stay absent');
  });

  void t.test('fenced writes: only while the lease generation is current, in the same transaction', async (t) => {
    const clock = { now: new Date('2026-01-01T00:00:00Z') };
    const store = await makeStore(clock);
    t.teardown(() => store.close());
    const first = await store.acquireLease(request);
    const fence = { lease: 'controller', generation: first.generation };
    const run = await store.createRun({ task: 'a', trigger: 'schedule', status: 'running' }, fence);
    t.equal((await store.updateRun(run.id, { status: 'completed' }, fence)).status, 'completed', 'the holder writes');
    t.equal(await store.applyChanges({ ...changes(), fence }), 1, 'and applies');
    clock.now = new Date('2026-01-01T00:00:16Z');
    const second = await store.acquireLease({ ...request, host: 'h2', pid: 22 });
    const message = await rejectsWith(t, store.createRun({ task: 'a', trigger: 'schedule' }, fence), 'FENCED');
    t.match(message, /generation 1.*generation 2 is held by updops-controller@h2 pid 22/, 'names the current holder');
    await rejectsWith(t, store.updateRun(run.id, { status: 'failed' }, fence), 'FENCED');
    await rejectsWith(t, store.applyChanges({ ...changes(), fence }), 'FENCED');
    t.equal((await store.getRun(run.id))?.status, 'completed', 'a fenced update wrote nothing');
    t.equal((await store.getMeta()).serial, 1, 'a fenced apply wrote nothing');
    t.equal((await store.listRuns()).length, 1, 'a fenced create wrote nothing');
    t.ok(await store.createRun({ task: 'a', trigger: 'schedule' }, { lease: 'controller', generation: second.generation }), 'the new holder writes');
    t.ok(await store.createRun({ task: 'a', trigger: 'manual' }), 'an unfenced write (the CLI) is not checked');
    await store.releaseLease('controller', second.id);
    await rejectsWith(t, store.createRun({ task: 'a', trigger: 'schedule' }, { lease: 'controller', generation: second.generation }), 'FENCED');
  });

  void t.test('rollout progress: replaced whole, listed by name, fenced like runs, deleted; rollout runs are recorded', async (t) => {
    const clock = { now: new Date('2026-01-01T00:00:00Z') };
    const store = await makeStore(clock);
    t.teardown(() => store.close());
    t.equal(await store.getRollout('r1'), undefined);
    const progress: RolloutProgress = { name: 'r1', specHash: 'h1', version: '2', wave: 0, status: 'progressing', waveStartedAt: '2026-01-01T00:00:00.000Z', devices: {}, updatedAt: '2026-01-01T00:00:00.000Z' };
    await store.putRollout(progress);
    await store.putRollout({ ...progress, name: 'a0' });
    const halted: RolloutProgress = { ...progress, status: 'halted', halted: { at: '2026-01-01T00:01:00.000Z', reason: '1 of 1 failed' }, devices: { 'ws-1': { wave: 0, outcome: 'failed', reason: 'health check failed', at: '2026-01-01T00:01:00.000Z' } }, updatedAt: '2026-01-01T00:01:00.000Z' };
    await store.putRollout(halted);
    t.same(await store.getRollout('r1'), halted, 'replaced whole');
    t.same((await store.listRollouts()).map((r) => r.name), ['a0', 'r1']);
    const lease = await store.acquireLease(request);
    const fence = { lease: 'controller', generation: lease.generation };
    await store.putRollout({ ...halted, wave: 1 }, fence);
    t.equal((await store.getRollout('r1'))?.wave, 1, 'the holder writes');
    clock.now = new Date('2026-01-01T00:00:16Z');
    await store.acquireLease({ ...request, host: 'h2', pid: 22 });
    await rejectsWith(t, store.putRollout({ ...halted, wave: 2 }, fence), 'FENCED');
    t.equal((await store.getRollout('r1'))?.wave, 1, 'a fenced write wrote nothing');
    await store.deleteRollout('a0');
    t.same((await store.listRollouts()).map((r) => r.name), ['r1']);
    const run = await store.createRun({ task: 'Update', trigger: 'rollout' });
    t.equal((await store.getRun(run.id))?.trigger, 'rollout', 'a run a rollout started says so');
  });

  void t.test('verification progress: replaced whole, listed by task, fenced, deleted; apart from rollouts', async (t) => {
    const clock = { now: new Date('2026-01-01T00:00:00Z') };
    const store = await makeStore(clock);
    t.teardown(() => store.close());
    t.equal(await store.getVerification('Download'), undefined);
    const gate: RolloutProgress = { name: 'Download', specHash: 'h1', version: '2', wave: 0, status: 'progressing', waveStartedAt: '2026-01-01T00:00:00.000Z', devices: {}, updatedAt: '2026-01-01T00:00:00.000Z' };
    const verifying: VerificationProgress = { task: 'Download', gate, updatedAt: gate.updatedAt };
    await store.putVerification(verifying);
    await store.putVerification({ ...verifying, task: 'A-download' });
    const verified: VerificationProgress = { ...verifying, approved: { version: '2', at: '2026-01-01T00:02:00.000Z' }, gate: { ...gate, status: 'completed', devices: { 'ws-test': { wave: 0, outcome: 'succeeded', at: '2026-01-01T00:02:00.000Z' } } }, updatedAt: '2026-01-01T00:02:00.000Z' };
    await store.putVerification(verified);
    t.same(await store.getVerification('Download'), verified, 'replaced whole');
    t.same((await store.listVerifications()).map((v) => v.task), ['A-download', 'Download']);
    t.same(await store.listRollouts(), [], 'not a rollout');
    const lease = await store.acquireLease(request);
    const fence = { lease: 'controller', generation: lease.generation };
    await store.putVerification({ ...verified, approved: { version: '3', at: verified.updatedAt } }, fence);
    t.equal((await store.getVerification('Download'))?.approved?.version, '3', 'the holder writes');
    clock.now = new Date('2026-01-01T00:00:16Z');
    await store.acquireLease({ ...request, host: 'h2', pid: 22 });
    await rejectsWith(t, store.putVerification({ ...verified, approved: { version: '4', at: verified.updatedAt } }, fence), 'FENCED');
    t.equal((await store.getVerification('Download'))?.approved?.version, '3', 'a fenced write wrote nothing');
    await store.deleteVerification('A-download');
    t.same((await store.listVerifications()).map((v) => v.task), ['Download']);
  });

  void t.test('a scheduled start is recorded at most once per task and instant', async (t) => {
    const store = await makeStore({ now: new Date('2026-01-01T00:00:00Z') });
    t.teardown(() => store.close());
    t.same(await store.listLastScheduled(), []);
    const at = '2026-01-01T00:00:00.000Z';
    const run = await store.createRun({ task: 'a', trigger: 'schedule', status: 'running', scheduledAt: at });
    t.equal(run.scheduledAt, at);
    t.equal((await store.getRun(run.id))?.scheduledAt, at, 'read back');
    try {
      await store.createRun({ task: 'a', trigger: 'schedule', status: 'skipped', scheduledAt: at });
      t.fail('a second record of one due start is refused');
    } catch (error) {
      t.ok(isUpdopsError(error) && error.code === 'CONFLICT' && error.detail === 'scheduled-start-recorded', `CONFLICT scheduled-start-recorded (${String(error)})`);
    }
    t.ok(await store.createRun({ task: 'b', trigger: 'schedule', scheduledAt: at }), 'another task at the same instant');
    t.ok(await store.createRun({ task: 'a', trigger: 'schedule', scheduledAt: '2026-01-01T00:00:01.000Z' }), 'the next instant');
    t.ok(await store.createRun({ task: 'a', trigger: 'manual' }), 'runs without an instant are not constrained');
    t.ok(await store.createRun({ task: 'a', trigger: 'manual' }));
    t.equal((await store.listRuns({ task: 'a' })).length, 4);
    t.strictSame(await store.listLastScheduled(), [
      { task: 'a', scheduledAt: '2026-01-01T00:00:01.000Z' },
      { task: 'b', scheduledAt: at },
    ]);
    t.notOk('scheduledAt' in (await store.listRuns({ task: 'a', limit: 1 }))[0]!, 'absent when not scheduled');
  });

  void t.test('ready: reachable with the current schema', async (t) => {
    const store = await makeStore({ now: new Date('2026-01-01T00:00:00Z') });
    const ready = await store.ready();
    t.equal(ready.ready, true);
    t.equal(ready.schemaVersion, (await store.getMeta()).schemaVersion);
    await store.close();
    const closed = await store.ready();
    t.equal(closed.ready, false, 'a closed store is not ready');
    t.match(closed.reason, /does not answer/);
  });
}
