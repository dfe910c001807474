/**
 * Notifications through a real `updops controller` process, against local receivers standing in
 * for the providers: a Slack-compatible chat, a signed generic webhook, a GitHub commit-status
 * API, an SMTP server, and a receiver that is down. A failing commit sends one ReconcileFailed
 * and one RunFailed notification and a `failure` status for its SHA; the next good commit
 * `success`; an agent's ApplicationRolledBack is routed once, filtered by group; the receiver
 * that is down is retried and then recorded as a NotificationFailed event. No secret is logged.
 */
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import t, { type Test } from 'tap';
import { openStateStore } from '../../src/state/index.js';
import { groupYaml, makeFixture, taskYaml } from '../controller/helpers/fixture.js';
import { freeLoopbackPort } from '../helpers/loopback.js';
import { manifestYaml, sourceYaml } from '../helpers/manifests.js';
import { startCli } from '../helpers/processes.js';
import { until } from '../helpers/wait.js';

const LISTENING = /controller listening on (http:\/\/[^\s"]+)/;
const WEEKLY = '{kind: weekly, day: monday, time: "03:00", timeZone: Europe/Berlin}';
const TOKEN = 'ghp_test_token_0123456789abcdef';
const HOOK_SECRET = 'hook-signing-secret-42';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  raw: string;
  body: Record<string, unknown>;
}

async function receiver(t: Test): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, raw, body: JSON.parse(raw || '{}') as Record<string, unknown> });
      res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, received };
}

async function smtp(t: Test): Promise<{ port: number; mails: string[] }> {
  const mails: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      let text = '';
      stream.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      stream.on('end', () => {
        mails.push(text);
        done();
      });
    },
  });
  const port = await freeLoopbackPort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port, mails };
}


