/**
 * Maintenance windows through real agents (issue 19; docs/architecture.md "Maintenance
 * windows"): a `downloadAndInstall` run outside every window downloads the module but does not
 * install it — the device result says it waits for the window and when it opens, and so do the
 * agent's heartbeat and the status — then the agent installs and restarts it when the window
 * opens; a run inside a window installs at once. Windows are set from the real clock the agent
 * reads (6-field cron with seconds), so the test waits seconds, not hours.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { taskYaml } from '../helpers/manifests.js';
import { makeWorld, officeYaml, sourceYaml, type World } from './helpers/world.js';

/** A 6-field cron (seconds first) that fires once a day at the UTC second of `at`. */
const dailyAt = (at: Date): string => `${at.getUTCSeconds()} ${at.getUTCMinutes()} ${at.getUTCHours()} * * *`;

function installTask(windows: { cron: string; duration: string; timeZone: string }[]): string {
  return taskYaml('Install', { type: 'Update', scope: { group: 'office' }, settings: { sources: ['vendor'], applicationUpdateMode: 'downloadAndInstall', healthCheck: { command: 'exit 0', timeoutSeconds: 10 }, maintenanceWindows: windows } });
}

const appFile = (root: string, rel: string): string | undefined => {
  const file = path.join(root, 'app', rel);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
};

async function world(t: Test, tasks: string): Promise<World> {
  return makeWorld(t, {
    config: (fx, dpPort) => ({ 'sources.yaml': sourceYaml('vendor', fx.vendorUrl), 'groups.yaml': officeYaml(fx, dpPort, ['ws-1']), 'tasks.yaml': tasks }),
  });
}

async function runAndWait(w: World, task: string) {
  const run = await w.controller.runTask(task);
  await w.controller.idle();
  const [result] = await w.fx.store.listDeviceResults(run.id);
  return { run: await w.fx.store.getRun(run.id), result };
}

void t.test('outside the window the install waits and says until when; when the window opens the agent installs', async (t) => {
  // Opens 12 s from now (whole seconds), for 30 minutes; closed now.
  const opens = new Date(Math.ceil((Date.now() + 12_000) / 1000) * 1000);
  const w = await world(t, installTask([{ cron: dailyAt(opens), duration: '30m', timeZone: 'UTC' }]));
  const root = path.join(w.fx.dir, 'agents', 'ws-1');
  const agent = w.agent('ws-1');
  await w.waitFor('the agent', () => w.hub.hasAgent('ws-1'));

  const { run, result } = await runAndWait(w, 'Install');
  t.equal(run?.status, 'completed', 'the run completes: the download is done');
  t.equal(result?.status, 'completed', result?.reason ?? '');
  t.match(result?.reason, new RegExp(`module \\S+ downloaded; its install is waiting for the maintenance window at ${opens.toISOString().replace(/[.]/g, '\\.')}`), 'the device result says it waits, and until when');
  t.ok(Date.now() < opens.getTime(), 'the run ended before the window opened');
  t.equal(appFile(root, 'current'), undefined, 'nothing is installed yet');
  t.equal(appFile(root, 'running'), undefined, 'and nothing (re)started');
  await w.waitFor('the waiting install in status', async () => /waiting for the maintenance window at/.test((await w.controller.status()).devices?.[0]?.pendingInstall ?? ''));

  await w.waitFor('the install when the window opens', () => appFile(root, 'current') !== undefined, 30_000);
  t.ok(Date.now() >= opens.getTime(), 'installed only once the window had opened');
  const installed = appFile(root, 'current');
  // The install writes `current`, the restart after it `running`: wait for the restart, not just the install.
  await w.waitFor('the restart into it', () => appFile(root, 'running') === installed, 15_000);
  t.equal(appFile(root, 'running'), installed, 'and the application restarted into it');
  await w.waitFor('the install in the heartbeat', async () => {
    const device = (await w.controller.status()).devices?.[0];
    return device !== undefined && device.applicationVersion === installed && device.pendingInstall === undefined;
  });
  t.match(agent.output(), /module \S+ installed in the maintenance window/, 'the agent says so');
  t.equal(await agent.stop(), 0);
});

void t.test('inside an open window the install proceeds in the run', async (t) => {
  // Opened a minute ago, for an hour.
  const opened = new Date(Math.floor((Date.now() - 60_000) / 1000) * 1000);
  const w = await world(t, installTask([{ cron: dailyAt(opened), duration: '1h', timeZone: 'UTC' }]));
  const root = path.join(w.fx.dir, 'agents', 'ws-1');
  const agent = w.agent('ws-1');
  await w.waitFor('the agent', () => w.hub.hasAgent('ws-1'));
  const { result } = await runAndWait(w, 'Install');
  t.equal(result?.status, 'completed', result?.reason ?? '');
  t.notMatch(result?.reason ?? '', /waiting/, 'no wait');
  const installed = appFile(root, 'current');
  t.ok(installed, 'installed in the run');
  t.equal(appFile(root, 'running'), installed, 'and restarted');
  t.equal(await agent.stop(), 0);
});
