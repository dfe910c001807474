/**
 * Issue 19 "freshness that proves itself" through real processes on 127.0.0.1: an `updops
 * controller`, a DP agent and a device agent. A DP whose repository still verifies but is
 * frozen — its sync stopped while the vendor published a newer version, or it serves a
 * timestamp past its expiry — is shown withholding updates in `updops status` (text and JSON)
 * and raises `DistributionPointWithholding` once in `updops events`; a DP up to date is
 * `fresh` and raises nothing, and catching up raises `DistributionPointFresh`.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import type { StatusReport } from '../../src/status/index.js';
import { publishRepository } from '../../src/repository/publish/index.js';
import { makeFixture, type Fixture } from '../controller/helpers/fixture.js';
import { freeLoopbackPort } from '../helpers/loopback.js';
import { groupYaml, sourceYaml, taskYaml } from '../helpers/manifests.js';
import { runCli, startCli } from '../helpers/processes.js';
import { until } from '../helpers/wait.js';

const LISTENING = /controller listening on (http:\/\/[^\s"]+)/;
const TOKEN = 'frozen-dp-token-0123456789';
const ENV = { UPDOPS_TOKEN: TOKEN };

async function api<T>(url: string, rel: string): Promise<T> {
  return (await (await fetch(`${url}${rel}`)).json()) as T;
}

async function world(t: Test): Promise<{ fx: Fixture; url: string; status: () => Promise<StatusReport>; events: (type: string) => Promise<{ type: string; subject: string; message: string }[]>; run: (task: string) => Promise<void> }> {
  const fx = await makeFixture(t);
  const dpPort = await freeLoopbackPort();
  fx.write('groups.yaml', groupYaml('office', { distributionPoints: [{ name: 'dp-1', repository: fx.repo('dp-1'), address: `http://127.0.0.1:${dpPort}` }], devices: [{ name: 'ws-1', os: 'linux', license: { expires: '2099-12-31' } }] }));
  fx.write('sources.yaml', sourceYaml('vendor', { url: fx.vendorUrl, timeoutSeconds: 5 }));
  fx.write('tasks.yaml', [
    taskYaml('Update', { type: 'Update', scope: { group: 'office' }, settings: { sources: ['vendor'], applicationUpdateMode: 'downloadOnly' } }),
    taskYaml('Download', { type: 'DownloadUpdatesToDistributionPoints', scope: { group: 'office' }, settings: { sources: ['vendor'], withholdingToleranceSeconds: 2 } }),
  ].join(''));
  fx.commit('a DP with a 2 s withholding tolerance, and a device');
  const state = path.join(fx.dir, 'controller.db');
  const running = await startCli(t, ['controller', '--config', fx.config, '--state', state, '--listen', '127.0.0.1:0', '--poll', '1s'], { line: LISTENING, cwd: fx.dir, env: ENV });
  const url = running.ready[1]!;
  await until('the first reconcile', async () => (await api<{ events: unknown[] }>(url, '/api/events?type=ReconcileApplied')).events.length > 0);
  for (const name of ['dp-1', 'ws-1']) {
    const root = path.join(fx.dir, 'agents', name);
    mkdirSync(root, { recursive: true });
    await startCli(t, ['agent', '--controller', url, '--name', name, '--root', root, '--heartbeat', '1s'], { line: /registered as/, cwd: fx.dir, env: ENV });
  }
  return {
    fx,
    url,
    status: async () => {
      const res = await runCli(['status', '--format', 'json', '--controller', url], { t, cwd: fx.dir });
      t.equal(res.code, 0, res.stderr);
      return JSON.parse(res.stdout) as StatusReport;
    },
    events: async (type) => {
      const res = await runCli(['events', '--type', type, '--format', 'json', '--controller', url], { t, cwd: fx.dir });
      t.equal(res.code, 0, res.stderr);
      const body = JSON.parse(res.stdout) as { events?: { type: string; subject: string; message: string }[] } | { type: string; subject: string; message: string }[];
      return Array.isArray(body) ? body : (body.events ?? []);
    },
    run: async (task) => {
      const res = await runCli(['run', task, '--controller', url, '--wait', '--interval', '100', '--format', 'json'], { t, cwd: fx.dir, env: ENV, timeoutMs: 60_000 });
      t.equal(res.code, 0, `${task}: ${res.stderr}`);
    },
  };
}

const dp = (report: StatusReport) => report.distributionPoints.find((d) => d.name === 'dp-1');

void t.test('a frozen DP (newer version at the vendor, not synced) and an expired one are withholding; an up-to-date one is fresh', async (t) => {
  const w = await world(t);
  await w.run('Update');
  await w.run('Download');
  await until('dp-1 fresh at v1', async () => dp(await w.status())?.freshness?.state === 'fresh', 15_000);
  t.match(dp(await w.status()), { timestamp: { version: 1 }, freshness: { state: 'fresh', sourceVersion: 1 } }, 'up to date: fresh, the newest at its source');
  const device = (await w.status()).devices?.find((d) => d.name === 'ws-1');
  t.match(device, { timestamp: { version: 1 } }, 'the device reports the timestamp it holds');
  t.notOk(device?.behindWithholding, 'not behind a withholding DP');
  await new Promise((r) => setTimeout(r, 3000));
  t.same(await w.events('DistributionPointWithholding'), [], 'an up-to-date DP raises no event, past the tolerance too');

  // The vendor publishes v2; the DP is frozen (its Download task does not run) and keeps serving v1.
  t.equal(await w.fx.publish(2), 2);
  await until('dp-1 withholding', async () => dp(await w.status())?.freshness?.state === 'withholding', 20_000);
  const frozen = await w.status();
  t.match(dp(frozen), { timestamp: { version: 1 }, freshness: { state: 'withholding', detail: /^source vendor has v2 since \S+, DP serves v1$/, sourceVersion: 2 } });
  t.match(frozen.devices?.find((d) => d.name === 'ws-1'), { behindWithholding: 'dp-1' }, 'the device behind it is told apart');
  const text = await runCli(['status', '--controller', w.url], { t, cwd: w.fx.dir });
  t.match(text.stdout, /NAME\s+GROUP\s+OS\s+VERSION\s+AGE\s+DRIFT\s+SOURCE\s+FRESHNESS\n\s+dp-1\s+office\s+windows\s+v1\s+.*withholding: source vendor has v2 since \S+, DP serves v1/);
  t.match(text.stdout, /ws-1\s+\S+\s+\S+\s+\S+ \(behind withholding dp-1\)/);
  const groups = await (await fetch(`${w.url}/groups`)).text();
  t.match(groups, /<th scope="row">dp-1<\/th>.*<span class="badge bad">withholding<\/span><br><span class="muted">source vendor has v2 since \S+, DP serves v1<\/span>/s, 'the console\u2019s group page says so too');
  await new Promise((r) => setTimeout(r, 2500));
  const raised = await w.events('DistributionPointWithholding');
  t.match(raised, [{ type: 'DistributionPointWithholding', subject: 'dp-1', message: /^withholding updates: source vendor has v2/ }], 'one event, however many heartbeats since');
  t.equal(raised.length, 1);
  const listed = await runCli(['events', '--controller', w.url], { t, cwd: w.fx.dir });
  t.match(listed.stdout, /DistributionPointWithholding/);

  // It catches up: fresh again, and the recovery is an event.
  await w.run('Download');
  await until('dp-1 fresh at v2', async () => dp(await w.status())?.freshness?.state === 'fresh', 15_000);
  t.match(await w.events('DistributionPointFresh'), [{ subject: 'dp-1', message: /^no longer withholding updates: serves v2/ }]);
  t.match(await (await fetch(`${w.url}/groups`)).text(), /<th scope="row">dp-1<\/th>.*<span class="badge ok">fresh<\/span>/s, 'and fresh again there');

  // An expired timestamp: v3 published with a 6 s lifetime and synced; once it expires the DP withholds at once.
  const version = (await publishRepository({ contentDir: path.join(w.fx.dir, 'content'), repoDir: path.join(w.fx.dir, 'vendor-repo'), keysDir: path.join(w.fx.dir, 'keys'), expires: '6s' })).version;
  t.equal(version, 3);
  await w.run('Download');
  await until('dp-1 serving v3', async () => dp(await w.status())?.timestamp?.version === 3, 15_000);
  await until('dp-1 withholding (expired)', async () => dp(await w.status())?.freshness?.state === 'withholding', 20_000);
  t.match(dp(await w.status()), { freshness: { detail: /^timestamp v3 expired at \S+$/ } });
  const expired = await w.events('DistributionPointWithholding');
  t.equal(expired.length, 2, 'a second transition, a second event');
  t.match(expired[0], { message: /^withholding updates: timestamp v3 expired at / }, 'newest first');
});
