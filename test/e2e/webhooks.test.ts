/**
 * Forge webhooks through a real `updops controller` process (polling every hour, so only a webhook
 * can make it reconcile a new commit): recorded GitHub, GitLab and Gitea/Forgejo push payloads with
 * correct signatures reconcile at once (202, the commit applied), wrong or missing ones are 401 and
 * a push to another branch or a ping applies nothing, a replayed delivery reconciles once, and the
 * webhook secret is in no answer and no log line. A controller without a secret refuses forges
 * saying how to set one, and still takes the bearer token.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { groupYaml, makeFixture, taskYaml, type Fixture } from '../controller/helpers/fixture.js';
import { gitea, github, gitlab, payload } from '../controller/helpers/webhooks.js';
import { sourceYaml } from '../helpers/manifests.js';
import { runCli, startCli } from '../helpers/processes.js';

const LISTENING = /controller listening on (http:\/\/[^\s"]+)/;
const SECRET = 'whsec-e2e-5b1f0c9a-do-not-log';
const TOKEN = 'api-token-e2e-0123456789';
/** Long enough for a wrongly started reconcile to apply (one takes well under a second here). */
const QUIET_MS = 2_500;

interface Status {
  lastApplied: { commit: string | null } | null;
  reconcile: { condition: string; commit?: string; lastAttemptAt: string } | null;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - started;
}

function config(fx: Fixture): void {
  fx.write('groups.yaml', groupYaml('office', [{ name: 'dp-1' }], fx.repo));
  fx.write('sources.yaml', sourceYaml('vendor', { url: fx.vendorUrl, timeoutSeconds: 5 }));
  fx.write('tasks.yaml', taskYaml('Download', { scope: '{group: office}', schedule: '{kind: manual}' }));
}

/** A new commit on main that changes what is applied (one more manual task). */
function newCommit(fx: Fixture, n: number): string {
  fx.write(`tasks-${n}.yaml`, taskYaml(`Download ${n}`, { scope: '{group: office}', schedule: '{kind: manual}' }));
  return fx.commit(`task ${n}`);
}

