/**
 * What an administrator does from the console (issue 16, operator actions), through a real
 * `updops controller` process and real `updops` commands on 127.0.0.1:
 * - a run whose every target was skipped ends `skipped` and `run --wait` exits 1 (no chain fires);
 * - `updops cancel RUN` mid-download: the run ends `cancelled` naming who cancelled, and the DP's
 *   repository folder is byte-identical to before the run, `.updops/` included; a finished run is a CONFLICT;
 * - `run --devices` and `run --retry-failed RUN` run only those targets.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import type { DeviceResult, RunRecord } from '../../src/state/index.js';
import { groupYaml, makeFixture, taskYaml, type Fixture } from '../controller/helpers/fixture.js';
import { groupYaml as sharedGroupYaml, sourceYaml } from '../helpers/manifests.js';
import { runCli, startCli } from '../helpers/processes.js';
import { until } from '../helpers/wait.js';
import { serveStatic } from '../repository/helpers/static-server.js';
import { treeHash } from '../repository/helpers/sync-fixture.js';

const LISTENING = /controller listening on (http:\/\/[^\s"]+)/;
const TOKEN = 'operator-token-0123456789';
const ENV = { UPDOPS_TOKEN: TOKEN };

async function controller(t: Test, fx: Fixture): Promise<{ url: string; state: string }> {
  const state = path.join(fx.dir, 'controller.db');
  const running = await startCli(t, ['controller', '--config', fx.config, '--state', state, '--listen', '127.0.0.1:0', '--poll', '1s'], { line: LISTENING, cwd: fx.dir, env: ENV });
  return { url: running.ready[1]!, state };
}

async function api<T>(url: string, rel: string): Promise<T> {
  return (await (await fetch(`${url}${rel}`)).json()) as T;
}

const details = (url: string, id: string): Promise<{ run: RunRecord; results: DeviceResult[] }> => api(url, `/api/runs/${id}`);

/** The whole tree, dot files included: nothing of an interrupted download may be left. */
const hashAll = async (dir: string): Promise<Record<string, string>> => Object.fromEntries([...(await treeHash(dir, () => false))].sort());

