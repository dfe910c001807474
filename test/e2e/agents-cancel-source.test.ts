/**
 * Issue 16 through real processes on 127.0.0.1: an `updops controller`, a device agent and a DP
 * agent (`updops agent`), real `updops` commands.
 * - `updops cancel RUN` mid-download reaches the agents: the agent stops downloading (the slow
 *   vendor mirror stops sending), the device's databases and modules and the DP's served
 *   repository — `.updops/` included — are byte-identical to before, and the target's result is
 *   the agent's own `failed` "cancelled by …", never a late `completed`;
 * - a task with `sources: [broken, good]`: every target is served by `good`, and `updops runs ID`,
 *   `/api/runs/:id` and `updops status` (text and JSON) say so and why `broken` was skipped.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import type { DeviceResult, RunRecord } from '../../src/state/index.js';
import type { StatusReport } from '../../src/status/index.js';
import { makeFixture, taskYaml as downloadTaskYaml, type Fixture } from '../controller/helpers/fixture.js';
import { freeLoopbackPort } from '../helpers/loopback.js';
import { groupYaml, sourceYaml, taskYaml } from '../helpers/manifests.js';
import { runCli, startCli } from '../helpers/processes.js';
import { until } from '../helpers/wait.js';
import { serveStatic } from '../repository/helpers/static-server.js';
import { treeHash } from '../repository/helpers/sync-fixture.js';

const LISTENING = /controller listening on (http:\/\/[^\s"]+)/;
const TOKEN = 'cancel-source-token-0123456789';
const ENV = { UPDOPS_TOKEN: TOKEN };

interface World {
  fx: Fixture;
  url: string;
  state: string;
  root: (agent: string) => string;
  agent(name: string): Promise<void>;
}

/** Group `office`: DP dp-1 (Windows, served on its address by its agent) and device ws-1; tasks `Update` and `Download` on `sources`. */
function writeConfig(fx: Fixture, dpPort: number, sources: string[], sourcesYaml: string): void {
  fx.write('groups.yaml', groupYaml('office', {
    distributionPoints: [{ name: 'dp-1', repository: fx.repo('dp-1'), address: `http://127.0.0.1:${dpPort}` }],
    devices: [{ name: 'ws-1', os: 'linux', license: { expires: '2099-12-31' } }],
  }));
  fx.write('sources.yaml', sourcesYaml);
  fx.write('tasks.yaml', [
    taskYaml('Update', { type: 'Update', scope: { group: 'office' }, settings: { sources, applicationUpdateMode: 'downloadOnly' } }),
    downloadTaskYaml('Download', { scope: '{group: office}', schedule: '{kind: manual}', sources }),
  ].join(''));
}

async function world(t: Test, sources: string[], sourcesYaml: (fx: Fixture) => string): Promise<World> {
  const fx = await makeFixture(t);
  const dpPort = await freeLoopbackPort();
  writeConfig(fx, dpPort, sources, sourcesYaml(fx));
  fx.commit('a DP and a device, each with its agent');
  const state = path.join(fx.dir, 'controller.db');
  const running = await startCli(t, ['controller', '--config', fx.config, '--state', state, '--listen', '127.0.0.1:0', '--poll', '1s'], { line: LISTENING, cwd: fx.dir, env: ENV });
  const url = running.ready[1]!;
  await until('the first reconcile', async () => (await api<{ events: unknown[] }>(url, '/api/events?type=ReconcileApplied')).events.length > 0);
  const root = (name: string): string => path.join(fx.dir, 'agents', name);
  return {
    fx,
    url,
    state,
    root,
    agent: async (name) => {
      mkdirSync(root(name), { recursive: true });
      await startCli(t, ['agent', '--controller', url, '--name', name, '--root', root(name), '--heartbeat', '1s'], { line: /registered as/, cwd: fx.dir, env: ENV });
    },
  };
}

async function api<T>(url: string, rel: string): Promise<T> {
  return (await (await fetch(`${url}${rel}`)).json()) as T;
}

const details = (url: string, id: string): Promise<{ run: RunRecord; results: DeviceResult[] }> => api(url, `/api/runs/${id}`);

async function runWait(w: World, t: Test, task: string): Promise<{ run: RunRecord; results: DeviceResult[] }> {
  const res = await runCli(['run', task, '--controller', w.url, '--wait', '--interval', '100', '--format', 'json'], { t, cwd: w.fx.dir, env: ENV, timeoutMs: 120_000 });
  return JSON.parse(res.stdout) as { run: RunRecord; results: DeviceResult[] };
}

