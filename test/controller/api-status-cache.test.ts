/** /api/status and the dashboard share one status computation: concurrent requests coalesce, answers live `ttlMs`, failures are not kept. */
import t from 'tap';
import { statusCache } from '../../src/controller/api/status-cache.js';
import { createApiServer } from '../../src/controller/api/index.js';
import type { Controller } from '../../src/controller/types.js';
import type { StatusReport } from '../../src/status/index.js';
import { fakeController } from './api-fake-controller.js';
import { raw } from './api-request.js';

function counting(fail = false): { controller: Controller; calls: () => number } {
  let calls = 0;
  const report = (n: number): StatusReport => ({ lastApplied: null, reconcile: null, leader: null, groups: [], distributionPoints: [], tasks: [{ name: `call ${n}`, type: 'x', schedule: 'manual', nextStarts: [], randomDelay: null, lastRun: null }] });
  const controller = {
    status: async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (fail) throw new Error('store unavailable');
      return report(calls);
    },
  } as unknown as Controller;
  return { controller, calls: () => calls };
}

void t.test('concurrent callers share one computation; the answer is reused within ttl, recomputed after', async (t) => {
  let clock = 0;
  const { controller, calls } = counting();
  const status = statusCache(controller, 1000, () => clock);
  const answers = await Promise.all([status(), status(), status()]);
  t.equal(calls(), 1);
  t.equal(answers[0], answers[2]);
  clock = 999;
  await status();
  t.equal(calls(), 1, 'still fresh');
  clock = 1000;
  t.equal((await status()).tasks[0]?.name, 'call 2');
  t.equal(calls(), 2);
});

void t.test('ttl 0 only coalesces concurrent requests; a failure is not cached', async (t) => {
  const { controller, calls } = counting();
  const status = statusCache(controller, 0);
  await Promise.all([status(), status()]);
  await status();
  t.equal(calls(), 2);
  const failing = counting(true);
  const bad = statusCache(failing.controller, 1000);
  await t.rejects(bad(), /store unavailable/);
  await t.rejects(bad(), /store unavailable/);
  t.equal(failing.calls(), 2);
});

void t.test('GET /api/status: a burst of requests costs one status computation; a failing status is a 500 without details', async (t) => {
  const fake = await fakeController();
  const api = await createApiServer(fake.controller);
  t.teardown(async () => {
    await api.close();
    await fake.cleanup();
  });
  const answers = await Promise.all(Array.from({ length: 20 }, () => raw(api.url, 'GET', '/api/status')));
  t.ok(answers.every((a) => a.status === 200));
  t.equal(fake.controller.calls.status, 1);

  const { controller } = counting(true);
  const failing = await createApiServer(controller);
  t.teardown(() => failing.close());
  const res = await raw(failing.url, 'GET', '/api/status');
  t.equal(res.status, 500);
  t.same(res.json, { error: { code: 'INTERNAL', message: 'internal error; see the controller log' } });
});