void t.test('a run whose every target was skipped is skipped: run --wait exits 1, no chain fires', async (t) => {
  const fx = await makeFixture(t);
  fx.write('groups.yaml', sharedGroupYaml('office', { devices: [{ name: 'pc-1' }, { name: 'pc-2' }] }));
  fx.write('sources.yaml', sourceYaml('vendor', { url: fx.vendorUrl, timeoutSeconds: 5 }));
  fx.write('tasks.yaml', [
    taskYaml('Update', { type: 'Update', scope: '{group: office}', schedule: '{kind: manual}' }),
    taskYaml('After', { type: 'Update', scope: '{group: office}', schedule: '{kind: onTaskCompletion, task: Update, outcome: any}' }),
    taskYaml('OnMail', { type: 'Update', scope: '{group: office}', schedule: '{kind: onOutbreak, applicationTypes: [mail]}' }),
  ].join(''));
  fx.commit('devices without agents');
  const { url } = await controller(t, fx);
  await until('the first reconcile', async () => (await api<{ events: unknown[] }>(url, '/api/events?type=ReconcileApplied')).events.length > 0);

  const res = await runCli(['run', 'Update', '--controller', url, '--wait', '--interval', '50'], { t, cwd: fx.dir, env: ENV });
  t.equal(res.code, 1, 'run --wait exits 1 for a skipped run');
  t.match(res.stdout, /"Update": skipped/);
  t.match(res.stdout, /all 2 targets skipped: no agent has registered for this device/);
  const json = await runCli(['run', 'Update', '--controller', url, '--wait', '--interval', '50', '--format', 'json'], { t, cwd: fx.dir, env: ENV });
  t.equal(json.code, 1);
  t.match(JSON.parse(json.stdout), { run: { status: 'skipped', reason: /all 2 targets skipped/ } });
  const runs = await api<{ runs: RunRecord[] }>(url, '/api/runs');
  t.same(runs.runs.filter((r) => r.task === 'After'), [], 'a skipped run starts no chained task, not even on outcome any');
  t.same((await api<{ events: unknown[] }>(url, '/api/events?type=RunFailed')).events, [], 'a skipped run is no failure');

  // updops outbreak --type mail: POST /api/events/outbreak, the onOutbreak task for mail starts.
  const mail = await runCli(['outbreak', '--type', 'mail', '--controller', url], { t, cwd: fx.dir, env: ENV });
  t.equal(mail.code, 0, mail.stderr);
  t.match(mail.stdout, /Outbreak \(mail\) recorded; started:\n.*\n\S+\s+OnMail\s+outbreak\s+running/);
  const perimeter = await runCli(['outbreak', '--type', 'perimeter', '--controller', url], { t, cwd: fx.dir, env: ENV });
  t.match(perimeter.stdout, /no onOutbreak task covers perimeter/);
  const wrongType = await runCli(['outbreak', '--type', 'email', '--controller', url], { t, cwd: fx.dir, env: ENV });
  t.equal(wrongType.stderr.trim(), 'error: USAGE: --type must be one of workstationsAndFileServers, perimeter, mail, not "email"');
  const noToken = await runCli(['outbreak', '--type', 'mail', '--controller', url], { t, cwd: fx.dir, env: {} });
  t.match(noToken.stderr, /UNAUTHORIZED/, 'the outbreak needs the token');
  t.same((await api<{ events: { subject: string }[] }>(url, '/api/events?type=VirusOutbreak')).events.map((e) => e.subject), ['perimeter', 'mail'], 'each report recorded, newest first');

  // The in-process run (no controller) comes to the same end.
  const local = path.join(fx.dir, 'local.db');
  t.equal((await runCli(['apply', '--config', fx.config, '--state', local, '--auto-approve'], { t, cwd: fx.dir })).code, 0);
  const here = await runCli(['run', 'Update', '--config', fx.config, '--state', local], { t, cwd: fx.dir });
  t.equal(here.code, 1, here.stderr);
  t.match(here.stdout, /"Update": skipped/);
  const one = await runCli(['run', 'Update', '--config', fx.config, '--state', local, '--devices', 'pc-2', '--format', 'json'], { t, cwd: fx.dir });
  t.same((JSON.parse(one.stdout) as { results: DeviceResult[] }).results.map((r) => r.device), ['pc-2'], 'in-process --devices runs only that device');
  const unknown = await runCli(['run', 'Update', '--config', fx.config, '--state', local, '--devices', 'pc-2,pc-9'], { t, cwd: fx.dir });
  t.equal(unknown.stderr.trim(), 'error: USAGE: not targets of "Update": pc-9 (its targets: pc-1, pc-2)');
});