/** The device's installed databases, module mirror and downloaded modules, staging included (it must hold nothing new). */
const deviceFiles = async (root: string): Promise<Record<string, string>> =>
  Object.fromEntries([...(await treeHash(root, (rel) => ['state.json', 'task-settings.json', '.trust-root.json', '.update.lock'].includes(rel)))].sort());
/** The whole tree, dot files included. */
const allFiles = async (dir: string): Promise<Record<string, string>> => Object.fromEntries([...(await treeHash(dir, () => false))].sort());

void t.test('updops cancel mid-download reaches the device and DP agents: nothing changes on either, no late completed result', async (t) => {
  // The vendor repository behind a mirror throttled to 512 KiB/s per response: a release with an 8 MiB database takes seconds.
  const w = await world(t, ['vendor'], (fx) => sourceYaml('vendor', { url: fx.vendorUrl, timeoutSeconds: 30 }));
  const mirror = await serveStatic(path.join(w.fx.dir, 'vendor-repo'), undefined, { rate: 512 * 1024 });
  t.teardown(() => mirror.close());
  await w.agent('ws-1');
  await w.agent('dp-1');

  t.match(await runWait(w, t, 'Update'), { run: { status: 'completed' }, results: [{ device: 'ws-1', status: 'completed' }] }, 'release 1 on the device');
  t.match(await runWait(w, t, 'Download'), { run: { status: 'completed' }, results: [{ device: 'dp-1', status: 'completed' }] }, 'release 1 on the DP');
  const device = await deviceFiles(w.root('ws-1'));
  const dp = await allFiles(w.fx.repo('dp-1'));
  t.ok(Object.keys(device).some((rel) => rel.startsWith('bases/targets/')), 'the device has databases');
  t.ok(Object.keys(device).some((rel) => rel.startsWith('modules-downloads/')), 'and downloaded modules');
  t.ok(Object.keys(dp).some((rel) => rel.startsWith('.updops/')), "the DP's repository has the engine's state");

  const big = path.join(w.fx.dir, 'content', 'databases', 'kes', 'big.avc');
  writeFileSync(big, randomBytes(8 * 1024 * 1024));
  await w.fx.publish(2);
  w.fx.write('sources.yaml', sourceYaml('vendor', { url: mirror.url, timeoutSeconds: 30 }));
  const commit = w.fx.commit('release 2 through the throttled mirror');
  await until('the mirror commit to be applied', async () => ((await api<{ lastApplied?: { commit?: string } }>(w.url, '/api/status')).lastApplied?.commit ?? '').startsWith(commit.slice(0, 7)), 30_000);

  for (const [task, target, before, now] of [
    ['Update', 'ws-1', device, () => deviceFiles(w.root('ws-1'))],
    ['Download', 'dp-1', dp, () => allFiles(w.fx.repo('dp-1'))],
  ] as const) {
    const started = await runCli(['run', task, '--controller', w.url, '--format', 'json'], { t, cwd: w.fx.dir, env: ENV });
    t.equal(started.code, 0, started.stderr);
    const id = (JSON.parse(started.stdout) as { run: RunRecord }).run.id;
    const sent = mirror.stats.bytes;
    await until(`${target} to be downloading`, async () => mirror.stats.bytes > sent + 512 * 1024 && (await details(w.url, id)).results.some((r) => r.status === 'running'), 30_000);
    const cancel = await runCli(['cancel', id, '--controller', w.url], { t, cwd: w.fx.dir, env: ENV });
    t.equal(cancel.code, 0, cancel.stderr);
    t.match(cancel.stdout, new RegExp(`Run ${id} of "${task}" cancelled: cancelled by `));
    const reason = target === 'ws-1' ? /^cancelled by \S+ \(updops cancel\): the update was stopped during the download; the databases and modules installed before stay in use$/ : /^cancelled by \S+ \(updops cancel\): the download was stopped; the repository is as it was before the run$/;
    await until(`the agent's own cancelled result for ${target}`, async () => reason.test((await details(w.url, id)).results[0]?.reason ?? ''), 20_000);
    const atCancel = mirror.stats.bytes;
    await new Promise((r) => setTimeout(r, 2500));
    t.ok(mirror.stats.bytes - atCancel < 256 * 1024, `the agent stopped downloading: ${mirror.stats.bytes - atCancel} bytes after its result`);
    const after = await details(w.url, id);
    t.match(after.run, { status: 'cancelled', reason: /^cancelled by / });
    t.match(after.results, [{ device: target, status: 'failed', reason }], 'failed as cancelled, by the agent: no late completed result');
    t.notOk(after.results[0]?.source, 'no source served a cancelled target');
    t.same(await now(), before, `${target}: every file byte-identical to before the run${target === 'dp-1' ? ', .updops/ included, no orphan or partial target' : ', staging empty'}`);
    const text = await runCli(['runs', id, '--controller', w.url], { t, cwd: w.fx.dir });
    t.match(text.stdout, new RegExp(`${target}\\s+failed\\s+.*cancelled by `));
  }

  // The agents go on: the next runs complete with release 2.
  t.match(await runWait(w, t, 'Update'), { run: { status: 'completed' }, results: [{ device: 'ws-1', status: 'completed', source: 'vendor' }] }, 'the next Update completes');
  t.not(await deviceFiles(w.root('ws-1')), device);
});