void t.test('notifications and commit statuses through the controller', async (t) => {
  const fx = await makeFixture(t);
  const [chat, hook, forge, mail] = [await receiver(t), await receiver(t), await receiver(t), await smtp(t)];
  const deadPort = await freeLoopbackPort();
  const secrets = path.join(fx.dir, 'secrets');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(secrets);
  writeFileSync(path.join(secrets, 'chat-url'), `${chat.url}/services/T000/B000/XXXX\n`);
  writeFileSync(path.join(secrets, 'github-token'), `${TOKEN}\n`);
  const state = path.join(fx.dir, 'controller.db');
  const missing = path.join(fx.dir, 'no-such-secret');

  fx.write('groups.yaml', groupYaml('office', [{ name: 'dp-1' }], fx.repo) + groupYaml('lab', [{ name: 'dp-lab' }], fx.repo));
  fx.write('sources.yaml', sourceYaml('vendor', { url: fx.vendorUrl, timeoutSeconds: 5, secretRef: { file: missing } }));
  fx.write('tasks.yaml', taskYaml('Download', { scope: '{group: office}', schedule: WEEKLY }));
  fx.write(
    'notifications.yaml',
    manifestYaml('Notification', 'chat', { events: ['ReconcileFailed', 'RunFailed', 'ApplicationRolledBack'], severity: 'warning', template: '{{type}} {{task}} {{commit}}: {{message}}', provider: { type: 'slack', secretRef: { file: path.join(secrets, 'chat-url') } } }) +
      manifestYaml('Notification', 'hook', { events: ['ReconcileApplied', 'ApplicationRolledBack'], groups: ['lab'], provider: { type: 'webhook', url: `${hook.url}/updops`, secretRef: { env: 'HOOK_SECRET' } } }) +
      manifestYaml('Notification', 'statuses', { provider: { type: 'github', repository: 'it/config', url: `${forge.url}/api/v3`, secretRef: { file: path.join(secrets, 'github-token') } } }) +
      manifestYaml('Notification', 'mail', { events: ['ReconcileFailed'], provider: { type: 'smtp', host: '127.0.0.1', port: mail.port, from: 'updops@example.com', to: ['ops@example.com'] } }) +
      manifestYaml('Notification', 'down', { events: ['ReconcileFailed'], provider: { type: 'webhook', url: `http://127.0.0.1:${deadPort}/gone` } }),
  );
  const bad = fx.commit('a source whose secret file is missing');
  const controller = await startCli(t, ['controller', '--config', fx.config, '--state', state, '--listen', '127.0.0.1:0', '--poll', '1s', '--retry-interval', '1h', '--console-url', 'https://updops.example.com/'], { line: LISTENING, cwd: fx.dir, env: { HOOK_SECRET } });

  await until('a failure status for the bad commit', () => forge.received.some((r) => r.body.state === 'failure'));
  await until('the chat messages', () => chat.received.length >= 2);
  await until('the mail', () => mail.mails.length >= 1);
  const statuses = (): { sha: string; state: unknown }[] => forge.received.map((r) => ({ sha: r.path.split('/').at(-1)!, state: r.body.state }));
  // The Notifications in force are the applied ones: before the first apply there are none to say `pending`.
  t.same(statuses(), [{ sha: bad, state: 'failure' }], 'failure for the failing first commit');
  const [first] = forge.received;
  t.equal(first!.path, `/api/v3/repos/it/config/statuses/${bad}`);
  t.equal(first!.headers.authorization, `Bearer ${TOKEN}`);
  t.match(first!.body, { context: 'updops', target_url: 'https://updops.example.com/' });
  t.same(chat.received.map((r) => String(r.body.text).split(' ')[0]).sort(), ['ReconcileFailed', 'RunFailed'], 'one ReconcileFailed and one RunFailed message');
  t.equal(chat.received[0]!.path, '/services/T000/B000/XXXX', 'the chat webhook URL came from its secret file');
  t.match(chat.received.find((r) => String(r.body.text).startsWith('RunFailed'))!.body.text, /^RunFailed Download : run \S+ of "Download" \(apply\) failed/, 'the template, with the task');
  t.match(mail.mails[0], /Subject: updops: ReconcileFailed/);
  t.match(mail.mails[0], /To: ops@example.com/);
  t.equal(hook.received.length, 0, 'ReconcileApplied is not sent for a failing commit');

  // An agent's rollback, as the hub records it: routed once to chat, and to the hook only for a device in lab.
  const store = await openStateStore({ path: state });
  await store.appendEvent({ type: 'ApplicationRolledBack', subject: 'dp-lab', message: 'Application rolled back from 2.0 to 1.0: the health check failed after the update' });
  await store.appendEvent({ type: 'ApplicationRolledBack', subject: 'dp-1', message: 'Application rolled back from 2.0 to 1.0: the health check failed after the update' });
  await store.close();
  await until('the rollbacks', () => chat.received.length >= 4 && hook.received.length >= 1);
  await new Promise((r) => setTimeout(r, 1500));
  t.equal(chat.received.filter((r) => String(r.body.text).startsWith('ApplicationRolledBack')).length, 2, 'each rollback notifies the chat once');
  t.equal(hook.received.length, 1, 'the hook, filtered to lab, gets only the lab rollback');
  const signed = hook.received[0]!;
  t.match(signed.body, { type: 'ApplicationRolledBack', subject: 'dp-lab', severity: 'warning', consoleUrl: 'https://updops.example.com/' });
  t.equal(signed.headers['x-updops-signature-256'], `sha256=${createHmac('sha256', HOOK_SECRET).update(signed.raw).digest('hex')}`, 'the body is signed with the secret');

  fx.write('sources.yaml', sourceYaml('vendor', { url: fx.vendorUrl, timeoutSeconds: 5 }));
  const good = fx.commit('no secret needed');
  await until('a success status for the good commit', () => forge.received.some((r) => r.body.state === 'success'));
  t.same(statuses().slice(1), [{ sha: good, state: 'pending' }, { sha: good, state: 'success' }], 'pending, then success, for the good commit');

  await until('the failed delivery to be recorded', async () => {
    const s = await openStateStore({ path: state });
    try {
      return (await s.listEvents({ type: 'NotificationFailed' })).length > 0;
    } finally {
      await s.close();
    }
  });
  const after = await openStateStore({ path: state });
  const failedDeliveries = await after.listEvents({ type: 'NotificationFailed' });
  await after.close();
  t.equal(failedDeliveries.length, 1, 'the receiver that is down: one NotificationFailed event');
  t.match(failedDeliveries[0], { subject: 'down', message: /after 4 attempts: .*ECONNREFUSED/ });
  t.equal((await controller.stop()).code, 0);
  const output = controller.output();
  t.notMatch(output, TOKEN, 'the forge token is in no log line');
  t.notMatch(output, HOOK_SECRET, 'the webhook secret is in no log line');
  t.notMatch(output, '/services/T000', 'the chat URL is in no log line');
});
