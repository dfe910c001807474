/**
 * The console's HTTP edge without a browser (src/controller/api/console.ts), against the API
 * server on 127.0.0.1 with the fake controller: every page answers HTML with the strict CSP and
 * escapes names; actions need the token (bearer, or a session plus its CSRF field and a matching
 * Origin); cancel from a run's form; a forged, expired or old-token cookie is no session; off
 * loopback, pages ask to log in.
 */
import t from 'tap';
import type { Test } from 'tap';
import { bindApiListener, createApiServer } from '../../src/controller/api/index.js';
import { csrfFor, makeSession, SESSION_MS } from '../../src/controller/api/console.js';
import { isLoopbackHost as isLoopback } from '../../src/util/index.js';
import { fakeController } from '../controller/api-fake-controller.js';
import { TOKEN, auth, raw } from '../controller/api-request.js';

const EVIL = '<img src=x onerror=alert(1)>';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function setup(t: Test, host?: string) {
  const fake = await fakeController([{ name: EVIL, outcome: 'failed' }, { name: 'Nightly', outcome: 'completed' }, { name: 'Slow', outcome: 'completed', hold: true }]);
  const bound = await bindApiListener('127.0.0.1', 0);
  const listener = host ? { ...bound, host } : bound;
  const api = await createApiServer(fake.controller, { token: TOKEN, listener });
  t.teardown(async () => {
    await api.close();
    await fake.cleanup();
  });
  return { fake, url: bound.url, host: new URL(bound.url).host };
}

