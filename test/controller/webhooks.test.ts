/**
 * The webhook receivers (src/controller/api/webhooks.ts, hooks.ts), focused: each forge's delivery
 * is recognised by its headers (Gitea and Forgejo before GitHub, whose headers they also send), the
 * signature is what the forge computes (GitHub's documented test vector), a wrong, missing or
 * re-serialized one is one 401 with nothing started, only a push to the followed ref reconciles,
 * replays are answered once, and the secret never reaches a response or a log line.
 * The same through a real `updops controller` process: test/e2e/webhooks.test.ts.
 */
import { Writable } from 'node:stream';
import t from 'tap';
import type { Test } from 'tap';
import { createApiServer, type ApiServerOptions } from '../../src/controller/api/index.js';
import { followsRef, RecentDeliveries } from '../../src/controller/api/hooks.js';
import { GITHUB, GITEA, GITLAB, parsePayload, recogniseDelivery } from '../../src/controller/api/webhooks.js';
import { createLogger } from '../../src/controller/logging.js';
import { fakeController } from './api-fake-controller.js';
import { TOKEN, auth, raw } from './api-request.js';
import { gitea, github, gitlab, payload } from './helpers/webhooks.js';

const SECRET = 'whsec-Zq8-never-in-a-log-4711';

async function setup(t: Test, options: ApiServerOptions = { token: TOKEN, webhookSecret: SECRET }, ref: string | undefined = 'main') {
  const fake = await fakeController();
  if (ref !== undefined) Object.defineProperty(fake.controller, 'ref', { value: ref });
  const api = await createApiServer(fake.controller, options);
  t.teardown(async () => {
    await api.close();
    await fake.cleanup();
  });
  return { ...fake, api };
}

const post = (url: string, headers: Record<string, string>, body: Buffer | string) => raw(url, 'POST', '/hooks/git', { headers, body });

