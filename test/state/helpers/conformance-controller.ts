import type { Test } from 'tap';
import type { ReconcileStatus } from '../../../src/state/store.js';
import { rejectsWith, type MakeStore } from './conformance.js';

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
}