void t.test('cancel mid-download: cancelled, naming who; the DP keeps its repository byte for byte; --retry-failed and --devices', async (t) => {
  const fx = await makeFixture(t);
  // A larger release on a mirror throttled to 1 MB/s per response: a sync takes seconds.
  const big = path.join(fx.dir, 'content', 'databases', 'kes', 'big.avc');
  mkdirSync(path.dirname(big), { recursive: true });
  const mirror = await serveStatic(path.join(fx.dir, 'vendor-repo'), undefined, { rate: 1024 * 1024 });
  t.teardown(() => mirror.close());
  fx.write('groups.yaml', groupYaml('office', [{ name: 'dp-1' }, { name: 'dp-2' }, { name: 'dp-linux', os: 'linux' }], fx.repo));
  fx.write('sources.yaml', sourceYaml('vendor', { url: fx.vendorUrl, timeoutSeconds: 30 }));
  fx.write('tasks.yaml', taskYaml('Download', { scope: '{group: office}', schedule: '{kind: manual}' }));
  fx.commit('three DPs, one of them Linux');
  const { url, state } = await controller(t, fx);
  await until('the first reconcile', async () => (await api<{ events: unknown[] }>(url, '/api/events?type=ReconcileApplied')).events.length > 0);

  const first = await runCli(['run', 'Download', '--controller', url, '--wait', '--interval', '50', '--format', 'json'], { t, cwd: fx.dir, env: ENV });
  t.equal(first.code, 1, 'the Linux DP fails the run');
  const firstRun = (JSON.parse(first.stdout) as { run: RunRecord; results: DeviceResult[] });
  t.same(firstRun.results.map((r) => `${r.device}:${r.status}`).sort(), ['dp-1:completed', 'dp-2:completed', 'dp-linux:failed']);
  const before = await hashAll(fx.repo('dp-1'));
  t.ok(Object.keys(before).length > 3, `dp-1 holds release 1 (${Object.keys(before).length} files)`);

  writeFileSync(big, randomBytes(6 * 1024 * 1024));
  await fx.publish(2);
  fx.write('sources.yaml', sourceYaml('vendor', { url: mirror.url, timeoutSeconds: 30 }));
  const commit = fx.commit('release 2 through the throttled mirror');
  await until('the mirror commit to be applied', async () => ((await api<{ lastApplied?: { commit?: string } }>(url, '/api/status')).lastApplied?.commit ?? '').startsWith(commit.slice(0, 7)), 30_000);

  const started = await runCli(['run', 'Download', '--controller', url, '--format', 'json'], { t, cwd: fx.dir, env: ENV });
  t.equal(started.code, 0, started.stderr);
  const id = (JSON.parse(started.stdout) as { run: RunRecord }).run.id;
  await until('dp-1 to be downloading', async () => (await details(url, id)).results.some((r) => r.device === 'dp-1' && r.status === 'running' && mirror.stats.bytes > 256 * 1024), 30_000);
  const t0 = Date.now();
  const cancel = await runCli(['cancel', id, '--controller', url], { t, cwd: fx.dir, env: ENV });
  const cancelMs = Date.now() - t0;
  t.equal(cancel.code, 0, cancel.stderr);
  t.match(cancel.stdout, new RegExp(`Run ${id} of "Download" cancelled: cancelled by \\S+@\\S+ \\(updops cancel\\)`));
  t.ok(cancelMs < 10_000, `cancel answered in ${cancelMs} ms`);
  const after = await details(url, id);
  t.match(after.run, { status: 'cancelled', reason: /^cancelled by / });
  const dp1 = after.results.find((r) => r.device === 'dp-1');
  t.match(dp1, { status: 'failed', reason: /^cancelled by / }, 'the interrupted target is failed as cancelled');
  // The cancelled sync put the DP's folder back as it was (src/repository/sync/checkpoint.ts): every
  // file byte-identical, the sync's own state (.updops/) included, no new target nor partial download.
  t.same(await hashAll(fx.repo('dp-1')), before, 'dp-1 byte-identical to before the run, .updops/ included');
  t.match((await api<{ events: { message: string }[] }>(url, '/api/events?type=RunCancelled')).events, [{ message: /cancelled by/ }]);

  const again = await runCli(['cancel', id, '--controller', url], { t, cwd: fx.dir, env: ENV });
  t.equal(again.code, 1);
  t.match(again.stderr, /CONFLICT: controller: run \S+ of "Download" has already ended cancelled/);
  const unknown = await runCli(['cancel', 'no-such-run', '--controller', url], { t, cwd: fx.dir, env: ENV });
  t.equal(unknown.code, 1);
  t.match(unknown.stderr, /NOT_FOUND: controller: no run with id no-such-run/);
  const noToken = await fetch(`${url}/api/runs/${id}/cancel`, { method: 'POST' });
  t.equal(noToken.status, 401, 'cancel needs the token');
  t.notMatch(cancel.stderr + again.stderr, /\n\s+at /, 'no stack traces');

  // --retry-failed: only what failed in the first run (the Linux DP), nothing else.
  const retry = await runCli(['run', 'Download', '--controller', url, '--retry-failed', firstRun.run.id, '--wait', '--interval', '50', '--format', 'json'], { t, cwd: fx.dir, env: ENV });
  t.equal(retry.code, 1, 'the Linux DP fails again');
  t.same((JSON.parse(retry.stdout) as { results: DeviceResult[] }).results.map((r) => r.device), ['dp-linux'], '--retry-failed runs only the failed target');
  const noneFailed = await runCli(['run', 'Download', '--controller', url, '--retry-failed', retry.stdout.length ? (JSON.parse(retry.stdout) as { run: RunRecord }).run.id : '', '--devices', 'dp-1'], { t, cwd: fx.dir, env: ENV });
  t.match(noneFailed.stderr, /USAGE: choose the targets by --devices or by --retry-failed, not both/);

  // --devices: unknown names are one USAGE error naming them all; known ones run alone.
  const unknownDevices = await runCli(['run', 'Download', '--controller', url, '--devices', 'dp-linux,nope,zzz'], { t, cwd: fx.dir, env: ENV });
  t.equal(unknownDevices.code, 1);
  t.equal(unknownDevices.stderr.trim(), 'error: USAGE: controller: not targets of "Download": nope, zzz (its targets: dp-1, dp-2, dp-linux)');
  const chosen = await runCli(['run', 'Download', '--controller', url, '--devices', 'dp-linux', '--wait', '--interval', '50', '--format', 'json'], { t, cwd: fx.dir, env: ENV });
  t.same((JSON.parse(chosen.stdout) as { results: DeviceResult[] }).results.map((r) => r.device), ['dp-linux'], '--devices runs only those targets');

  // The API takes the same choice as a JSON body.
  const post = await fetch(`${url}/api/tasks/Download/run`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ targets: ['dp-linux'] }) });
  t.equal(post.status, 202);
  const viaApi = ((await post.json()) as { run: RunRecord }).run.id;
  await until('the API run to finish', async () => (await details(url, viaApi)).run.status !== 'running');
  t.same((await details(url, viaApi)).results.map((r) => r.device), ['dp-linux']);
  // runs --device: the runs that had that target, from the API and from the state file alike.
  const byDevice = async (device: string, where: string[]): Promise<string[]> => {
    const res = await runCli(['runs', '--device', device, '--format', 'json', ...where], { t, cwd: fx.dir });
    t.equal(res.code, 0, res.stderr);
    return (JSON.parse(res.stdout) as RunRecord[]).map((r) => r.id).sort();
  };
  const expectLinux = [firstRun.run.id, id, (JSON.parse(retry.stdout) as { run: RunRecord }).run.id, (JSON.parse(chosen.stdout) as { run: RunRecord }).run.id, viaApi].sort();
  t.same(await byDevice('dp-linux', ['--controller', url]), expectLinux, 'runs --device dp-linux: all five runs that had it');
  t.same(await byDevice('dp-1', ['--controller', url]), [firstRun.run.id, id].sort(), 'runs --device dp-1: only the two runs on the whole scope');
  t.same(await byDevice('dp-1', ['--state', state]), [firstRun.run.id, id].sort(), 'the same from the state file');
  const runsText = await runCli(['runs', '--device', 'dp-1', '--controller', url], { t, cwd: fx.dir });
  t.match(runsText.stdout, /cancelled\s+\S+\s+\S+ s\s+cancelled by/);

  // status --controller: the controller's own report, no state file named.
  const status = await runCli(['status', '--controller', url, '--format', 'json'], { t, cwd: fx.dir });
  t.equal(status.code, 0, status.stderr);
  t.match(JSON.parse(status.stdout), { reconcile: { condition: 'Ready' }, lastApplied: { commit } });
  const statusText = await runCli(['status', '--controller', url], { t, cwd: fx.dir });
  t.match(statusText.stdout, new RegExp(`Last applied: ${commit.slice(0, 12)}`));

  const bad = await fetch(`${url}/api/tasks/Download/run`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ targets: 'dp-1' }) });
  t.equal(bad.status, 400, 'targets must be a list');
});