void t.test("GitHub's signature is HMAC-SHA256 of the raw body, as in GitHub's documented test vector", async (t) => {
  t.equal(GITHUB.expectedSignature(Buffer.from('Hello, World!'), "It's a Secret to Everybody"), 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17');
  t.equal(GITEA.expectedSignature(Buffer.from('Hello, World!'), "It's a Secret to Everybody"), '757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17', 'Gitea: the bare hex digest');
  t.equal(GITLAB.expectedSignature(Buffer.from('anything'), SECRET), SECRET, 'GitLab sends the secret itself');
});

void t.test('deliveries are recognised by their headers; Gitea and Forgejo (which also send GitHub headers) as Gitea', async (t) => {
  const body = payload('github-push');
  t.match(recogniseDelivery(github('push', body, { id: 'gh-1', secret: SECRET })), { receiver: GITHUB, delivery: { forge: 'GitHub', event: 'push', id: 'gh-1', signature: /^sha256=[0-9a-f]{64}$/ } });
  t.match(recogniseDelivery(gitlab(body, { id: 'gl-1', secret: SECRET })), { receiver: GITLAB, delivery: { forge: 'GitLab', event: 'Push Hook', id: 'gl-1', signature: SECRET } });
  const noIdempotencyKey = gitlab(body, { secret: SECRET });
  delete noIdempotencyKey['idempotency-key'];
  t.equal(recogniseDelivery(noIdempotencyKey)?.delivery.id, noIdempotencyKey['x-gitlab-event-uuid'], 'GitLab before 17.4: X-Gitlab-Event-UUID is the id');
  t.match(recogniseDelivery(gitea('push', body, { id: 'gt-1', secret: SECRET })), { receiver: GITEA, delivery: { forge: 'Gitea', event: 'push', id: 'gt-1', signature: /^[0-9a-f]{64}$/ } });
  t.match(recogniseDelivery(gitea('push', body, { id: 'fj-1', secret: SECRET, forgejo: true })), { receiver: GITEA, delivery: { forge: 'Gitea', id: 'fj-1' } });
  t.match(recogniseDelivery({ 'x-gogs-event': 'push', 'x-gogs-delivery': 'gg-1', 'x-gogs-signature': 'AB' }), { receiver: GITEA, delivery: { id: 'gg-1', signature: 'ab' } });
  t.equal(recogniseDelivery({ authorization: `Bearer ${TOKEN}` }), undefined, 'a script: no forge');
  t.equal(recogniseDelivery(github('push', body, { secret: null }))?.delivery.signature, undefined);
});

void t.test('what a payload asks for: push (ref, deleted), ping, anything else', async (t) => {
  const json = (name: Parameters<typeof payload>[0], ref?: string): unknown => JSON.parse(payload(name, ref).toString());
  t.same(GITHUB.change('push', json('github-push')), { kind: 'push', ref: 'refs/heads/main', deleted: false, defaultBranch: 'main' });
  t.same(GITHUB.change('ping', json('github-ping')), { kind: 'ping' });
  t.same(GITHUB.change('issues', {}), { kind: 'other' });
  t.match(GITHUB.change('push', { ref: 'refs/heads/main', deleted: true, after: '0'.repeat(40) }), { kind: 'push', deleted: true });
  t.same(GITLAB.change('Push Hook', json('gitlab-push')), { kind: 'push', ref: 'refs/heads/main', deleted: false, defaultBranch: 'main' });
  t.match(GITLAB.change('Tag Push Hook', { object_kind: 'tag_push', ref: 'refs/tags/v1', after: 'ab12' }), { kind: 'push', ref: 'refs/tags/v1' });
  t.match(GITLAB.change('System Hook', { event_name: 'push', ref: 'refs/heads/main', after: 'ab12' }), { kind: 'push' });
  t.match(GITLAB.change('Push Hook', { object_kind: 'push', ref: 'refs/heads/main', after: '0'.repeat(40) }), { deleted: true });
  t.same(GITLAB.change('Merge Request Hook', { object_kind: 'merge_request' }), { kind: 'other' });
  t.same(GITEA.change('push', json('gitea-push')), { kind: 'push', ref: 'refs/heads/main', deleted: false, defaultBranch: 'main' });
  t.same(GITEA.change('create', {}), { kind: 'other' });
  t.same(GITHUB.change('push', { after: 'ab12' }), { kind: 'other' }, 'a push without a ref');
});

void t.test('the followed ref: short or full branch name, a followed tag; a controller without a ref follows the default branch', async (t) => {
  const at = (ref: string, defaultBranch?: string) => ({ kind: 'push' as const, ref, deleted: false, defaultBranch });
  t.ok(followsRef('main', at('refs/heads/main')));
  t.ok(followsRef('refs/heads/main', at('refs/heads/main')));
  t.notOk(followsRef('main', at('refs/heads/dev')));
  t.notOk(followsRef('main', at('refs/tags/main-2')));
  t.notOk(followsRef('main', at('refs/heads/main-old')));
  t.ok(followsRef('v2', at('refs/tags/v2')));
  t.notOk(followsRef('0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c', at('refs/heads/main')), 'a pinned commit never moves');
  t.ok(followsRef(undefined, at('refs/heads/trunk', 'trunk')));
  t.notOk(followsRef(undefined, at('refs/heads/dev', 'trunk')));
});

void t.test('recent deliveries: a bounded set, the oldest forgotten first', async (t) => {
  const recent = new RecentDeliveries(1000);
  for (let i = 0; i < 1001; i++) t.equal(recent.seen(`id-${i}`), false, `id-${i} is new`, { diagnostic: false });
  t.equal(recent.seen('id-1000'), true);
  t.equal(recent.seen('id-1'), true);
  t.equal(recent.seen('id-0'), false, 'the oldest was forgotten');
});

void t.test('a form-encoded payload (GitHub and Gitea offer it) is the JSON in its payload field', async (t) => {
  t.same(parsePayload(Buffer.from(`payload=${encodeURIComponent('{"ref":"refs/heads/main"}')}`), 'application/x-www-form-urlencoded'), { ref: 'refs/heads/main' });
  t.same(parsePayload(Buffer.from('{"ref":"x"}'), 'application/json'), { ref: 'x' });
  t.equal(parsePayload(Buffer.from('not json'), 'application/json'), undefined);
});

void t.test('correct signatures: a push to main → 202 and one reconcile per forge; ping → 200 without one', async (t) => {
  const { api, controller } = await setup(t);
  const cases: [string, Record<string, string>, Buffer][] = [
    ['GitHub', github('push', payload('github-push'), { secret: SECRET }), payload('github-push')],
    ['GitLab', gitlab(payload('gitlab-push'), { secret: SECRET }), payload('gitlab-push')],
    ['Gitea', gitea('push', payload('gitea-push'), { secret: SECRET }), payload('gitea-push')],
    ['Forgejo', gitea('push', payload('gitea-push'), { secret: SECRET, forgejo: true }), payload('gitea-push')],
  ];
  for (const [name, headers, body] of cases) {
    const res = await post(api.url, headers, body);
    t.equal(res.status, 202, name);
    t.match(res.json, { accepted: true, ref: 'refs/heads/main' }, name);
  }
  t.equal(controller.calls.reconcileNow, 4);
  const ping = await post(api.url, github('ping', payload('github-ping'), { secret: SECRET }), payload('github-ping'));
  t.equal(ping.status, 200);
  t.same(ping.json, { ping: true, forge: 'GitHub' });
  t.equal(controller.calls.reconcileNow, 4, 'ping reconciles nothing');
  const form = Buffer.from(`payload=${encodeURIComponent(payload('github-push').toString())}`);
  const formed = await post(api.url, { ...github('push', form, { secret: SECRET }), 'content-type': 'application/x-www-form-urlencoded' }, form);
  t.equal(formed.status, 202, 'a form-encoded GitHub push');
  await controller.idle();
});

void t.test('wrong, missing or re-serialized signatures → one 401, nothing reconciled', async (t) => {
  const { api, controller } = await setup(t);
  const gh = payload('github-push');
  const reserialized = Buffer.from(JSON.stringify(JSON.parse(gh.toString())));
  const tampered = payload('github-push', 'refs/heads/main ');
  const wrong: [string, Record<string, string>, Buffer][] = [
    ['GitHub, no signature', github('push', gh, { secret: null }), gh],
    ['GitHub, another secret', github('push', gh, { secret: `${SECRET}x` }), gh],
    ['GitHub, the same JSON re-serialized', github('push', gh, { secret: SECRET }), reserialized],
    ['GitHub, a changed body', github('push', gh, { secret: SECRET }), tampered],
    ['GitHub, the SHA-1 header only', { ...github('push', gh, { secret: null }), 'x-hub-signature': 'sha1=0123' }, gh],
    ['GitHub ping, no signature', github('ping', payload('github-ping'), { secret: null }), payload('github-ping')],
    ['GitHub, the bare hex digest (Gitea style)', { ...github('push', gh, { secret: SECRET }), 'x-hub-signature-256': GITEA.expectedSignature(gh, SECRET) }, gh],
    ['GitLab, no token', gitlab(payload('gitlab-push'), { secret: null }), payload('gitlab-push')],
    ['GitLab, a prefix of the token', gitlab(payload('gitlab-push'), { secret: SECRET.slice(0, -1) }), payload('gitlab-push')],
    ['GitLab, the HMAC instead of the token', { ...gitlab(payload('gitlab-push'), { secret: null }), 'x-gitlab-token': GITEA.expectedSignature(payload('gitlab-push'), SECRET) }, payload('gitlab-push')],
    ['Gitea, no signature', gitea('push', payload('gitea-push'), { secret: null }), payload('gitea-push')],
    ['Gitea, another secret', gitea('push', payload('gitea-push'), { secret: 'other' }), payload('gitea-push')],
    ['Forgejo, another secret', gitea('push', payload('gitea-push'), { secret: 'other', forgejo: true }), payload('gitea-push')],
    ['Gitea, a right GitHub signature but a wrong Gitea one', { ...gitea('push', payload('gitea-push'), { secret: 'other' }), 'x-hub-signature-256': GITHUB.expectedSignature(payload('gitea-push'), SECRET) }, payload('gitea-push')],
  ];
  const messages = new Set<string>();
  for (const [label, headers, body] of wrong) {
    const res = await post(api.url, headers, body);
    t.equal(res.status, 401, label);
    t.equal(res.json?.error?.code, 'UNAUTHORIZED', label);
    messages.add(res.json?.error?.message as string);
    t.notMatch(res.text, SECRET, `${label}: the secret is not in the answer`);
  }
  t.same([...messages], ['missing or wrong webhook signature'], 'one message, whichever part was wrong');
  await new Promise((resolve) => setTimeout(resolve, 50));
  t.equal(controller.calls.reconcileNow, 0);
});

void t.test('other refs, tags, deletions and other events → 202 {ignored}, no reconcile', async (t) => {
  const { api, controller } = await setup(t);
  const sent: [string, Record<string, string>, Buffer, RegExp][] = [];
  const other = payload('github-push', 'refs/heads/dev');
  sent.push(['GitHub, another branch', github('push', other, { secret: SECRET }), other, /push to refs\/heads\/dev; the controller follows main/]);
  const tag = payload('github-push', 'refs/tags/v1.4.0');
  sent.push(['GitHub, a tag', github('push', tag, { secret: SECRET }), tag, /refs\/tags\/v1\.4\.0/]);
  const deleted = Buffer.from(payload('github-push').toString().replace('"deleted": false', '"deleted": true'));
  sent.push(['GitHub, main deleted', github('push', deleted, { secret: SECRET }), deleted, /deleting refs\/heads\/main/]);
  const issue = Buffer.from('{"action":"opened","issue":{"number":7}}');
  sent.push(['GitHub, an issue', github('issues', issue, { secret: SECRET }), issue, /GitHub event "issues" is not a push/]);
  const glOther = payload('gitlab-push', 'refs/heads/feature/x');
  sent.push(['GitLab, another branch', gitlab(glOther, { secret: SECRET }), glOther, /refs\/heads\/feature\/x/]);
  const mr = Buffer.from('{"object_kind":"merge_request"}');
  sent.push(['GitLab, a merge request', gitlab(mr, { secret: SECRET, event: 'Merge Request Hook' }), mr, /GitLab event "Merge Request Hook" is not a push/]);
  const gtOther = payload('gitea-push', 'refs/heads/dev');
  sent.push(['Gitea, another branch', gitea('push', gtOther, { secret: SECRET }), gtOther, /refs\/heads\/dev/]);
  for (const [label, headers, body, why] of sent) {
    const res = await post(api.url, headers, body);
    t.equal(res.status, 202, label);
    t.match(res.json, { ignored: why }, label);
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  t.equal(controller.calls.reconcileNow, 0);
});

void t.test('a replayed delivery (same id) reconciles once; the same id from another forge is another delivery', async (t) => {
  const { api, controller } = await setup(t);
  const body = payload('github-push');
  const headers = github('push', body, { id: '72d3162e-cc78-11e3-81ab-4c9367dc0958', secret: SECRET });
  t.match((await post(api.url, headers, body)).json, { accepted: true });
  const replay = await post(api.url, headers, body);
  t.equal(replay.status, 202);
  t.same(replay.json, { duplicate: true, delivery: '72d3162e-cc78-11e3-81ab-4c9367dc0958' });
  t.equal(controller.calls.reconcileNow, 1);
  const gl = payload('gitlab-push');
  t.match((await post(api.url, gitlab(gl, { id: '72d3162e-cc78-11e3-81ab-4c9367dc0958', secret: SECRET }), gl)).json, { accepted: true });
  t.equal(controller.calls.reconcileNow, 2);
  const forged = await post(api.url, github('push', body, { id: '72d3162e-cc78-11e3-81ab-4c9367dc0958', secret: 'other' }), body);
  t.equal(forged.status, 401, 'a replay with a wrong signature is still 401, not "duplicate"');
  await controller.idle();
});

void t.test('no webhook secret configured: a forge delivery → 401 saying how to set one; the bearer token still works', async (t) => {
  const { api, controller } = await setup(t, { token: TOKEN });
  const body = payload('github-push');
  const res = await post(api.url, github('push', body, { secret: 'whatever' }), body);
  t.equal(res.status, 401);
  t.match(res.json.error.message, /GitHub webhook arrived but no webhook secret is configured: set UPDOPS_WEBHOOK_SECRET or pass --webhook-secret-file/);
  t.equal(controller.calls.reconcileNow, 0);
  t.equal((await raw(api.url, 'POST', '/hooks/git', { headers: auth() })).status, 202, 'a script with the bearer token');
  t.equal((await raw(api.url, 'POST', '/hooks/git', { headers: auth(SECRET) })).status, 401, 'the webhook secret is not an API token');
  t.equal(controller.calls.reconcileNow, 1);
  await controller.idle();
});

void t.test('a webhook body over the limit → 413 before any signature work; the limit is its own (pushes are large)', async (t) => {
  const { api, controller } = await setup(t, { token: TOKEN, webhookSecret: SECRET, webhookBodyLimit: 4096 });
  const big = Buffer.from(JSON.stringify({ ref: 'refs/heads/main', padding: 'x'.repeat(8192) }));
  const res = await post(api.url, github('push', big, { secret: SECRET }), big);
  t.equal(res.status, 413);
  t.equal(controller.calls.reconcileNow, 0);
  const { api: api2 } = await setup(t);
  const large = Buffer.from(JSON.stringify({ ...JSON.parse(payload('github-push').toString()), padding: 'x'.repeat(200 * 1024) }));
  t.equal((await post(api2.url, github('push', large, { secret: SECRET }), large)).status, 202, 'a 200 KiB push is accepted by default');
});

void t.test('the secret never reaches a log line; each webhook is one log line with forge, event, delivery and outcome', async (t) => {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out += chunk.toString('utf8');
      done();
    },
  });
  const logger = createLogger({ level: 'info', destination: stream });
  const { api, controller } = await setup(t, { token: TOKEN, webhookSecret: SECRET, logger });
  const body = payload('gitlab-push');
  await post(api.url, gitlab(body, { id: 'gl-log-1', secret: SECRET }), body);
  await post(api.url, gitlab(body, { id: 'gl-log-2', secret: `${SECRET}-wrong` }), body);
  const gh = payload('github-push', 'refs/heads/dev');
  await post(api.url, github('push', gh, { id: 'gh-log-1', secret: SECRET }), gh);
  await controller.idle();
  t.notMatch(out, SECRET);
  const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  t.match(lines.filter((l) => l.msg === 'webhook'), [
    { forge: 'GitLab', event: 'Push Hook', delivery: 'gl-log-1', outcome: 'reconcile', ref: 'refs/heads/main' },
    { forge: 'GitHub', event: 'push', delivery: 'gh-log-1', outcome: 'ignored' },
  ]);
  t.same(lines.filter((l) => l.msg === 'request').map((l) => l.status), [202, 401, 202]);
});
