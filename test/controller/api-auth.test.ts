/**
 * docs/design.md 4: the API binds 127.0.0.1 by default and every mutating call needs the bearer token.
 * Without it nothing starts: no controller call, no run, no event in the (real) state store.
 * Logs carry one line per request and never the token or an Authorization header.
 */
import { Writable } from 'node:stream';
import t from 'tap';
import type { Test } from 'tap';
import { createApiServer, type ApiServerOptions } from '../../src/controller/api/index.js';
import { createLogger } from '../../src/controller/logging.js';
import { fakeController } from './api-fake-controller.js';
import { TOKEN, auth, raw, taskPath } from './api-request.js';

async function setup(t: Test, options: ApiServerOptions = { token: TOKEN }) {
  const fake = await fakeController();
  const api = await createApiServer(fake.controller, options);
  t.teardown(async () => {
    await api.close();
    await fake.cleanup();
  });
  return { ...fake, api };
}

const MUTATING: { name: string; path: string; body?: string }[] = [
  { name: 'run a task', path: taskPath('Download updates for Berlin') },
  { name: 'outbreak', path: '/api/events/outbreak', body: '{"applicationType":"workstationsAndFileServers"}' },
  { name: 'git webhook', path: '/hooks/git' },
];

const WRONG: [string, Record<string, string>][] = [
  ['no Authorization header', {}],
  ['a wrong token', auth('not-the-token')],
  ['the token with one character more', auth(`${TOKEN}x`)],
  ['a prefix of the token', auth(TOKEN.slice(0, -1))],
  ['the token without "Bearer"', { authorization: TOKEN }],
  ['Basic auth', { authorization: `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}` }],
  ['an empty bearer', { authorization: 'Bearer ' }],
];

void t.test('each mutating call without the right token → 401 and nothing started', async (t) => {
  const { api, controller } = await setup(t);
  for (const call of MUTATING) {
    for (const [label, headers] of WRONG) {
      const res = await raw(api.url, 'POST', call.path, { headers: { ...headers, 'content-type': 'application/json' }, ...(call.body ? { body: call.body } : {}) });
      t.equal(res.status, 401, `${call.name}, ${label}`);
      t.equal(res.json.error.code, 'UNAUTHORIZED');
      t.equal(res.headers['www-authenticate'], 'Bearer realm="updops"');
    }
  }
  // Let a wrongly started background reconcile or run show itself before checking.
  await new Promise((resolve) => setTimeout(resolve, 50));
  await controller.idle();
  t.same({ runTask: controller.calls.runTask, outbreak: controller.calls.outbreak, reconcileNow: controller.calls.reconcileNow }, { runTask: 0, outbreak: 0, reconcileNow: 0 });
  t.same(await controller.recorded(), { runs: 0, events: 0 });
});

void t.test('an unknown task or a bad body without the token is still 401: auth comes before anything is read', async (t) => {
  const { api, controller } = await setup(t);
  t.equal((await raw(api.url, 'POST', taskPath('No such task'))).status, 401);
  t.equal((await raw(api.url, 'POST', '/api/events/outbreak', { body: '{' })).status, 401);
  t.equal((await raw(api.url, 'POST', '/api/events/outbreak', { body: 'x'.repeat(100 * 1024) })).status, 401);
  t.equal(controller.calls.runTask + controller.calls.outbreak, 0);
});

void t.test('with the right token each mutating call → 202', async (t) => {
  const { api, controller } = await setup(t);
  for (const call of MUTATING) {
    const res = await raw(api.url, 'POST', call.path, { headers: { ...auth(), 'content-type': 'application/json' }, ...(call.body ? { body: call.body } : {}) });
    t.equal(res.status, 202, call.name);
    await controller.idle();
  }
  // The bearer scheme is case-insensitive (RFC 7235).
  t.equal((await raw(api.url, 'POST', '/hooks/git', { headers: { authorization: `bearer ${TOKEN}` } })).status, 202);
  t.same({ runTask: controller.calls.runTask, outbreak: controller.calls.outbreak, reconcileNow: controller.calls.reconcileNow }, { runTask: 2, outbreak: 1, reconcileNow: 2 });
  t.same((await controller.recorded()).runs, 2);
});

void t.test('no token configured: every POST → 401 saying how to set one; reads still work', async (t) => {
  const { api, controller } = await setup(t, {});
  for (const call of MUTATING) {
    const res = await raw(api.url, 'POST', call.path, { headers: auth(), ...(call.body ? { body: call.body } : {}) });
    t.equal(res.status, 401, call.name);
    t.match(res.json.error.message, /UPDOPS_TOKEN.*--token-file/);
  }
  t.equal((await raw(api.url, 'GET', '/api/status')).status, 200);
  t.same(await controller.recorded(), { runs: 0, events: 0 });
  t.equal(controller.calls.reconcileNow, 0);
});

void t.test('the server binds 127.0.0.1 by default', async (t) => {
  const { api } = await setup(t);
  const address = api.server.address();
  t.match(address, { address: '127.0.0.1', family: 'IPv4' });
  t.match(api.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  t.not(api.port, 0);
});

function capture(): { stream: Writable; text: () => string; lines: () => Record<string, unknown>[] } {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out += chunk.toString('utf8');
      done();
    },
  });
  return { stream, text: () => out, lines: () => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

void t.test('one JSON log line per request (method, path, status, ms); never the token, the header or the body', async (t) => {
  const logs = capture();
  const logger = createLogger({ level: 'info', destination: logs.stream });
  const { api, controller } = await setup(t, { token: TOKEN, logger });
  const bodyMarker = 'BODY-MARKER-0042';
  await raw(api.url, 'GET', '/healthz?x=1');
  await raw(api.url, 'POST', taskPath('Broken task'), { headers: auth() });
  await raw(api.url, 'POST', '/hooks/git', { headers: auth('wrong-token-value') });
  await raw(api.url, 'POST', '/api/events/outbreak', { headers: auth(), body: JSON.stringify({ applicationType: 'mail', note: bodyMarker }) });
  await controller.idle();
  const requests = logs.lines().filter((l) => l.msg === 'request');
  t.same(
    requests.map((l) => [l.method, l.path, l.status]),
    [
      ['GET', '/healthz', 200],
      ['POST', '/api/tasks/Broken%20task/run', 202],
      ['POST', '/hooks/git', 401],
      ['POST', '/api/events/outbreak', 202],
    ],
  );
  for (const line of requests) {
    t.type(line.ms, 'number');
    t.equal(line.level, 30, 'info');
  }
  t.notMatch(logs.text(), TOKEN);
  t.notMatch(logs.text(), 'wrong-token-value');
  t.notMatch(logs.text(), /Bearer/i);
  t.notMatch(logs.text(), bodyMarker);
});

void t.test('the logger redacts authorization, password, token, bearerToken, credentials and secret fields at any of three levels', async (t) => {
  const logs = capture();
  const logger = createLogger({ destination: logs.stream });
  logger.info({ authorization: 'Bearer AAA', token: 'BBB', source: { password: 'CCC', credentials: 'DDD', spec: { bearerToken: 'FFF' } }, a: { b: { secret: 'EEE' } } }, 'fields');
  const text = logs.text();
  for (const value of ['AAA', 'BBB', 'CCC', 'DDD', 'EEE', 'FFF']) t.notMatch(text, value);
  t.match(logs.lines()[0], { authorization: '[redacted]', source: { password: '[redacted]' }, a: { b: { secret: '[redacted]' } } });
});
