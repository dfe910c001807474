/**
 * Devices update from their DP through real agents (docs/design.md 1 "Type Update": "vendor, the
 * device's DP …, in order, with fallback"; docs/design.md 4 `updops agent`): the DP agent syncs from
 * the vendor and serves its repository; device agents fetch from the DP's address; with the DP
 * down they fall back to the vendor; with every source down the run fails and `bases/` stays.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { createMetrics } from '../../src/controller/metrics.js';
import { renderStatusText } from '../../src/status/render.js';
import { NO_AGENT_REASON } from '../../src/runs/index.js';
import { downloadTaskYaml, makeWorld, officeYaml, sourceYaml, updateTaskYaml } from './helpers/world.js';

const bases = (root: string): string => path.join(root, 'bases');
/** The installed daily database's text, wherever the mirror keeps it (hash-prefixed names). */
const daily = (root: string): string => {
  const files = Object.entries(snapshot(bases(root))).filter(([rel]) => rel.endsWith('daily.avc'));
  return files.map(([, text]) => text.split('\n')[0]).sort().join(',');
};
function snapshot(dir: string): Record<string, string> {
  return snapshotOf(dir);
}
const snapshotOf = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
};

void t.test('a device updates from its DP, falls back to the vendor, and keeps its bases when every source is down', async (t) => {
  const w = await makeWorld(t, {
    config: (fx, dpPort) => ({
      'sources.yaml': sourceYaml('vendor', fx.vendorUrl) + sourceYaml('offline', fx.deadUrl),
      'groups.yaml': officeYaml(fx, dpPort, ['ws-1', 'ws-2', 'ws-3']),
      'tasks.yaml': downloadTaskYaml + updateTaskYaml('From the DP only', ['distributionPoint']) + updateTaskYaml('DP then vendor', ['distributionPoint', 'vendor']) + updateTaskYaml('Nothing reachable', ['distributionPoint', 'offline']),
    }),
  });
  const dp = w.agent('dp-1');
  const ws1 = w.agent('ws-1');
  w.agent('ws-2');
  await w.waitFor('three agents', async () => (await w.fx.store.listAgents()).length === 3 && (await Promise.all(['dp-1', 'ws-1', 'ws-2'].map((n) => w.hub.hasAgent(n)))).every(Boolean));
  await w.waitFor('the DP serving', () => /serving/.test(dp.output()));

  const download = await w.controller.runTask('Download to DPs');
  await w.controller.idle();
  t.equal((await w.fx.store.getRun(download.id))?.status, 'completed', 'the DP agent synced from the vendor');
  t.ok(existsSync(path.join(w.fx.repo('dp-1'), 'metadata', 'timestamp.json')), "into its manifest repository folder");
  t.ok((await w.fx.store.getObservation('dp-1'))?.version, "the DP's repository version is recorded");

  const fromDp = await w.controller.runTask('From the DP only');
  await w.controller.idle();
  const results = await w.fx.store.listDeviceResults(fromDp.id);
  t.same(results.map((r) => [r.device, r.status]), [['ws-1', 'completed'], ['ws-2', 'completed'], ['ws-3', 'skipped']], 'both devices with agents updated from the DP alone');
  t.equal(results.find((r) => r.device === 'ws-3')?.reason, NO_AGENT_REASON);
  t.ok(results[0]!.bytes > 0);
  const ws1Root = path.join(w.fx.dir, 'agents', 'ws-1');
  t.match(daily(ws1Root), /daily 1/);

  t.equal(await dp.stop(), 0, 'the DP agent exits 0 on SIGTERM');
  const version = await w.fx.publish(2);
  const fallback = await w.controller.runTask('DP then vendor');
  await w.controller.idle();
  t.same((await w.fx.store.listDeviceResults(fallback.id)).filter((r) => r.status === 'completed').map((r) => r.device), ['ws-1', 'ws-2'], 'DP down: the vendor served');
  t.match(daily(ws1Root), /daily 2/);
  t.ok(version >= 2);

  const before = snapshot(bases(ws1Root));
  const down = await w.controller.runTask('Nothing reachable');
  await w.controller.idle();
  t.equal((await w.fx.store.getRun(down.id))?.status, 'failed', 'every source down: the run fails');
  const r1 = (await w.fx.store.listDeviceResults(down.id)).find((r) => r.device === 'ws-1');
  t.equal(r1?.status, 'failed');
  t.same(snapshot(bases(ws1Root)), before, "the device's bases are unchanged");

  // The databases were on `version` since the fallback run: wait for the heartbeat that carries the failed run too.
  await w.waitFor('a heartbeat after the runs', async () => {
    const beat = (await w.fx.store.getAgent('ws-1'))?.status;
    return beat?.databaseVersion === String(version) && (beat.lastResult as { status?: string } | undefined)?.status === 'failed';
  });
  const status = (await w.fx.store.getAgent('ws-1'))?.status;
  t.equal(status?.freshness, 'upToDate', 'the heartbeat reports freshness');
  t.equal((status?.lastResult as { status?: string } | undefined)?.status, 'failed', 'and the last update result');
  const report = await w.controller.status();
  t.match(report.devices?.find((d) => d.name === 'ws-1'), { databaseVersion: String(version), freshness: 'upToDate', restartRequired: false, lastResult: /^failed at / }, 'status: per device');
  t.match(report.devices?.find((d) => d.name === 'ws-3'), { lastSeen: null, freshness: null });
  t.match(renderStatusText(report), /Devices:\n.*FRESHNESS.*\n\s+ws-1\s+v\d+\s+\S+\s+upToDate/);
  const { registry } = createMetrics(undefined, { state: w.fx.store });
  t.match(await registry.metrics(), /updops_device_freshness\{status="upToDate"\} [12]\n/, 'the freshness gauge');
  t.equal(await ws1.stop(), 0);
});
