import type { Test } from 'tap';
import { isUpdopsError } from '../../../src/errors.js';
import type { ErrorCode } from '../../../src/errors.js';
import { specHash } from '../../../src/state/spec-hash.js';
import type { ApplyChangesInput, StateStore } from '../../../src/state/store.js';

/**
 * The conformance suite every StateStore back end must pass (docs/design.md 4: "one store interface,
 * one conformance test suite run against both"). `makeStore` gives a fresh, empty store whose
 * clock is `clock.now`.
 */
export interface Clock {
  now: Date;
}

export type MakeStore = (clock: Clock) => Promise<StateStore>;

export function changes(overrides: Partial<ApplyChangesInput> = {}): ApplyChangesInput {
  return {
    commit: 'a'.repeat(40),
    dirty: false,
    upserts: [],
    deletes: [],
    plan: { formatVersion: 1, actions: [] },
    summary: 'nothing',
    ...overrides,
  };
}

export async function rejectsWith(t: Test, promise: Promise<unknown>, code: ErrorCode): Promise<string> {
  try {
    await promise;
  } catch (error) {
    t.ok(isUpdopsError(error), `throws an UpdopsError (${String(error)})`);
    t.equal(isUpdopsError(error) ? error.code : undefined, code, `error code is ${code}`);
    return error instanceof Error ? error.message : '';
  }
  t.fail(`expected a ${code} error`);
  return '';
}

const group = (name: string, parent?: string) => ({ kind: 'Group', name, spec: { parent, devices: [] } });

export function objectConformance(t: Test, makeStore: MakeStore): void {
  void t.test('a new state has a lineage, serial 0 and nothing recorded', async (t) => {
    const store = await makeStore({ now: new Date('2026-01-01T00:00:00Z') });
    t.teardown(() => store.close());
    const meta = await store.getMeta();
    t.match(meta.lineage, /^[0-9a-f-]{36}$/);
    t.equal(meta.serial, 0);
    t.same(await store.listObjects(), []);
    t.same(await store.listHistory(), []);
  });

  void t.test('applyChanges upserts, deletes, bumps the serial and appends history', async (t) => {
    const clock = { now: new Date('2026-01-01T10:00:00Z') };
    const store = await makeStore(clock);
    t.teardown(() => store.close());
    const first = await store.applyChanges(
      changes({ upserts: [group('b', 'a'), group('a'), { kind: 'Task', name: 'x', spec: { z: 1, a: [2] } }] }),
    );
    t.equal(first, 1);
    clock.now = new Date('2026-01-01T11:00:00Z');
    const second = await store.applyChanges(
      changes({ commit: undefined, dirty: true, expectedSerial: 1, upserts: [group('a', 'root')], deletes: [{ kind: 'Group', name: 'b' }], summary: '1 changed, 1 deleted' }),
    );
    t.equal(second, 2);
    t.equal((await store.getMeta()).serial, 2);
    t.same(
      (await store.listObjects()).map((o) => `${o.kind}/${o.name}`),
      ['Group/a', 'Task/x'],
      'sorted by kind then name; b deleted',
    );
    const a = await store.getObject({ kind: 'Group', name: 'a' });
    t.same(a?.spec, { parent: 'root', devices: [] });
    t.equal(a?.specHash, specHash({ devices: [], parent: 'root' }), 'hash ignores key order');
    t.equal(a?.appliedCommit, undefined, 'applied from a directory: no commit');
    t.equal(a?.appliedAt, '2026-01-01T11:00:00.000Z');
    const x = await store.getObject({ kind: 'Task', name: 'x' });
    t.equal(x?.appliedCommit, 'a'.repeat(40), 'untouched object keeps its commit');
    t.equal(await store.getObject({ kind: 'Group', name: 'b' }), undefined);
    t.same((await store.listObjects('Task')).map((o) => o.name), ['x']);

    const history = await store.listHistory();
    t.same(history.map((h) => [h.serial, h.commit, h.dirty, h.summary]), [
      [2, undefined, true, '1 changed, 1 deleted'],
      [1, 'a'.repeat(40), false, 'nothing'],
    ], 'newest first');
    t.same(JSON.parse(history[1]?.planJson ?? 'null'), { formatVersion: 1, actions: [] });
    t.equal((await store.listHistory(1)).length, 1, 'limit');
  });

  void t.test('a stale expectedSerial is refused with PLAN_STALE and writes nothing', async (t) => {
    const store = await makeStore({ now: new Date('2026-01-01T00:00:00Z') });
    t.teardown(() => store.close());
    await store.applyChanges(changes({ upserts: [group('a')] }));
    const before = await store.dump();
    const message = await rejectsWith(
      t,
      store.applyChanges(changes({ expectedSerial: 0, upserts: [group('c')], deletes: [{ kind: 'Group', name: 'a' }] })),
      'PLAN_STALE',
    );
    t.match(message, /serial 0.*serial 1/);
    t.same(await store.dump(), before, 'state unchanged');
  });

  void t.test('a failure part-way through an apply writes nothing', async (t) => {
    const store = await makeStore({ now: new Date('2026-01-01T00:00:00Z') });
    t.teardown(() => store.close());
    await store.applyChanges(changes({ upserts: [group('a')] }));
    const before = await store.dump();
    // The second upsert cannot be serialised: the first one was already written in the transaction.
    const broken = { kind: 'Group', name: 'z', spec: { size: 1n } };
    await t.rejects(store.applyChanges(changes({ upserts: [group('new'), broken], deletes: [{ kind: 'Group', name: 'a' }] })));
    t.same(await store.dump(), before, 'state unchanged');
  });
}