void t.test('sources [broken, good]: good serves every target, and runs, the API and status say why broken was skipped', async (t) => {
  const w = await world(t, ['broken', 'good'], (fx) => [sourceYaml('broken', { url: fx.deadUrl, timeoutSeconds: 5 }), sourceYaml('good', { url: fx.vendorUrl, timeoutSeconds: 5 })].join(''));
  await w.agent('ws-1');
  await w.agent('dp-1');
  const port = new URL(w.fx.deadUrl).port;
  const why = new RegExp(`^broken: SOURCE_UNREACHABLE: .*127\\.0\\.0\\.1:${port}.*ECONNREFUSED`);

  const update = await runWait(w, t, 'Update');
  const download = await runWait(w, t, 'Download');
  for (const [outcome, target] of [[update, 'ws-1'], [download, 'dp-1']] as const) {
    t.match(outcome, { run: { status: 'completed' }, results: [{ device: target, status: 'completed', source: 'good', fallbackReason: why }] }, `${target}: served by good after broken failed`);
    t.match((await details(w.url, outcome.run.id)).results, [{ device: target, source: 'good', fallbackReason: why }], '/api/runs/:id');
    const text = await runCli(['runs', outcome.run.id, '--controller', w.url], { t, cwd: w.fx.dir });
    t.equal(text.code, 0, text.stderr);
    t.match(text.stdout, new RegExp(`DEVICE\\s+STATUS\\s+FILES\\s+BYTES\\s+DURATION\\s+SOURCE\\s+REASON\\n\\s+${target}\\s+completed\\s+\\d+\\s+.+\\s+good\\b`), 'runs ID: the SOURCE column');
    t.match(text.stdout, new RegExp(`Fallbacks:\\n\\s+${target}: served by good; skipped broken: SOURCE_UNREACHABLE: `), 'runs ID: why broken was skipped');
  }

  for (const where of [['--controller', w.url], ['--state', w.state]]) {
    const json = await runCli(['status', '--format', 'json', ...where], { t, cwd: w.fx.dir });
    t.equal(json.code, 0, json.stderr);
    const report = JSON.parse(json.stdout) as StatusReport;
    t.match(report.devices?.find((d) => d.name === 'ws-1'), { source: 'good', fallbackReason: why, sourceRun: update.run.id }, `status ${where[0]} --format json: the device`);
    t.match(report.distributionPoints.find((d) => d.name === 'dp-1'), { source: 'good', fallbackReason: why, sourceRun: download.run.id }, `status ${where[0]} --format json: the DP`);
    const text = await runCli(['status', ...where], { t, cwd: w.fx.dir });
    t.match(text.stdout, /Distribution points:\n\s+NAME\s+GROUP\s+OS\s+VERSION\s+AGE\s+DRIFT\s+SOURCE\s+FRESHNESS\n\s+dp-1\s+office\s+windows\s+v\d+\s+\S+\s+none\s+good\s+(fresh|-)\n/);
    t.match(text.stdout, new RegExp(`Fallbacks \\(last update from a later source\\):\\n\\s+dp-1: served by good \\(run ${download.run.id}\\); skipped broken: SOURCE_UNREACHABLE: [^\\n]+\\n\\s+ws-1: served by good \\(run ${update.run.id}\\); skipped broken: `));
  }
});
