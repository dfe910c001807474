/**
 * Work an apply starts reaches a DP through its agent (docs/architecture.md "Runs"; issue: one
 * executor for every trigger): the controller's reconcile records the new config, starts a
 * repair run on the DP's empty repository, and that run goes to the live DP agent — a REAL
 * `updops agent` process — which syncs and reports. The controller syncs nothing itself.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { downloadTaskYaml, makeWorld, officeYaml, sourceYaml } from './helpers/world.js';

const scheduled = downloadTaskYaml.replace('schedule: {kind: manual}', 'schedule: {kind: weekly, day: monday, time: "03:00", timeZone: Europe/Berlin}');

void t.test('an apply-started repair of an empty DP repository runs on the DP agent, not in the controller', async (t) => {
  const w = await makeWorld(t, {
    config: (fx, dpPort) => ({
      'sources.yaml': sourceYaml('vendor', fx.vendorUrl),
      'groups.yaml': officeYaml(fx, dpPort, ['ws-1']),
      'tasks.yaml': downloadTaskYaml,
    }),
  });
  t.same((await w.fx.store.listRuns()).map((r) => r.task), [], 'a manual task never runs on apply');
  t.notOk(existsSync(path.join(w.fx.repo('dp-1'), 'metadata', 'timestamp.json')), 'its DP stays empty');

  const dp = w.agent('dp-1');
  await w.waitFor('the DP agent', () => w.hub.hasAgent('dp-1'));

  w.fx.write('tasks.yaml', scheduled);
  w.fx.commit('the download task runs weekly now');
  const reconciled = await w.controller.reconcileNow('test');
  t.equal(reconciled.status, 'applied', reconciled.error ?? 'applied');
  await w.controller.idle();

  const runs = await w.fx.store.listRuns();
  t.equal(runs.length, 1, 'one run');
  const [run] = runs;
  t.match(run, { task: 'Download to DPs', trigger: 'apply', status: 'completed' });
  const results = await w.fx.store.listDeviceResults(run!.id);
  t.match(results, [{ device: 'dp-1', status: 'completed' }]);
  t.ok(results[0]!.files > 0, 'files were synced');
  // The agent logs the outcome after the controller acknowledged its result: wait for the line, do not race it.
  await w.waitFor('the agent to log the run', () => new RegExp(`run ${run!.id}: completed`).test(dp.output()));
  t.match(dp.output(), new RegExp(`run ${run!.id}: completed`), 'the agent ran it and says so');
  t.notOk(await w.fx.store.claimAgentResult(run!.id, 'dp-1'), 'the result was the agent\'s own report (already claimed)');
  t.ok(existsSync(path.join(w.fx.repo('dp-1'), 'metadata', 'timestamp.json')), 'the DP repository is filled');

  const again = await w.controller.reconcileNow('test');
  t.equal(again.status, 'unchanged');
  await w.controller.idle();
  t.equal((await w.fx.store.listRuns()).length, 1, 'a filled DP is not synced again');
});
