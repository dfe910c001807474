/** The controller API's routes (docs/design.md 4): happy paths, JSON shapes and 400/404/405/413. */
import t from 'tap';
import type { Test } from 'tap';
import { createApiServer } from '../../src/controller/api/index.js';
import { fakeController } from './api-fake-controller.js';
import { TOKEN, auth, raw, taskPath } from './api-request.js';

async function setup(t: Test) {
  const fake = await fakeController();
  const api = await createApiServer(fake.controller, { token: TOKEN });
  t.teardown(async () => {
    await api.close();
    await fake.cleanup();
  });
  return { ...fake, api, get: (path: string) => raw(api.url, 'GET', path) };
}

void t.test('GET /healthz answers 200 {status: "ok"} as JSON', async (t) => {
  const { get } = await setup(t);
  const res = await get('/healthz');
  t.equal(res.status, 200);
  t.match(res.headers['content-type'], /^application\/json/);
  t.same(res.json, { status: 'ok', leader: true });
});

void t.test('GET /api/status is the controller status report', async (t) => {
  const { get, controller } = await setup(t);
  const res = await get('/api/status');
  t.equal(res.status, 200);
  t.same(res.json, JSON.parse(JSON.stringify(await controller.status())));
  t.equal(res.json.lastApplied.commit, 'a1b2c3d4e5f6a7b8c9d0');
  t.same(res.json.tasks.map((task: { name: string }) => task.name).sort(), ['Broken task', 'Download updates for Berlin', 'Slow task']);
});

void t.test('POST a task (name URL-encoded, with spaces) → 202 with the run; GET /api/runs/:id has per-device results', async (t) => {
  const { api, get, controller } = await setup(t);
  const started = await raw(api.url, 'POST', taskPath('Download updates for Berlin'), { headers: auth() });
  t.equal(started.status, 202);
  t.match(started.json.run, { task: 'Download updates for Berlin', trigger: 'manual', status: 'running', id: String });
  await controller.idle();
  const details = await get(`/api/runs/${started.json.run.id}`);
  t.equal(details.status, 200);
  t.match(details.json.run, { id: started.json.run.id, status: 'completed', finishedAt: String });
  t.same(
    details.json.results.map((r: { device: string; status: string }) => [r.device, r.status]),
    [
      ['dp-1', 'completed'],
      ['dp-2', 'completed'],
    ],
  );
  t.match(details.json.results[0], { runId: started.json.run.id, bytes: 1000, files: 3, durationMs: Number });
});

void t.test('GET /api/runs lists newest first, filters by task and honours limit', async (t) => {
  const { api, get, controller } = await setup(t);
  for (const name of ['Broken task', 'Download updates for Berlin', 'Broken task']) {
    t.equal((await raw(api.url, 'POST', taskPath(name), { headers: auth() })).status, 202);
    await controller.idle();
  }
  const all = await get('/api/runs');
  t.equal(all.status, 200);
  t.equal(all.json.runs.length, 3);
  const broken = await get(`/api/runs?task=${encodeURIComponent('Broken task')}`);
  t.same(broken.json.runs.map((r: { task: string; status: string }) => [r.task, r.status]), [
    ['Broken task', 'failed'],
    ['Broken task', 'failed'],
  ]);
  t.equal((await get('/api/runs?limit=1')).json.runs.length, 1);
  for (const bad of ['0', '-1', 'abc', '1001', '1.5']) {
    const res = await get(`/api/runs?limit=${bad}`);
    t.equal(res.status, 400, `limit=${bad}`);
    t.equal(res.json.error.code, 'BAD_REQUEST');
  }
});

void t.test('a task already running: the second POST is still 202, with a skipped run', async (t) => {
  const { api, controller } = await setup(t);
  const first = await raw(api.url, 'POST', taskPath('Slow task'), { headers: auth() });
  const second = await raw(api.url, 'POST', taskPath('Slow task'), { headers: auth() });
  t.equal(first.json.run.status, 'running');
  t.equal(second.status, 202);
  t.match(second.json.run, { status: 'skipped', reason: /already running/ });
  controller.release('Slow task');
  await controller.idle();
});

void t.test('unknown task → 404, unknown run → 404, unknown route → 404; errors are {error: {code, message}}', async (t) => {
  const { api, get } = await setup(t);
  const task = await raw(api.url, 'POST', taskPath('No such task'), { headers: auth() });
  t.equal(task.status, 404);
  t.match(task.json, { error: { code: 'NOT_FOUND', message: /No such task/ } });
  const run = await get('/api/runs/0b7c2f8e-0000-4000-8000-000000000000');
  t.equal(run.status, 404);
  t.match(run.json, { error: { code: 'NOT_FOUND', message: String } });
  for (const path of ['/nope', '/api', '/api/runs/x/y', '/api/tasks/a/stop', '//healthz', '/healthz/extra']) {
    const res = await get(path);
    t.equal(res.status, 404, path);
    t.match(res.headers['content-type'], /^application\/json/);
    t.equal(res.json.error.code, 'NOT_FOUND');
  }
});

