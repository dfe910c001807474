/**
 * The controller as a production service, through real `updops controller` processes:
 * - a commit whose sync fails is applied once (one history entry), its condition is `Failed`
 *   with the reason in `updops status` and `/metrics`, it is retried with backoff (no run per
 *   poll, none left `running` or falsely `interrupted`), and the next good commit is `Ready`;
 * - a second controller on the same state is refused naming the holder, or stands by (503)
 *   and takes over when the first stops; concurrent run requests to both never run twice;
 * - a busy port is one LISTEN error within 2 s, with no state file and no process left.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import t from 'tap';
import { openStateStore } from '../../src/state/index.js';
import { groupYaml, makeFixture, taskYaml } from '../controller/helpers/fixture.js';
import { sourceYaml } from '../helpers/manifests.js';
import { runCli, startCli } from '../helpers/processes.js';
import { until } from '../helpers/wait.js';

const WEEKLY = '{kind: weekly, day: monday, time: "03:00", timeZone: Europe/Berlin}';
const LISTENING = /controller listening on (http:\/\/[^\s"]+)/;


void t.test('a commit whose sync fails: applied once, Failed with the reason, retried with backoff; the next good commit is Ready', async (t) => {
  const fx = await makeFixture(t);
  const state = path.join(fx.dir, 'controller.db');
  const missing = path.join(fx.dir, 'no-such-secret');
  fx.write('groups.yaml', groupYaml('office', [{ name: 'dp-1' }], fx.repo));
  fx.write('sources.yaml', sourceYaml('vendor', { url: fx.vendorUrl, timeoutSeconds: 5, secretRef: { file: missing } }));
  fx.write('tasks.yaml', taskYaml('Download', { scope: '{group: office}', schedule: WEEKLY }));
  fx.commit('a source whose secret file is missing');
  const controller = await startCli(t, ['controller', '--config', fx.config, '--state', state, '--listen', '127.0.0.1:0', '--poll', '1s', '--retry-interval', '1s'], { line: LISTENING, cwd: fx.dir });
  const url = controller.ready[1]!;
  const started = Date.now();
  // Attempts at 0, 1, 3, 7 s (backoff 1 s doubling), while polls come every second.
  await new Promise((r) => setTimeout(r, 8_500));
  const elapsed = (Date.now() - started) / 1000;

  const history = await runCli(['history', '--state', state, '--format', 'json'], { t, cwd: fx.dir });
  t.equal(history.code, 0, history.stderr);
  t.equal((JSON.parse(history.stdout) as unknown[]).length, 1, 'one history entry for the failing commit');
  const store = await openStateStore({ path: state });
  const runs = await store.listRuns({ limit: 100 });
  await store.close();
  t.same(runs.filter((r) => r.status === 'running' || r.status === 'interrupted'), [], 'no run left running or marked interrupted');
  t.ok(runs.length >= 2 && runs.length <= 5, `retried with backoff, not per poll: ${runs.length} runs in ${elapsed.toFixed(1)} s`);
  t.ok(runs.every((r) => r.status === 'failed' && /secret/i.test(r.reason ?? '')), `every run failed with the secret's reason: ${runs.map((r) => r.reason).join(' | ')}`);

  const status = await runCli(['status', '--state', state, '--format', 'json'], { t, cwd: fx.dir });
  const report = JSON.parse(status.stdout) as { reconcile: { condition: string; reason: string; message: string; failures: number; nextRetryAt?: string } };
  t.match(report.reconcile, { condition: 'Failed', reason: 'RunFailed', message: /Download/ });
  t.ok(report.reconcile.failures >= 2 && report.reconcile.nextRetryAt, 'failures in a row and the next retry are shown');
  const text = await runCli(['status', '--state', state], { t, cwd: fx.dir });
  t.match(text.stdout, /Reconcile: Failed [0-9a-f]{12} \(RunFailed\)/);
  const metrics = await (await fetch(`${url}/metrics`)).text();
  t.match(metrics, 'updops_reconcile_condition{condition="Failed",reason="RunFailed"} 1');
  t.match(metrics, /updops_last_applied_commit_timestamp_seconds \d{10}/, 'the applied commit is in the metrics');
  t.match(await (await fetch(`${url}/api/status`)).json(), { reconcile: { condition: 'Failed', reason: 'RunFailed' } });

  fx.write('sources.yaml', sourceYaml('vendor', { url: fx.vendorUrl, timeoutSeconds: 5 }));
  fx.commit('no secret needed');
  await until('the good commit to be Ready', async () => ((await (await fetch(`${url}/api/status`)).json()) as { reconcile?: { condition: string } }).reconcile?.condition === 'Ready');
  t.match(await (await fetch(`${url}/metrics`)).text(), 'updops_reconcile_condition{condition="Ready",reason="ReconcileSucceeded"} 1');
  t.equal((await controller.stop()).code, 0, 'SIGTERM stops it cleanly');
  const after = await openStateStore({ path: state });
  t.teardown(() => after.close());
  t.equal((await after.listHistory(10)).length, 2, 'the good commit is the second history entry');
  t.same((await after.listRuns({ limit: 100 })).filter((r) => r.status === 'running'), [], 'nothing left running after SIGTERM');
});

void t.test('a second controller on the same state is refused or stands by; runs asked of both never run twice', async (t) => {
  const fx = await makeFixture(t);
  const state = path.join(fx.dir, 'controller.db');
  fx.write('groups.yaml', groupYaml('office', [{ name: 'dp-1' }, { name: 'dp-2' }], fx.repo));
  fx.write('sources.yaml', sourceYaml('vendor', { url: fx.vendorUrl, timeoutSeconds: 5 }));
  fx.write('tasks.yaml', taskYaml('Download', { scope: '{group: office}', schedule: '{kind: manual}' }));
  fx.commit('config');
  const token = 'test-token-0123456789';
  const env = { UPDOPS_TOKEN: token };
  const args = ['controller', '--config', fx.config, '--state', state, '--listen', '127.0.0.1:0', '--poll', '1h'];
  const first = await startCli(t, args, { line: LISTENING, cwd: fx.dir, env });

  const refused = await runCli(args, { t, cwd: fx.dir, env, timeoutMs: 10_000 });
  t.equal(refused.code, 1, 'the second controller exits 1');
  t.match(refused.stderr, new RegExp(`LEASE: another controller is active on this state: updops-controller@\\S+ pid ${first.child.pid}`), 'naming the holder');
  t.notMatch(refused.stderr, /\n\s+at /, 'no stack trace');

  const standby = await startCli(t, [...args, '--standby'], { line: /standing by/, stream: 'stdout', cwd: fx.dir, env });
  const post = (base: string): Promise<number> => fetch(`${base}/api/tasks/Download/run`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }).then((r) => r.status, () => 0);
  const standbyPort = await standbyListen(standby.stdout());
  const answers = await Promise.all([...Array(4)].flatMap(() => [post(first.ready[1]!), post(standbyPort)]));
  const accepted = answers.filter((s) => s === 202).length;
  t.ok(answers.filter((_, i) => i % 2 === 1).every((s) => s === 503), `the standby answers 503: ${answers.join(',')}`);
  t.ok(accepted >= 1, 'the active controller accepts the runs');
  await until('the runs to finish', async () => {
    const store = await openStateStore({ path: state });
    try {
      return (await store.listRuns({ limit: 100 })).every((r) => r.status !== 'running');
    } finally {
      await store.close();
    }
  });
  const store = await openStateStore({ path: state });
  const runs = await store.listRuns({ limit: 100 });
  await store.close();
  const executed = runs.filter((r) => r.status !== 'skipped');
  t.equal(runs.length, accepted, 'one recorded run per accepted request');
  t.ok(executed.length >= 1, 'at least one run executed');
  for (const a of executed) for (const b of executed) if (a !== b) t.ok(a.finishedAt! <= b.startedAt || b.finishedAt! <= a.startedAt, `runs ${a.id} and ${b.id} never overlap`);

  t.equal((await first.stop()).code, 0);
  const takeover = Date.now();
  await until('the standby to take over', async () => (await post(standbyPort)) === 202, 20_000);
  t.ok(Date.now() - takeover < 10_000, `took over ${Date.now() - takeover} ms after the first stopped`);
  t.equal((await standby.stop()).code, 0);
});

/** `updops controller --standby` logs where it listens before it is active; the line names the address. */
async function standbyListen(stdout: string): Promise<string> {
  const match = /"listen":"(http:\/\/[^"]+)"/.exec(stdout);
  if (!match) throw new Error(`no listen address in the standby's log: ${stdout}`);
  return match[1]!;
}

