/**
 * The agents' API (docs/design.md 4 `updops agent`): every call needs the bearer token; registration
 * only for names of the applied config; a result counts once per (run id, agent) — one device
 * result and one set of events however often it is posted.
 */
import t from 'tap';
import { CANCELLED_REASON } from '../../src/runs/index.js';
import { makeWorld, officeYaml, sourceYaml, TOKEN, updateTaskYaml } from './helpers/world.js';

const post = (url: string, body: unknown, token?: string): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });

void t.test('agent calls need the token, register only known names, and results are idempotent by run id', async (t) => {
  const w = await makeWorld(t, {
    config: (fx, dpPort) => ({ 'sources.yaml': sourceYaml('vendor', fx.vendorUrl), 'groups.yaml': officeYaml(fx, dpPort, ['ws-1']), 'tasks.yaml': updateTaskYaml('Update', ['vendor']) }),
  });
  const base = `${w.api.url}/api/agents`;
  const calls: [string, string][] = [
    ['POST', `${base}/register`],
    ['POST', `${base}/ws-1/heartbeat`],
    ['GET', `${base}/ws-1/work?waitSeconds=0`],
    ['POST', `${base}/ws-1/runs/r1/progress`],
    ['POST', `${base}/ws-1/runs/r1/result`],
  ];
  for (const [method, url] of calls) {
    const res = await fetch(url, { method, ...(method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}) });
    t.equal(res.status, 401, `${method} ${url.slice(base.length)} without a token`);
    const wrong = await fetch(url, { method, headers: { authorization: 'Bearer nope' } });
    t.equal(wrong.status, 401, `${method} ${url.slice(base.length)} with a wrong token`);
  }
  t.equal((await post(`${base}/register`, { name: 'stranger', version: '1' }, TOKEN)).status, 404, 'a name outside the config');
  const registered = await post(`${base}/register`, { name: 'ws-1', version: '1' }, TOKEN);
  t.equal(registered.status, 200);
  t.match(await registered.json(), { name: 'ws-1', role: 'device', os: 'linux' });
  t.equal((await fetch(`${base}/ws-1/work?waitSeconds=0`, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 204, 'no work: 204');

  const run = await w.fx.store.createRun({ task: 'Update', trigger: 'manual', status: 'running' });
  const result = { status: 'completed', files: 3, bytes: 1234, durationMs: 50, events: [{ type: 'BasesAreOutOfDate', message: 'old' }, { type: 'ApplicationRolledBack', message: 'rolled back' }] };
  const first = await post(`${base}/ws-1/runs/${run.id}/result`, result, TOKEN);
  t.same(await first.json(), { accepted: true, duplicate: false });
  const second = await post(`${base}/ws-1/runs/${run.id}/result`, { ...result, status: 'failed', reason: 'late copy' }, TOKEN);
  t.same(await second.json(), { accepted: true, duplicate: true }, 'the repeat is acknowledged and ignored');
  t.same((await w.fx.store.listDeviceResults(run.id)).map((r) => [r.device, r.status, r.bytes]), [['ws-1', 'completed', 1234]], 'one device result, the first');
  const events = await w.fx.store.listEvents({ subject: 'ws-1' });
  t.same(events.map((e) => e.type).sort(), ['ApplicationRolledBack', 'BasesAreOutOfDate'], 'one set of events, the device as subject');
  t.equal((await post(`${base}/ws-1/runs/no-such-run/result`, result, TOKEN)).status, 404, 'an unknown run');
  t.equal((await post(`${base}/ws-1/runs/${run.id}/result`, { status: 'maybe' }, TOKEN)).status, 400, 'a malformed result');
});

void t.test("an operator's cancel is told in the answers to progress and heartbeat; a controller's stop is not; results carry their source", async (t) => {
  const w = await makeWorld(t, {
    config: (fx, dpPort) => ({ 'sources.yaml': sourceYaml('vendor', fx.vendorUrl), 'groups.yaml': officeYaml(fx, dpPort, ['ws-1']), 'tasks.yaml': updateTaskYaml('Update', ['vendor']) }),
  });
  const base = `${w.api.url}/api/agents`;
  t.equal((await post(`${base}/register`, { name: 'ws-1', version: '1' }, TOKEN)).status, 200);
  const { store } = w.fx;
  const cancelled = await store.createRun({ task: 'Update', trigger: 'manual', status: 'cancelled' });
  await store.updateRun(cancelled.id, { reason: 'cancelled by alice@host (updops cancel)' });
  const stopped = await store.createRun({ task: 'Update', trigger: 'manual', status: 'cancelled' });
  await store.updateRun(stopped.id, { reason: CANCELLED_REASON });
  const running = await store.createRun({ task: 'Update', trigger: 'manual', status: 'running' });

  const beat = await post(`${base}/ws-1/heartbeat`, { runs: [cancelled.id, stopped.id, running.id] }, TOKEN);
  t.match(await beat.json(), { name: 'ws-1', cancel: [{ runId: cancelled.id, reason: 'cancelled by alice@host (updops cancel)' }] }, 'only the run an operator cancelled');
  t.same(((await (await post(`${base}/ws-1/heartbeat`, {}, TOKEN)).json()) as { cancel: unknown[] }).cancel, [], 'no runs, no notices');
  t.equal((await post(`${base}/ws-1/heartbeat`, { runs: ['../x'] }, TOKEN)).status, 400, 'runs must be run ids');

  const progress = await post(`${base}/ws-1/runs/${cancelled.id}/progress`, { files: 1, bytes: 10 }, TOKEN);
  t.same(await progress.json(), { accepted: false, cancel: { runId: cancelled.id, reason: 'cancelled by alice@host (updops cancel)' } });
  t.same(await (await post(`${base}/ws-1/runs/${stopped.id}/progress`, { files: 1, bytes: 10 }, TOKEN)).json(), { accepted: false }, "a controller's stop: the agent goes on");
  t.same(await store.listDeviceResults(cancelled.id), [], 'the progress of a cancelled run records nothing');

  const result = { status: 'completed', files: 3, bytes: 30, durationMs: 5, events: [], source: 'good', fallbackReason: 'broken: SOURCE_UNREACHABLE: connect ECONNREFUSED' };
  t.equal((await post(`${base}/ws-1/runs/${running.id}/result`, result, TOKEN)).status, 200);
  t.match(await store.listDeviceResults(running.id), [{ device: 'ws-1', status: 'completed', source: 'good', fallbackReason: 'broken: SOURCE_UNREACHABLE: connect ECONNREFUSED' }]);
});