void t.test('method mismatch → 405 with Allow', async (t) => {
  const { api } = await setup(t);
  const cases: [string, string, string][] = [
    ['POST', '/healthz', 'GET'],
    ['DELETE', '/api/runs', 'GET'],
    ['GET', taskPath('Broken task'), 'POST'],
    ['GET', '/hooks/git', 'POST'],
    ['PUT', '/api/events/outbreak', 'POST'],
  ];
  for (const [method, path, allow] of cases) {
    const res = await raw(api.url, method, path, { headers: auth() });
    t.equal(res.status, 405, `${method} ${path}`);
    t.equal(res.headers.allow, allow);
    t.equal(res.json.error.code, 'METHOD_NOT_ALLOWED');
  }
});

void t.test('GET /api/events lists events, filtered by type', async (t) => {
  const { api, get, controller } = await setup(t);
  await raw(api.url, 'POST', taskPath('Broken task'), { headers: auth() });
  await controller.idle();
  await raw(api.url, 'POST', '/api/events/outbreak', { headers: { ...auth(), 'content-type': 'application/json' }, body: '{"applicationType":"perimeter"}' });
  const all = await get('/api/events');
  t.equal(all.status, 200);
  t.same(all.json.events.map((e: { type: string }) => e.type), ['Outbreak', 'RunFailed']);
  const failed = await get('/api/events?type=RunFailed&limit=5');
  t.same(failed.json.events.map((e: { subject: string }) => e.subject), ['Broken task']);
  t.match(failed.json.events[0], { id: Number, time: String, message: String });
  t.equal((await get('/api/events?type=')).status, 400);
});

void t.test('POST /api/events/outbreak starts the tasks chosen for that type: 202 with the runs', async (t) => {
  const { api, controller } = await setup(t);
  const post = (body: string) => raw(api.url, 'POST', '/api/events/outbreak', { headers: { ...auth(), 'content-type': 'application/json' }, body });
  const res = await post(JSON.stringify({ applicationType: 'mail' }));
  t.equal(res.status, 202);
  t.equal(res.json.applicationType, 'mail');
  t.same(res.json.runs.map((r: { task: string; trigger: string }) => [r.task, r.trigger]), [['Broken task', 'outbreak']]);
  await controller.idle();
  const none = await post(JSON.stringify({ applicationType: 'perimeter' }));
  t.equal(none.status, 202);
  t.same(none.json.runs, []);
});

void t.test('outbreak with bad JSON or a bad applicationType → 400 and nothing started', async (t) => {
  const { api, controller } = await setup(t);
  for (const body of ['', '{', 'null', '[]', '"mail"', '{"applicationType":"printers"}', '{"applicationType":1}', '{}']) {
    const res = await raw(api.url, 'POST', '/api/events/outbreak', { headers: { ...auth(), 'content-type': 'application/json' }, body });
    t.equal(res.status, 400, JSON.stringify(body));
    t.equal(res.json.error.code, 'BAD_REQUEST');
  }
  t.equal(controller.calls.outbreak, 0);
  t.same(await controller.recorded(), { runs: 0, events: 0 });
});

void t.test('a body over 64 KiB → 413, by declared length and when streamed without one', async (t) => {
  const { api, controller } = await setup(t);
  const big = JSON.stringify({ applicationType: 'mail', padding: 'x'.repeat(70 * 1024) });
  const declared = await raw(api.url, 'POST', '/api/events/outbreak', { headers: { ...auth(), 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(big)) }, body: big });
  t.equal(declared.status, 413);
  t.equal(declared.json.error.code, 'PAYLOAD_TOO_LARGE');
  const chunked = await raw(api.url, 'POST', '/api/events/outbreak', { headers: { ...auth(), 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, body: big });
  t.equal(chunked.status, 413);
  t.equal(controller.calls.outbreak, 0);
  const small = await raw(api.url, 'POST', '/api/events/outbreak', { headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify({ applicationType: 'mail', padding: 'x'.repeat(60 * 1024) }) });
  t.equal(small.status, 202, 'just under the limit is accepted');
  await controller.idle();
});

void t.test('POST /hooks/git answers 202 {accepted: true} at once and reconciles in the background', async (t) => {
  const { api, controller } = await setup(t);
  controller.reconcileMs = 2000;
  const started = performance.now();
  const res = await raw(api.url, 'POST', '/hooks/git', { headers: auth() });
  t.equal(res.status, 202);
  t.same(res.json, { accepted: true });
  t.ok(performance.now() - started < 1000, 'did not wait for the reconcile');
  t.equal(controller.calls.reconcileNow, 1);
});

void t.test('HEAD on a GET route answers without a body', async (t) => {
  const { api } = await setup(t);
  const res = await raw(api.url, 'HEAD', '/healthz');
  t.equal(res.status, 200);
  t.equal(res.text, '');
});