void t.test('a busy port: one LISTEN error within 2 s, no state file, no process left', async (t) => {
  const fx = await makeFixture(t);
  fx.write('groups.yaml', groupYaml('office', [{ name: 'dp-1' }], fx.repo));
  fx.commit('config');
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  t.teardown(() => busy.close());
  const port = (busy.address() as { port: number }).port;
  const state = path.join(fx.dir, 'untouched.db');
  // What starting node and the CLI costs on this machine right now, to tell it from work done before failing.
  const baselineStart = Date.now();
  t.equal((await runCli(['--version'], { t, cwd: fx.dir })).code, 0);
  const baseline = Date.now() - baselineStart;
  const started = Date.now();
  const res = await runCli(['controller', '--config', fx.config, '--state', state, '--listen', `127.0.0.1:${port}`], { t, cwd: fx.dir, timeoutMs: 10_000 });
  const ms = Date.now() - started;
  t.equal(res.code, 1);
  t.equal(res.stderr.trim(), `error: LISTEN: 127.0.0.1:${port} is in use`, 'one clear line');
  // Within 2 s, or (on a loaded machine) within 0.5 s of what any updops command needs to start here.
  t.ok(ms < 2_000 || ms - baseline < 500, `exited in ${ms} ms (updops --version: ${baseline} ms)`);
  t.notOk(existsSync(state), 'the state file was never created');
  t.equal(res.stdout, '', 'nothing applied, nothing printed');
});