void t.test('forge webhooks against a real controller: 202 + reconcile / 401 / 401, other refs ignored, replays once', async (t) => {
  const fx = await makeFixture(t);
  config(fx);
  const first = fx.commit('config');
  const secretFile = path.join(fx.dir, 'webhook-secret');
  writeFileSync(secretFile, `${SECRET}\n`);
  const state = path.join(fx.dir, 'controller.db');
  const controller = await startCli(t, ['controller', '--config', fx.config, '--state', state, '--listen', '127.0.0.1:0', '--poll', '1h', '--webhook-secret-file', secretFile], { line: LISTENING, cwd: fx.dir, env: { UPDOPS_TOKEN: TOKEN, UPDOPS_WEBHOOK_SECRET: undefined } });
  const url = controller.ready[1]!;
  const answers: string[] = [];
  const status = async (): Promise<Status> => (await (await fetch(`${url}/api/status`)).json()) as Status;
  const applied = async (): Promise<string | null | undefined> => (await status()).lastApplied?.commit;
  const send = async (headers: Record<string, string>, body: Buffer): Promise<{ status: number; json: Record<string, unknown> }> => {
    const res = await fetch(`${url}/hooks/git`, { method: 'POST', headers, body });
    const text = await res.text();
    answers.push(text);
    return { status: res.status, json: JSON.parse(text) as Record<string, unknown> };
  };
  const quiet = async (what: string, commit: string, attemptAt: string | undefined): Promise<void> => {
    await new Promise((r) => setTimeout(r, QUIET_MS));
    const now = await status();
    t.equal(now.lastApplied?.commit, commit, `${what}: nothing applied`);
    t.equal(now.reconcile?.lastAttemptAt, attemptAt, `${what}: no reconcile attempted`);
  };
  t.equal(await applied(), first, 'the first commit is applied at start');

  // GitHub: a new commit waits on main; wrong, missing, ping and other refs change nothing.
  const second = newCommit(fx, 2);
  const attemptAt = (await status()).reconcile?.lastAttemptAt;
  t.ok(attemptAt, 'GET /api/status has the reconcile condition with lastAttemptAt');
  const push = payload('github-push');
  t.equal((await send(github('push', push, { secret: null }), push)).status, 401, 'GitHub push without a signature');
  t.equal((await send(github('push', push, { secret: 'not-the-secret' }), push)).status, 401, 'GitHub push with a wrong signature');
  const ping = await send(github('ping', payload('github-ping'), { secret: SECRET }), payload('github-ping'));
  t.equal(ping.status, 200, 'GitHub ping');
  const dev = payload('github-push', 'refs/heads/dev');
  const ignored = await send(github('push', dev, { secret: SECRET }), dev);
  t.equal(ignored.status, 202);
  t.match(ignored.json, { ignored: /refs\/heads\/dev; the controller follows main/ });
  const tag = payload('github-push', 'refs/tags/v2.0.0');
  t.match((await send(github('push', tag, { secret: SECRET }), tag)).json, { ignored: /refs\/tags\/v2\.0\.0/ });
  await quiet('after 401s, a ping and pushes to other refs', first, attemptAt);

  const delivery = 'f0a4c7e2-0c2b-11f0-9a51-2d6c0e1b7a01';
  const sent = Date.now();
  const accepted = await send(github('push', push, { id: delivery, secret: SECRET }), push);
  t.equal(accepted.status, 202, 'a signed GitHub push to main');
  t.match(accepted.json, { accepted: true, forge: 'GitHub', ref: 'refs/heads/main' });
  await until('the GitHub push to apply the second commit', async () => (await applied()) === second);
  const githubMs = Date.now() - sent;
  t.ok(githubMs < 10_000, `applied ${githubMs} ms after the push (polling is hourly)`);
  t.match((await status()).reconcile, { condition: 'Ready', commit: second });

  // A replay of the same delivery (GitHub "Redeliver") reconciles nothing, even with a new commit waiting.
  const third = newCommit(fx, 3);
  const secondAttempt = (await status()).reconcile?.lastAttemptAt;
  const replay = await send(github('push', push, { id: delivery, secret: SECRET }), push);
  t.equal(replay.status, 202);
  t.same(replay.json, { duplicate: true, delivery });
  await quiet('after a replayed delivery', second, secondAttempt);

  // GitLab.
  const gl = payload('gitlab-push');
  t.equal((await send(gitlab(gl, { secret: null }), gl)).status, 401, 'GitLab push without a token');
  t.equal((await send(gitlab(gl, { secret: `${SECRET}-old` }), gl)).status, 401, 'GitLab push with a wrong token');
  const glDev = payload('gitlab-push', 'refs/heads/dev');
  t.match((await send(gitlab(glDev, { secret: SECRET }), glDev)).json, { ignored: /refs\/heads\/dev/ });
  await quiet('after GitLab 401s and a push to dev', second, secondAttempt);
  const glId = '8e3f2a10-5d1c-4b7e-9a0f-3c2d1e0f9b8a';
  t.equal((await send(gitlab(gl, { id: glId, secret: SECRET }), gl)).status, 202, 'a GitLab push to main with the token');
  await until('the GitLab push to apply the third commit', async () => (await applied()) === third);
  t.same((await send(gitlab(gl, { id: glId, secret: SECRET }), gl)).json, { duplicate: true, delivery: glId }, 'GitLab retry with the same Idempotency-Key');

  // Gitea, then Forgejo.
  const fourth = newCommit(fx, 4);
  const thirdAttempt = (await status()).reconcile?.lastAttemptAt;
  const gt = payload('gitea-push');
  t.equal((await send(gitea('push', gt, { secret: null }), gt)).status, 401, 'Gitea push without a signature');
  t.equal((await send(gitea('push', gt, { secret: 'not-the-secret' }), gt)).status, 401, 'Gitea push with a wrong signature');
  const gtDev = payload('gitea-push', 'refs/heads/dev');
  t.match((await send(gitea('push', gtDev, { secret: SECRET }), gtDev)).json, { ignored: /refs\/heads\/dev/ });
  await quiet('after Gitea 401s and a push to dev', third, thirdAttempt);
  t.equal((await send(gitea('push', gt, { secret: SECRET }), gt)).status, 202, 'a signed Gitea push to main');
  await until('the Gitea push to apply the fourth commit', async () => (await applied()) === fourth);
  const fifth = newCommit(fx, 5);
  t.equal((await send(gitea('push', gt, { secret: 'not-the-secret', forgejo: true }), gt)).status, 401, 'Forgejo push with a wrong signature');
  t.equal((await send(gitea('push', gt, { secret: SECRET, forgejo: true }), gt)).status, 202, 'a signed Forgejo push to main');
  await until('the Forgejo push to apply the fifth commit', async () => (await applied()) === fifth);

  // Scripts keep the bearer token.
  const sixth = newCommit(fx, 6);
  t.equal((await send({ authorization: `Bearer ${TOKEN}` }, Buffer.alloc(0))).status, 202, 'bearer token');
  await until('the bearer webhook to apply the sixth commit', async () => (await applied()) === sixth);

  t.equal((await controller.stop()).code, 0, 'SIGTERM stops it cleanly');
  const output = controller.output();
  t.notMatch(output, SECRET, 'the secret is in no log line');
  for (const text of answers) t.notMatch(text, SECRET, 'nor in any answer');
  const reconciles = output.split('\n').filter((l) => /reconciling [0-9a-f]{12} \(webhook\)/.test(l)).length;
  t.equal(reconciles, 5, 'five webhook reconciles applied a commit: GitHub, GitLab, Gitea, Forgejo, bearer — none for the replays');
  t.match(output, /"outcome":"duplicate","msg":"webhook"/, 'the replays are logged');
  t.comment(`GitHub push → applied in ${githubMs} ms`);
});

