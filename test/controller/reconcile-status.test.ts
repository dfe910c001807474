/**
 * The reconcile condition through the controller on a fake clock: an invalid commit is Failed
 * (ValidationFailed) and waits for a new commit — polls try nothing, a webhook tries again; a
 * failed apply is retried at 10 s, 20 s, 40 s … (the poll loop wakes for it) and adds no
 * history; an unreachable remote is Failed (SourceUnreachable) and, once it answers again,
 * the condition from before is back without an apply.
 */
import { renameSync } from 'node:fs';
import t from 'tap';
import { retryDelayMs } from '../../src/controller/reconcile-status.js';
import { groupYaml, makeFixture, sourceYaml, taskYaml } from './helpers/fixture.js';

const POLL = 60_000;

void t.test('the backoff doubles from the base and stops at the cap', async (t) => {
  const backoff = { baseMs: 10_000, maxMs: 600_000 };
  t.same([1, 2, 3, 4, 6, 7, 8, 40].map((n) => retryDelayMs(n, backoff)), [10_000, 20_000, 40_000, 80_000, 320_000, 600_000, 600_000, 600_000]);
});

void t.test('conditions: ValidationFailed waits for a new commit; a webhook tries again; Ready after a fix', async (t) => {
  const f = await makeFixture(t);
  f.write('groups.yaml', groupYaml('hq', [{ name: 'dp-hq' }], f.repo));
  const first = f.commit('initial');
  const c = await f.controller({ pollMs: POLL });
  t.match(await f.store.getReconcileStatus(), { commit: first, condition: 'Ready', reason: 'ReconcileSucceeded', failures: 0 });

  f.write('tasks.yaml', taskYaml('Bad', { scope: '{group: nowhere}', schedule: '{kind: sometimes}' }));
  const bad = f.commit('broken');
  await f.clock.advance(POLL);
  const failed = await f.store.getReconcileStatus();
  t.match(failed, { commit: bad, condition: 'Failed', reason: 'ValidationFailed', failures: 1, lastReadyCommit: first });
  t.equal(failed?.nextRetryAt, undefined, 'an invalid commit is not retried on a timer');
  await f.clock.advance(POLL * 3);
  t.equal((await f.store.getReconcileStatus())?.failures, 1, 'polls try nothing');
  t.equal((await c.reconcileNow('webhook')).status, 'failed');
  t.equal((await f.store.getReconcileStatus())?.failures, 2, 'a webhook tries again');

  f.write('sources.yaml', sourceYaml('vendor', f.vendorUrl));
  f.write('tasks.yaml', taskYaml('Fixed', { scope: '{group: hq}', schedule: '{kind: manual}' }));
  const fixed = f.commit('fixed');
  await f.clock.advance(POLL);
  t.match(await f.store.getReconcileStatus(), { commit: fixed, condition: 'Ready', failures: 0, lastReadyCommit: fixed });
  t.match((await c.status()).reconcile, { condition: 'Ready' }, 'the status report carries the condition');
});

void t.test('a refused apply is retried with backoff, the poll loop waking for it, and records one history entry', async (t) => {
  const f = await makeFixture(t);
  f.write('groups.yaml', groupYaml('hq', [{ name: 'dp-hq' }], f.repo));
  f.commit('initial');
  await f.controller({ pollMs: POLL, retry: { baseMs: 10_000 } });
  // Another process holds the apply lock: every attempt is refused (ApplyFailed).
  const lock = await f.store.acquireLock({ owner: 'someone', host: 'elsewhere', pid: 1, ttlMs: 3_600_000, operation: 'apply' });
  f.write('groups-2.yaml', groupYaml('lab', [{ name: 'dp-lab' }], f.repo));
  const second = f.commit('second');
  await f.clock.advance(POLL);
  t.match(await f.store.getReconcileStatus(), { commit: second, condition: 'Failed', reason: 'ApplyFailed', failures: 1 });
  await f.clock.advance(10_000);
  t.equal((await f.store.getReconcileStatus())?.failures, 2, 'retried 10 s later, before the next poll');
  await f.clock.advance(20_000);
  t.equal((await f.store.getReconcileStatus())?.failures, 3, 'then 20 s later');
  await f.clock.advance(39_000);
  t.equal((await f.store.getReconcileStatus())?.failures, 3, 'not before 40 s');
  await f.store.releaseLock(lock.id);
  await f.clock.advance(1_000);
  t.match(await f.store.getReconcileStatus(), { commit: second, condition: 'Ready' });
  t.equal((await f.store.listHistory(10)).length, 2, 'one history entry per applied commit');
});

void t.test('an unreachable remote: SourceUnreachable, and the condition from before is back when it answers', async (t) => {
  const f = await makeFixture(t);
  f.write('groups.yaml', groupYaml('hq', [{ name: 'dp-hq' }], f.repo));
  const first = f.commit('initial');
  await f.controller({ pollMs: POLL });
  renameSync(f.config, `${f.config}-away`);
  await f.clock.advance(POLL);
  t.match(await f.store.getReconcileStatus(), { condition: 'Failed', reason: 'SourceUnreachable', commit: first });
  renameSync(`${f.config}-away`, f.config);
  await f.clock.advance(POLL);
  t.match(await f.store.getReconcileStatus(), { condition: 'Ready', commit: first });
  t.equal((await f.store.listHistory(10)).length, 1, 'no apply for coming back');
});
