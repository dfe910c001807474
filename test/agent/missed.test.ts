/**
 * Run missed tasks with real agents (seed 001 / docs/design.md 1 "Run missed tasks"): a device whose
 * agent was not there at a `once` start runs the task when its agent registers — only with
 * `runMissed: true`. The controller runs in-process on a FakeClock; the agents are processes.
 */
import t from 'tap';
import { START } from '../controller/helpers/fixture.js';
import { NO_AGENT_REASON } from '../../src/runs/index.js';
import { makeWorld, officeYaml, sourceYaml, updateTaskYaml } from './helpers/world.js';

const at = new Date(Date.parse(START) + 60_000).toISOString();

void t.test('an agent registering after a missed start runs the task only with runMissed', async (t) => {
  const w = await makeWorld(t, {
    config: (fx, dpPort) => ({
      'sources.yaml': sourceYaml('vendor', fx.vendorUrl),
      'groups.yaml': officeYaml(fx, dpPort, ['ws-1']),
      'tasks.yaml':
        updateTaskYaml('Missed runs', ['vendor'], { schedule: { kind: 'once', at, timeZone: 'UTC' }, runMissed: true }) +
        updateTaskYaml('No missed runs', ['vendor'], { schedule: { kind: 'once', at, timeZone: 'UTC' }, runMissed: false }),
    }),
  });
  await w.fx.clock.advance(120_000);
  await w.controller.idle();
  const scheduled = (await w.fx.store.listRuns()).filter((r) => r.trigger === 'schedule');
  t.equal(scheduled.length, 2, 'both tasks started on schedule');
  for (const run of scheduled) t.same((await w.fx.store.listDeviceResults(run.id)).map((r) => [r.status, r.reason]), [['skipped', NO_AGENT_REASON]]);

  w.agent('ws-1');
  await w.waitFor('the missed run', async () => (await w.fx.store.listRuns()).some((r) => r.trigger === 'missed' && r.status === 'completed'));
  await w.controller.idle();
  const missed = (await w.fx.store.listRuns()).filter((r) => r.trigger === 'missed');
  t.same(missed.map((r) => [r.task, r.status]), [['Missed runs', 'completed']], 'only the runMissed task ran, on registration');
  t.same((await w.fx.store.listDeviceResults(missed[0]!.id)).map((r) => [r.device, r.status]), [['ws-1', 'completed']]);
});
