/**
 * A download task's bandwidth cap reaches a real DP agent (issue 19): the assignment carries the
 * cap on the DP link, and the agent's sync holds 3 MB to 1MB/s — 2.7–4.5 s on its result —
 * while the next version with the task marked `urgent` comes at full speed.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { seededBytes } from '../helpers/loopback.js';
import { taskYaml } from '../helpers/manifests.js';
import { makeWorld, officeYaml, sourceYaml } from './helpers/world.js';

const SIZE = 3_000_000;
const download = (urgent: boolean): string => taskYaml('Download to DPs', { scope: { group: 'office' }, settings: { sources: ['vendor'], bandwidth: { limit: '1MB/s' }, ...(urgent ? { urgent: true } : {}) } });

void t.test("a DP agent's sync takes the task's cap on its link; urgent ignores it", async (t) => {
  const w = await makeWorld(t, {
    config: (fx, dpPort) => ({ 'sources.yaml': sourceYaml('vendor', fx.vendorUrl), 'groups.yaml': officeYaml(fx, dpPort, []), 'tasks.yaml': download(false) }),
  });
  const big = (release: number): void => writeFileSync(path.join(w.fx.dir, 'content', 'databases', 'kes', 'big.avc'), seededBytes(`big-${release}`, SIZE));
  big(2);
  await w.fx.publish(2);
  const dp = w.agent('dp-1');
  await w.waitFor('the DP agent', () => w.hub.hasAgent('dp-1'));
  const runOnce = async () => {
    const run = await w.controller.runTask('Download to DPs');
    await w.controller.idle();
    const [result] = await w.fx.store.listDeviceResults(run.id);
    return result;
  };
  const capped = await runOnce();
  t.equal(capped?.status, 'completed', capped?.reason ?? '');
  t.ok((capped?.bytes ?? 0) >= SIZE, `3 MB came to the DP (${capped?.bytes})`);
  t.ok((capped?.durationMs ?? 0) >= 2_700 && (capped?.durationMs ?? 0) <= 4_500, `the DP agent's capped sync took ${capped?.durationMs} ms`);
  // The agent logs the outcome after the controller has its result: wait for the line, do not race it.
  await w.waitFor('the agent to log the completed run', () => /run \S+: completed/.test(dp.output()), 10_000);
  t.match(dp.output(), /run \S+: completed/);

  big(3);
  await w.fx.publish(3);
  w.fx.write('tasks.yaml', download(true));
  w.fx.commit('urgent');
  const reconciled = await w.controller.reconcileNow('test');
  t.equal(reconciled.status, 'applied', reconciled.error ?? 'applied');
  await w.controller.idle();
  const urgent = await runOnce();
  t.equal(urgent?.status, 'completed', urgent?.reason ?? '');
  t.ok((urgent?.bytes ?? 0) >= SIZE);
  t.ok((urgent?.durationMs ?? Infinity) < 2_000, `urgent: ${urgent?.durationMs} ms`);
  t.equal(await dp.stop(), 0);
});