export function lockConformance(t: Test, makeStore: MakeStore): void {
  const request = { owner: 'alice', host: 'ci-1', pid: 4242, ttlMs: 60_000, operation: 'apply' };

  void t.test('a second acquire fails with LOCKED naming the holder', async (t) => {
    const store = await makeStore({ now: new Date('2026-01-01T00:00:00Z') });
    t.teardown(() => store.close());
    const lock = await store.acquireLock(request);
    t.match(lock, { owner: 'alice', host: 'ci-1', pid: 4242, operation: 'apply', acquiredAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-01-01T00:01:00.000Z' });
    const message = await rejectsWith(t, store.acquireLock({ ...request, owner: 'bob' }), 'LOCKED');
    t.match(message, `state is locked by alice@ci-1 pid 4242 since 2026-01-01T00:00:00.000Z (lock id ${lock.id})`);
    t.match(message, `--force-unlock ${lock.id}`);
    t.same(await store.getLock(), lock);
    t.equal(await store.releaseLock(lock.id), true);
    t.equal(await store.releaseLock(lock.id), false, 'second release is a no-op');
    t.equal(await store.getLock(), undefined);
    const again = await store.acquireLock({ ...request, owner: 'bob' });
    t.not(again.id, lock.id);
  });

  void t.test('an expired lock is taken over; the old holder can no longer renew or release it', async (t) => {
    const clock = { now: new Date('2026-01-01T00:00:00Z') };
    const store = await makeStore(clock);
    t.teardown(() => store.close());
    const old = await store.acquireLock(request);
    clock.now = new Date('2026-01-01T00:00:59Z');
    await rejectsWith(t, store.acquireLock({ ...request, owner: 'bob' }), 'LOCKED');
    const renewed = await store.renewLock(old.id, 60_000);
    t.equal(renewed.expiresAt, '2026-01-01T00:01:59.000Z');
    clock.now = new Date('2026-01-01T00:02:00Z');
    const taken = await store.acquireLock({ ...request, owner: 'bob' });
    t.equal(taken.owner, 'bob');
    await rejectsWith(t, store.renewLock(old.id, 60_000), 'LOCKED');
    t.equal(await store.releaseLock(old.id), false, 'the old holder cannot release the new lock');
    t.equal((await store.getLock())?.id, taken.id);
  });

  void t.test('forceUnlock removes only the lock with that id', async (t) => {
    const store = await makeStore({ now: new Date('2026-01-01T00:00:00Z') });
    t.teardown(() => store.close());
    await rejectsWith(t, store.forceUnlock('nope'), 'NOT_FOUND');
    const lock = await store.acquireLock(request);
    const message = await rejectsWith(t, store.forceUnlock('other-id'), 'NOT_FOUND');
    t.match(message, lock.id, 'names the current lock');
    t.equal((await store.getLock())?.id, lock.id, 'still locked');
    await store.forceUnlock(lock.id);
    t.equal(await store.getLock(), undefined);
  });

  void t.test('a non-positive ttl is a usage error', async (t) => {
    const store = await makeStore({ now: new Date('2026-01-01T00:00:00Z') });
    t.teardown(() => store.close());
    await rejectsWith(t, store.acquireLock({ ...request, ttlMs: 0 }), 'USAGE');
  });
}