void t.test('every page is HTML under the strict CSP, names escaped, assets from the controller', async (t) => {
  const { fake, url } = await setup(t);
  const run = await fake.controller.runTask(EVIL, 'manual');
  await fake.controller.idle();
  for (const rel of ['/', '/groups', '/devices', '/devices/ws-1', '/tasks', '/runs', `/runs/${run.id}`, '/rollouts', '/events', '/plan', '/login']) {
    const res = await raw(url, 'GET', rel);
    t.equal(res.status, 200, rel);
    t.match(res.headers['content-type'], /^text\/html; charset=utf-8/);
    t.match(res.headers['content-security-policy'], /default-src 'none'; style-src 'self'; script-src 'self'/, `${rel}: strict CSP`);
    t.notMatch(res.text, /<img|onerror=alert\(1\)>/, `${rel}: the evil name is never markup`);
    t.notMatch(res.text, /(src|href)=["']?(https?:)?\/\//, `${rel}: no external asset`);
    t.notMatch(res.text, /<script>|<style>| style=/, `${rel}: nothing inline`);
  }
  t.match((await raw(url, 'GET', '/tasks')).text, '&lt;img src=x onerror=alert(1)&gt;');
  t.match((await raw(url, 'GET', `/runs/${run.id}`)).text, /dp-2.*failed/s);
  t.equal((await raw(url, 'GET', '/console.css')).headers['content-type'], 'text/css; charset=utf-8');
  t.equal((await raw(url, 'GET', '/console.js')).headers['content-type'], 'text/javascript; charset=utf-8');
  const missing = await raw(url, 'GET', '/devices/nobody');
  t.equal(missing.status, 404);
  t.match(missing.text, /<h1>Not found<\/h1>.*no device named nobody/s, 'an error is a page, not JSON');
  t.equal((await raw(url, 'GET', '/devices?page=0')).status, 400);
  t.equal((await raw(url, 'GET', '/api/status')).status, 200, 'the API is unchanged');
});

void t.test('actions: refused without the token, with a forged or stale session, without CSRF, from another origin; done with bearer or session', async (t) => {
  const { fake, url, host } = await setup(t);
  const runPath = '/tasks/Nightly/run';
  const runs = async (): Promise<number> => (await fake.store.listRuns({ task: 'Nightly' })).length;

  const anonymous = await raw(url, 'POST', runPath, { headers: FORM, body: '' });
  t.equal(anonymous.status, 401);
  t.match(anonymous.text, 'log in first');
  t.equal(await runs(), 0, 'nothing started');

  const session = makeSession(TOKEN, new Date());
  const csrf = csrfFor(TOKEN, session);
  const cookie = (value: string): Record<string, string> => ({ ...FORM, cookie: `updops_console=${value}` });
  const forged = makeSession('another-token', new Date());
  t.equal((await raw(url, 'POST', runPath, { headers: cookie(forged), body: `csrf=${csrfFor('another-token', forged)}` })).status, 401, 'a cookie made with another token');
  const expired = makeSession(TOKEN, new Date(Date.now() - SESSION_MS - 1000));
  t.equal((await raw(url, 'POST', runPath, { headers: cookie(expired), body: `csrf=${csrfFor(TOKEN, expired)}` })).status, 401, 'an expired session');
  t.equal((await raw(url, 'POST', runPath, { headers: cookie(session), body: '' })).status, 403, 'a session without the CSRF field');
  t.equal((await raw(url, 'POST', runPath, { headers: cookie(session), body: `csrf=${csrfFor(TOKEN, expired)}` })).status, 403, 'another session’s CSRF field');
  t.equal((await raw(url, 'POST', runPath, { headers: { ...cookie(session), origin: 'http://evil.example' }, body: `csrf=${csrf}` })).status, 403, 'another origin');
  t.equal((await raw(url, 'POST', runPath, { headers: { ...FORM, ...auth('wrong') }, body: '' })).status, 401, 'a wrong bearer token');
  t.equal(await runs(), 0, 'still nothing started');

  const done = await raw(url, 'POST', runPath, { headers: { ...cookie(session), origin: `http://${host}` }, body: `csrf=${csrf}` });
  t.equal(done.status, 303);
  t.match(done.headers.location, /^\/runs\/[A-Za-z0-9_-]+\?done=started$/);
  const bearer = await raw(url, 'POST', runPath, { headers: auth() });
  t.equal(bearer.status, 303, 'a script with the bearer token needs no session');
  await fake.controller.idle();
  t.equal(await runs(), 2);

  // Cancel a running run from its page's form; a second cancel is a 409 page.
  const slow = await fake.controller.runTask('Slow', 'manual');
  const runPage = await raw(url, 'GET', `/runs/${slow.id}`, { headers: { cookie: `updops_console=${session}` } });
  t.match(runPage.text, `action="/runs/${slow.id}/cancel"`, 'a running run offers cancel');
  t.match(runPage.text, 'data-refresh="3"', 'and reloads itself (with JavaScript on)');
  const cancelled = await raw(url, 'POST', `/runs/${slow.id}/cancel`, { headers: cookie(session), body: `csrf=${csrf}` });
  t.equal(cancelled.status, 303);
  t.equal(cancelled.headers.location, `/runs/${slow.id}?done=cancelled`);
  t.match(await fake.store.getRun(slow.id), { status: 'cancelled', reason: 'cancelled by the web console' });
  const again = await raw(url, 'POST', `/runs/${slow.id}/cancel`, { headers: cookie(session), body: `csrf=${csrf}` });
  t.equal(again.status, 409);
  t.match(again.text, /already ended cancelled/);
  fake.controller.release('Slow');

  const login = await raw(url, 'POST', '/login', { headers: FORM, body: `token=${encodeURIComponent(TOKEN)}&next=${encodeURIComponent('//evil.example/')}` });
  t.equal(login.status, 303);
  t.equal(login.headers.location, '/', 'next never leaves this origin');
  t.match(String(login.headers['set-cookie']), /^updops_console=\d+\.[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800$/);
  t.notMatch(String(login.headers['set-cookie']), TOKEN);
  t.equal((await raw(url, 'POST', '/login', { headers: FORM, body: 'token=nope' })).status, 401);
  const page = await raw(url, 'GET', '/tasks', { headers: { cookie: String(login.headers['set-cookie']).split(';')[0]! } });
  t.match(page.text, /name="csrf" value="[A-Za-z0-9_-]{43}"/, 'a logged-in page carries the CSRF field in its forms');
});

void t.test('off loopback, pages need a session; isLoopbackHost (util, the one loopback check) knows the loopback forms', async (t) => {
  const { url } = await setup(t, '10.1.2.3');
  const res = await raw(url, 'GET', '/devices?group=a');
  t.equal(res.status, 303);
  t.equal(res.headers.location, `/login?next=${encodeURIComponent('/devices?group=a')}`);
  t.equal((await raw(url, 'GET', '/login')).status, 200, 'the login page itself is open');
  const cookie = `updops_console=${makeSession(TOKEN, new Date())}`;
  t.equal((await raw(url, 'GET', '/devices', { headers: { cookie } })).status, 200);
  for (const h of ['127.0.0.1', '127.9.9.9', '::1', '[::1]', '::ffff:127.0.0.1', 'localhost']) t.ok(isLoopback(h), h);
  for (const h of ['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', '127.0.0.1.evil']) t.notOk(isLoopback(h), h);
});

void t.test('the rollouts page: waves with their devices, failed first; a halted rollout resumes from its form, once', async (t) => {
  const { fake, url, host } = await setup(t);
  const devices = Array.from({ length: 60 }, (_, i) => ({ name: `ws-${String(i + 1).padStart(2, '0')}`, os: 'linux' }));
  const group = { kind: 'Group', name: 'fleet', spec: { metadata: { name: 'fleet' }, spec: { devices } } };
  const task = { kind: 'Task', name: 'Install', spec: { metadata: { name: 'Install' }, spec: { type: 'Update', version: '1', scope: { group: 'fleet' }, schedule: { kind: 'manual' } } } };
  const waves = [{ name: 'pilot', devices: ['ws-01', 'ws-02'], errorThreshold: 0, pendingTimeout: '30s' }, { name: 'broad', percent: 100 }];
  const rollout = { kind: 'Rollout', name: EVIL, spec: { metadata: { name: EVIL }, spec: { task: 'Install', version: '2', waves } } };
  await fake.store.applyChanges({ commit: 'b1b2c3d4e5f6a7b8c9d0', dirty: false, upserts: [group, task, rollout], deletes: [], plan: {}, summary: 'a rollout' });
  const at = new Date().toISOString();
  await fake.store.putRollout({
    name: EVIL,
    specHash: 'h',
    version: '2',
    wave: 0,
    status: 'halted',
    waveStartedAt: at,
    halted: { at, reason: 'wave pilot: 1 of 2 failed (more than 0%): ws-02: the health check failed' },
    devices: { 'ws-01': { wave: 0, outcome: 'succeeded', at }, 'ws-02': { wave: 0, outcome: 'failed', reason: 'the health check failed', at } },
    updatedAt: at,
  });

  const session = makeSession(TOKEN, new Date());
  const headers = { cookie: `updops_console=${session}` };
  const page = await raw(url, 'GET', '/rollouts', { headers });
  t.equal(page.status, 200);
  t.notMatch(page.text, /<img/, 'the evil name is never markup');
  t.match(page.text, /<h2 id="rollout-&lt;img[^"]*">&lt;img src=x onerror=alert\(1\)&gt;<\/h2>/);
  t.match(page.text, /badge bad">halted<\/span> at wave 1 of 2/);
  t.match(page.text, 'wave pilot: 1 of 2 failed');
  t.match(page.text, /<th scope="row">1\. pilot<\/th><td><span class="badge bad">halted<\/span><\/td><td class="num">2<\/td><td class="num">1<\/td><td class="num">1<\/td><td class="num">0<\/td>/, 'wave 1: 2 devices, 1 healthy, 1 failed');
  t.match(page.text, /<th scope="row">2\. broad<\/th><td><span class="badge neutral">waiting<\/span><\/td><td class="num">58<\/td>/, 'wave 2 takes the other 58, not admitted');
  const pilot = page.text.slice(page.text.indexOf('-wave-1">'), page.text.indexOf('-wave-2">'));
  t.ok(pilot.indexOf('ws-02') < pilot.indexOf('ws-01') && pilot.indexOf('ws-02') > 0, 'the failed device first');
  t.match(pilot, /ws-02<\/a><\/th><td><span class="badge bad">failed<\/span><\/td><td>the health check failed<\/td>/);
  const broad = page.text.slice(page.text.indexOf('-wave-2">'));
  t.equal(broad.match(/not admitted/g)?.length, 50, 'a wave lists 50 devices');
  t.match(broad, 'and 8 more devices');
  t.match(page.text, /No download task verifies its releases/);
  const form = /action="(\/rollouts\/[^"]+\/resume)"/.exec(page.text);
  t.ok(form, 'a halted rollout offers Resume');
  t.match((await raw(url, 'GET', '/')).text, /<h2 id="rollouts-h">Rollouts<\/h2>.*badge bad">halted/s, 'the overview shows it');

  const action = form![1]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  const refused = await raw(url, 'POST', action, { headers: FORM, body: '' });
  t.equal(refused.status, 401, 'no session, no resume');
  t.equal((await fake.store.getRollout(EVIL))?.status, 'halted', 'still halted');
  const resumed = await raw(url, 'POST', action, { headers: { ...FORM, ...headers, origin: `http://${host}` }, body: `csrf=${csrfFor(TOKEN, session)}` });
  t.equal(resumed.status, 303);
  t.equal(resumed.headers.location, `/rollouts?done=resumed#rollout-${encodeURIComponent(EVIL)}`);
  t.match(await fake.store.getRollout(EVIL), { status: 'progressing', resumed: { by: 'the web console' } });
  const after = await raw(url, 'GET', String(resumed.headers.location).split('#')[0]!, { headers });
  t.match(after.text, /role="status">Rollout resumed/);
  t.match(after.text, /badge neutral">progressing/);
  t.match(after.text, 'by the web console');
  t.notMatch(after.text, /\/resume"/, 'no Resume on a progressing rollout');
  t.match(after.text, 'data-refresh="5"', 'and the page reloads itself while it progresses');
  const again = await raw(url, 'POST', action, { headers: { ...FORM, ...headers }, body: `csrf=${csrfFor(TOKEN, session)}` });
  t.equal(again.status, 409);
  t.match(again.text, /is progressing, not halted: nothing to resume/);
});