void t.test('a controller without a webhook secret refuses forge webhooks saying how to set one', async (t) => {
  const fx = await makeFixture(t);
  config(fx);
  fx.commit('config');
  const controller = await startCli(t, ['controller', '--config', fx.config, '--state', path.join(fx.dir, 'c.db'), '--listen', '127.0.0.1:0', '--poll', '1h'], { line: LISTENING, cwd: fx.dir, env: { UPDOPS_TOKEN: TOKEN, UPDOPS_WEBHOOK_SECRET: undefined } });
  const url = controller.ready[1]!;
  const body = payload('github-push');
  const res = await fetch(`${url}/hooks/git`, { method: 'POST', headers: github('push', body, { secret: SECRET }), body });
  t.equal(res.status, 401);
  t.match(((await res.json()) as { error: { message: string } }).error.message, /no webhook secret is configured: set UPDOPS_WEBHOOK_SECRET or pass --webhook-secret-file/);
  t.equal((await controller.stop()).code, 0);
});

void t.test('UPDOPS_WEBHOOK_SECRET works as the file does; an empty secret file is one usage error', async (t) => {
  const fx = await makeFixture(t);
  config(fx);
  fx.commit('config');
  const empty = path.join(fx.dir, 'empty-secret');
  writeFileSync(empty, '\n');
  const refused = await runCli(['controller', '--config', fx.config, '--state', path.join(fx.dir, 'e.db'), '--listen', '127.0.0.1:0', '--webhook-secret-file', empty], { t, cwd: fx.dir, timeoutMs: 10_000 });
  t.equal(refused.code, 1);
  t.match(refused.stderr.trim(), /^error: USAGE: the webhook secret file \S+ is empty$/);
  const controller = await startCli(t, ['controller', '--config', fx.config, '--state', path.join(fx.dir, 'c.db'), '--listen', '127.0.0.1:0', '--poll', '1h'], { line: LISTENING, cwd: fx.dir, env: { UPDOPS_WEBHOOK_SECRET: SECRET } });
  const url = controller.ready[1]!;
  const body = payload('gitea-push');
  const second = newCommit(fx, 2);
  const res = await fetch(`${url}/hooks/git`, { method: 'POST', headers: gitea('push', body, { secret: SECRET }), body });
  t.equal(res.status, 202);
  await until('the Gitea push to apply', async () => ((await (await fetch(`${url}/api/status`)).json()) as Status).lastApplied?.commit === second);
  t.equal((await controller.stop()).code, 0);
});

void t.test('a push webhook retries a failed commit at once, past its backoff', async (t) => {
  const fx = await makeFixture(t);
  config(fx);
  fx.commit('config');
  const controller = await startCli(t, ['controller', '--config', fx.config, '--state', path.join(fx.dir, 'c.db'), '--listen', '127.0.0.1:0', '--poll', '1h', '--retry-interval', '1h'], { line: LISTENING, cwd: fx.dir, env: { UPDOPS_WEBHOOK_SECRET: SECRET } });
  const url = controller.ready[1]!;
  const reconcile = async (): Promise<{ condition: string; failures?: number; lastAttemptAt: string } | null> => ((await (await fetch(`${url}/api/status`)).json()) as { reconcile: { condition: string; failures?: number; lastAttemptAt: string } | null }).reconcile;
  fx.write('tasks.yaml', 'apiVersion: updops/v1\nkind: Task\nmetadata: {name: [unclosed\n');
  fx.commit('a broken manifest');
  const body = payload('github-push');
  t.equal((await fetch(`${url}/hooks/git`, { method: 'POST', headers: github('push', body, { secret: SECRET }), body })).status, 202);
  await until('the broken commit to fail', async () => (await reconcile())?.condition === 'Failed');
  const failed = await reconcile();
  t.match(failed, { condition: 'Failed', failures: 1 });
  t.equal((await fetch(`${url}/hooks/git`, { method: 'POST', headers: github('push', body, { secret: SECRET }), body })).status, 202, 'the next push (another delivery)');
  await until('a second attempt', async () => (await reconcile())?.failures === 2);
  t.not((await reconcile())?.lastAttemptAt, failed?.lastAttemptAt, 'tried again at once, not after the 1 h backoff');
  t.equal((await controller.stop()).code, 0);
});
