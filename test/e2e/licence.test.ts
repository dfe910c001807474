/**
 * The one-update licence rule survives a wiped device folder (issue 16; seed 000: "If there is no
 * current license, you will only be able to perform one update"), through a real `updops
 * controller` and a real `updops agent`: the device does its one update; its folder is wiped
 * (its identity — name, token — is not in it) and the agent restarted; the next run is refused
 * with the licence reason and a `LicenseRequired` event, because the controller kept the count;
 * `updops status` shows it.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { LICENCE_REQUIRED_REASON } from '../../src/endpoint/index.js';
import { openStateStore, type DeviceResult, type RunRecord } from '../../src/state/index.js';
import { makeFixture } from '../controller/helpers/fixture.js';
import { AGENT_ENV, startAgent, startController } from '../helpers/agent-processes.js';
import { groupYaml, sourceYaml, taskYaml } from '../helpers/manifests.js';
import { runCli } from '../helpers/processes.js';
import { until } from '../helpers/wait.js';

interface StatusJson {
  devices: { name: string; unlicensedUpdates: number | null }[];
}

void t.test('an unlicensed device gets one update, even after its folder is wiped', async (t) => {
  const fx = await makeFixture(t);
  fx.write('sources.yaml', sourceYaml('vendor', { url: fx.vendorUrl, timeoutSeconds: 5 }));
  fx.write('groups.yaml', groupYaml('office', { devices: [{ name: 'pc-1', os: 'windows' }] }));
  fx.write('tasks.yaml', taskYaml('Update', { type: 'Update', scope: { group: 'office' }, settings: { sources: ['vendor'], applicationUpdateMode: 'disabled' }, schedule: { kind: 'manual' } }));
  fx.commit('a device without a licence');
  const state = path.join(fx.dir, 'controller.db');
  const root = path.join(fx.dir, 'agents', 'pc-1');
  const controller = await startController(t, fx.config, state, fx.dir);
  const run = async (): Promise<{ code: number; run: RunRecord; results: DeviceResult[] }> => {
    const res = await runCli(['run', 'Update', '--controller', controller.url, '--wait', '--interval', '100', '--format', 'json'], { t, cwd: fx.dir, env: AGENT_ENV });
    return { code: res.code, ...(JSON.parse(res.stdout) as { run: RunRecord; results: DeviceResult[] }) };
  };
  const status = async (): Promise<StatusJson> => JSON.parse((await runCli(['status', '--state', state, '--format', 'json'], { t, env: AGENT_ENV })).stdout) as StatusJson;

  const agent = await startAgent(t, controller.url, 'pc-1', root);
  const first = await run();
  t.equal(first.code, 0, 'the one unlicensed update');
  t.match(first.results, [{ device: 'pc-1', status: 'completed' }]);
  t.match((await status()).devices, [{ name: 'pc-1', unlicensedUpdates: 1 }], 'the controller counted it');

  t.equal((await agent.stop()).code, 0);
  rmSync(root, { recursive: true, force: true });
  await startAgent(t, controller.url, 'pc-1', root);
  // The fresh folder's heartbeat says 0: the controller keeps the larger count.
  await until('a heartbeat from the wiped device', async () => {
    const store = await openStateStore({ path: state, create: false });
    try {
      return (await store.getAgent('pc-1'))?.status?.unlicensedUpdates === 0;
    } finally {
      await store.close();
    }
  });
  t.match((await status()).devices, [{ name: 'pc-1', unlicensedUpdates: 1 }], 'a wiped device reporting 0 does not lower the count');
  const second = await run();
  t.equal(second.code, 1, 'refused');
  t.match(second.run, { status: 'failed' });
  t.equal(second.results[0]?.status, 'failed');
  t.ok(second.results[0]?.reason?.startsWith(LICENCE_REQUIRED_REASON), second.results[0]?.reason ?? '');

  const events = await runCli(['events', '--type', 'LicenseRequired', '--state', state, '--format', 'json'], { t, env: AGENT_ENV });
  t.equal(events.code, 0, events.stderr);
  t.match(JSON.parse(events.stdout), [{ type: 'LicenseRequired', subject: 'pc-1', data: { runId: second.run.id } }], 'one LicenseRequired event for pc-1');

  t.match((await status()).devices, [{ name: 'pc-1', unlicensedUpdates: 1 }], 'still one: the refused run counts nothing');
  const text = await runCli(['status', '--controller', controller.url], { t, env: AGENT_ENV });
  t.match(text.stdout, /UNLICENSED UPDATES/);
  t.match(text.stdout, /\n\s+pc-1\s.*\s1\s+\S+\s+\d{4}-\d\d-\d\dT/, 'the count, then SOURCE, then LAST SEEN');
});
