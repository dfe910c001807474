/**
 * The module lifecycle through real agents (docs/design.md 1 "Type Update", seed 000 "Updating
 * application modules"): the device agent supervises the application, so a `downloadAndInstall`
 * run ends with the restart and the health check; a failing check rolls back to the previous
 * version and settings (`ApplicationRolledBack` in `updops events`, the device result `failed`
 * with the reason); a healthy one is `completed` and the restart shows in `updops status`. With
 * `--defer-restart` the restart waits for the agent's next start, and `updops app-settings set`
 * is refused meanwhile (the old value stays). Thresholds of the last assignment outlive an agent
 * restart, and a device without databases shows so in status.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { taskYaml } from '../helpers/manifests.js';
import { runCli } from '../helpers/processes.js';
import { makeWorld, officeYaml, sourceYaml, TOKEN, type World } from './helpers/world.js';

const DAY_MS = 86_400_000;

function installTask(name: string, healthCommand: string, extra: Record<string, unknown> = {}): string {
  return taskYaml(name, { type: 'Update', scope: { group: 'office' }, settings: { sources: ['vendor'], applicationUpdateMode: 'downloadAndInstall', healthCheck: { command: healthCommand, timeoutSeconds: 10 }, ...extra } });
}

const appFile = (root: string, rel: string): string | undefined => {
  const file = path.join(root, 'app', rel);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
};

async function world(t: Test, tasks: string, devices = ['ws-1']): Promise<World> {
  return makeWorld(t, {
    config: (fx, dpPort) => ({
      'sources.yaml': sourceYaml('vendor', fx.vendorUrl),
      'groups.yaml': officeYaml(fx, dpPort, devices),
      'tasks.yaml': tasks,
    }),
  });
}

async function runAndWait(w: World, task: string) {
  const run = await w.controller.runTask(task);
  await w.controller.idle();
  const record = await w.fx.store.getRun(run.id);
  const [result] = await w.fx.store.listDeviceResults(run.id);
  return { run: record, result };
}

const api = (w: World): string => `http://127.0.0.1:${w.api.port}`;
/** `updops status` reads the state store the controller writes. */
const stateFile = (w: World): string => path.join(w.fx.dir, 'state.db');
/** The API's status (`GET /api/status`), as the dashboard and scripts read it. */
async function apiDevices(w: World): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${api(w)}/api/status`);
  return ((await response.json()) as { devices: Record<string, unknown>[] }).devices;
}
const cli = (w: World, args: string[]) => runCli(args, { env: { UPDOPS_TOKEN: TOKEN, UPDOPS_CONTROLLER: undefined, UPDOPS_STATE: undefined }, timeoutMs: 30_000 }).then((r) => ({ ...r, api: api(w) }));

void t.test('health check exits 1 after a module install: rolled back to the previous version and settings; healthy: completed, restart recorded', async (t) => {
  const w = await world(t, installTask('Install healthy', 'exit 0') + installTask('Install unhealthy', 'exit 1'));
  const root = path.join(w.fx.dir, 'agents', 'ws-1');
  const agent = w.agent('ws-1');
  await w.waitFor('the agent', () => w.hub.hasAgent('ws-1'));

  const first = await runAndWait(w, 'Install healthy');
  t.equal(first.result?.status, 'completed', first.result?.reason ?? '');
  const v1 = appFile(root, 'current');
  t.ok(v1, 'a version is installed');
  t.equal(appFile(root, 'running'), v1, 'the agent started the application it supervises (app/running exists)');

  const set = await cli(w, ['app-settings', 'set', '--root', root, 'scan.level=high', 'trusted=true']);
  t.equal(set.code, 0, set.stderr);
  t.same(JSON.parse(readFileSync(path.join(root, 'app', 'versions', v1!, 'settings.json'), 'utf8')), { scan: { level: 'high' }, trusted: true });

  await w.fx.publish(2);
  const bad = await runAndWait(w, 'Install unhealthy');
  t.equal(bad.run?.status, 'failed', 'the run fails');
  t.equal(bad.result?.status, 'failed', "the device's result is failed");
  t.match(bad.result?.reason, /did not work properly after the update to \S+ \(health check failed\); it was rolled back to /, 'with the reason');
  t.equal(appFile(root, 'current'), v1, 'back at the previous version');
  t.equal(appFile(root, 'running'), v1, 'and running it');
  const shown = await cli(w, ['app-settings', 'show', '--root', root]);
  t.same(JSON.parse(shown.stdout), { scan: { level: 'high' }, trusted: true }, 'with its settings');

  const events = await cli(w, ['events', '--controller', api(w), '--type', 'ApplicationRolledBack', '--format', 'json']);
  t.equal(events.code, 0, events.stderr);
  const rolled = JSON.parse(events.stdout) as { subject: string; message: string; data: { to: string } }[];
  t.equal(rolled.length, 1, 'updops events lists one ApplicationRolledBack');
  t.match(rolled[0], { subject: 'ws-1', message: /rolled back from \S+ to / , data: { to: v1 } });

  await w.waitFor('the rollback in the heartbeat', async () => /rolled back/.test(JSON.stringify((await w.controller.status()).devices)));
  const v3 = String(await w.fx.publish(3));
  const good = await runAndWait(w, 'Install healthy');
  t.equal(good.result?.status, 'completed', good.result?.reason ?? '');
  t.equal(appFile(root, 'current'), v3);
  t.equal(appFile(root, 'running'), v3, 'restarted into the new version');
  await w.waitFor('the healthy restart in the heartbeat', async () => (await w.controller.status()).devices?.[0]?.lastRestart?.startsWith('healthy') === true);
  const status = await cli(w, ['status', '--state', stateFile(w), '--format', 'json']);
  t.equal(status.code, 0, status.stderr);
  const row = (JSON.parse(status.stdout) as { devices: { name: string; lastRestart: string; restartRequired: boolean; applicationVersion: string }[] }).devices.find((d) => d.name === 'ws-1');
  t.match(row, { lastRestart: new RegExp(`^healthy at \\S+ \\(${v3}\\)$`), restartRequired: false, applicationVersion: v3 }, 'updops status --format json: the restart');
  const text = await cli(w, ['status', '--state', stateFile(w)]);
  t.match(text.stdout, /LAST RESTART/);
  t.match((await apiDevices(w)).find((d) => d.name === 'ws-1'), { lastRestart: /^healthy at / }, 'and in the API status');
  t.match(text.stdout, new RegExp(`healthy at \\S+ \\(${v3}\\)`), 'and in text');
  t.equal(await agent.stop(), 0);
});

void t.test('--defer-restart: a settings change between install and restart is refused and the old value kept; the restart happens when the agent starts', async (t) => {
  const w = await world(t, installTask('Install', 'exit 0'));
  const root = path.join(w.fx.dir, 'agents', 'ws-1');
  let agent = w.agent('ws-1');
  await w.waitFor('the agent', () => w.hub.hasAgent('ws-1'));
  t.equal((await runAndWait(w, 'Install')).result?.status, 'completed');
  const v1 = appFile(root, 'current')!;
  t.equal((await cli(w, ['app-settings', 'set', '--root', root, 'scan.level=high'])).code, 0);
  t.equal(await agent.stop(), 0);

  agent = w.agent('ws-1', ['--defer-restart']);
  await w.waitFor('the deferring agent', async () => (await w.hub.hasAgent('ws-1')) && /registered/.test(agent.output()));
  const v2 = String(await w.fx.publish(2));
  const run = await runAndWait(w, 'Install');
  t.equal(run.result?.status, 'completed', run.result?.reason ?? '');
  t.equal(appFile(root, 'current'), v2, 'installed');
  t.equal(appFile(root, 'running'), v1, 'the old version keeps running until the restart');
  await w.waitFor('restart required in status', async () => (await w.controller.status()).devices?.[0]?.restartRequired === true);

  const refused = await cli(w, ['app-settings', 'set', '--root', root, 'scan.level=low']);
  t.equal(refused.code, 1, 'refused');
  t.match(refused.stderr, /settings not changed: changes to the application settings made after the update is complete and before the application restarts are not saved: restart the application \(now at \S+\) first/, 'saying why');
  t.notMatch(refused.stderr, /\n\s+at /, 'one line, no stack');
  t.equal(await agent.stop(), 0);

  agent = w.agent('ws-1');
  await w.waitFor('the restart at agent start', () => /application restarted at/.test(agent.output()));
  t.equal(appFile(root, 'running'), v2, 'restarted into the new version');
  t.same(JSON.parse((await cli(w, ['app-settings', 'show', '--root', root])).stdout), { scan: { level: 'high' } }, 'after the restart the value is the old one');
  await w.waitFor('the restart in status', async () => {
    const d = (await w.controller.status()).devices?.[0];
    return d?.restartRequired === false && d.lastRestart?.startsWith('healthy') === true;
  });
  t.equal((await cli(w, ['app-settings', 'set', '--root', root, 'scan.level=low'])).code, 0, 'after the restart changes are saved again');
  t.equal(await agent.stop(), 0);
});

void t.test("an agent restart keeps the task's freshness thresholds (no false BasesAreTotallyOutOfDate); without databases shows in status", async (t) => {
  const thresholds = { sources: ['vendor'], applicationUpdateMode: 'disabled', outOfDateDays: 15, totallyOutOfDateDays: 20 };
  const w = await world(t, taskYaml('Update', { type: 'Update', scope: { devices: ['ws-1'] }, settings: thresholds }), ['ws-1', 'ws-2']);
  await w.fx.publish(2, new Date(Date.now() - 10 * DAY_MS).toISOString());
  let agent = w.agent('ws-1');
  const bare = w.agent('ws-2');
  await w.waitFor('the agents', async () => (await w.hub.hasAgent('ws-1')) && (await w.hub.hasAgent('ws-2')));
  await w.waitFor('ws-2 without databases in status', async () => (await w.controller.status()).devices?.find((d) => d.name === 'ws-2')?.basesMode === 'withoutDatabases');
  const json = await cli(w, ['status', '--state', stateFile(w), '--format', 'json']);
  t.match((JSON.parse(json.stdout) as { devices: unknown[] }).devices.find((d) => (d as { name: string }).name === 'ws-2'), { basesMode: 'withoutDatabases', freshness: 'none' }, 'updops status --format json: without databases');
  t.match((await cli(w, ['status', '--state', stateFile(w)])).stdout, /ws-2\s+-\s+-\s+none\s+without databases/, 'and in text');
  t.match((await apiDevices(w)).find((d) => d.name === 'ws-2'), { basesMode: 'withoutDatabases' }, 'and in the API status');
  t.equal(await bare.stop(), 0);

  const { result } = await runAndWait(w, 'Update');
  t.equal(result?.status, 'completed', result?.reason ?? '');
  const beat = async () => (await w.fx.store.getAgent('ws-1'))?.status as { freshness?: string; basesMode?: string } | undefined;
  await w.waitFor('a heartbeat after the run', async () => (await beat())?.freshness === 'upToDate');
  t.equal(await agent.stop(), 0);

  agent = w.agent('ws-1');
  await w.waitFor('the restarted agent', async () => /registered/.test(agent.output()));
  // Several heartbeats (1 s apart) of the restarted agent: with the defaults (3/7 days) the first one would say totallyOutOfDate.
  const seen = (await w.fx.store.getAgent('ws-1'))?.lastSeen;
  await w.waitFor('two heartbeats', async () => (await w.fx.store.getAgent('ws-1'))?.lastSeen !== seen);
  await new Promise((r) => setTimeout(r, 1500));
  t.equal((await beat())?.freshness, 'upToDate', '10-day-old databases are up to date with thresholds 15/20 after the agent restart');
  t.equal((await beat())?.basesMode, 'normal');
  const events = await w.fx.store.listEvents({ limit: 100 });
  t.same(events.filter((e) => /^BasesAre/.test(e.type)).map((e) => e.type), [], 'no false freshness event');
  t.equal(await agent.stop(), 0);
});

void t.test('within a run, a settings change between the install and the restart (a slow health check) is refused and the old value kept', async (t) => {
  const w = await world(t, installTask('Install', 'sleep 2'));
  const root = path.join(w.fx.dir, 'agents', 'ws-1');
  const agent = w.agent('ws-1');
  await w.waitFor('the agent', () => w.hub.hasAgent('ws-1'));
  t.equal((await runAndWait(w, 'Install')).result?.status, 'completed');
  const v1 = appFile(root, 'current')!;
  t.equal((await cli(w, ['app-settings', 'set', '--root', root, 'scan.level=high'])).code, 0);
  const v2 = String(await w.fx.publish(2));
  const pending = runAndWait(w, 'Install');
  await w.waitFor('the install of the new version', () => appFile(root, 'current') === v2);
  const refused = await cli(w, ['app-settings', 'set', '--root', root, 'scan.level=low']);
  t.equal(refused.code, 1, 'refused while the run restarts and health-checks');
  t.match(refused.stderr, /are not saved: restart the application/);
  const { result } = await pending;
  t.equal(result?.status, 'completed', result?.reason ?? '');
  t.not(v1, v2);
  t.same(JSON.parse((await cli(w, ['app-settings', 'show', '--root', root])).stdout), { scan: { level: 'high' } }, 'the old value');
  t.equal(await agent.stop(), 0);
});
