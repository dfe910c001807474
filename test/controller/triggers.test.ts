/**
 * Event triggers (docs/design.md 1; seed 001 "On completing another task", "On virus outbreak"):
 * chained tasks start after their predecessor with the right outcome, only on the DPs both
 * tasks share; an outbreak starts only the tasks that watch its application type.
 */
import t from 'tap';
import type { RunRecord } from '../../src/state/index.js';
import { groupYaml, makeFixture, runsOf, sourceYaml, taskYaml } from './helpers/fixture.js';

const chained = (name: string, after: string, outcome: string, scope = '{group: hq}'): string =>
  taskYaml(name, { scope, schedule: `{kind: onTaskCompletion, task: "${after}", outcome: ${outcome}}` });

t.test('onTaskCompletion: success, failure and any; only shared devices; nothing shared, no run', async (t) => {
  const f = await makeFixture(t);
  f.write('groups.yaml', groupYaml('hq', [{ name: 'dp-1' }, { name: 'dp-2' }], f.repo) + groupYaml('lab', [{ name: 'dp-lab' }], f.repo));
  f.write('sources.yaml', sourceYaml('vendor', f.vendorUrl) + sourceYaml('dead', f.deadUrl, 'http'));
  f.write('tasks.yaml', [
    taskYaml('Good', { scope: '{devices: [dp-1]}', schedule: '{kind: manual}' }),
    taskYaml('Bad', { scope: '{devices: [dp-1]}', schedule: '{kind: manual}', sources: ['dead'] }),
    chained('After good success', 'Good', 'success'),
    chained('After good failure', 'Good', 'failure'),
    chained('After bad success', 'Bad', 'success'),
    chained('After bad failure', 'Bad', 'failure'),
    chained('After bad any', 'Bad', 'any'),
    chained('After good elsewhere', 'Good', 'any', '{group: lab}'),
  ].join(''));
  f.commit('chains');
  const c = await f.controller();
  await c.idle();
  const seen = new Set((await runsOf(f.store)).map((r) => r.id));
  const fresh = async (): Promise<RunRecord[]> => (await runsOf(f.store)).filter((r) => !seen.has(r.id));

  await c.runTask('Good');
  await c.idle();
  await f.clock.flush();
  const afterGood = await fresh();
  t.same(afterGood.map((r) => [r.task, r.trigger, r.status]), [['Good', 'manual', 'completed'], ['After good success', 'chain', 'completed']], 'only the success chain follows a completed run; nothing shared with lab, no run');
  const chainRun = afterGood[1]!;
  t.same((await f.store.listDeviceResults(chainRun.id)).map((r) => r.device), ['dp-1'], 'the chained run covers only the DP both tasks share (not dp-2)');
  for (const r of afterGood) seen.add(r.id);

  await c.runTask('Bad');
  await c.idle();
  const afterBad = await fresh();
  t.same(afterBad.map((r) => [r.task, r.trigger]).sort(), [['After bad any', 'chain'], ['After bad failure', 'chain'], ['Bad', 'manual']], 'failure and any follow a failed run, success does not');
  t.equal(afterBad.find((r) => r.task === 'Bad')?.status, 'failed', 'the dead source fails the predecessor');
});

t.test('an outbreak starts only the tasks watching its application type', async (t) => {
  const f = await makeFixture(t);
  f.write('groups.yaml', groupYaml('hq', [{ name: 'dp-1' }], f.repo));
  f.write('sources.yaml', sourceYaml('vendor', f.vendorUrl));
  f.write('tasks.yaml', [
    taskYaml('On mail', { scope: '{group: hq}', schedule: '{kind: onOutbreak, applicationTypes: [mail]}' }),
    taskYaml('On perimeter', { scope: '{group: hq}', schedule: '{kind: onOutbreak, applicationTypes: [perimeter]}' }),
    taskYaml('On any outbreak', { scope: '{group: hq}', schedule: '{kind: onOutbreak}' }),
    taskYaml('Manual', { scope: '{group: hq}', schedule: '{kind: manual}' }),
  ].join(''));
  f.commit('outbreak tasks');
  const c = await f.controller();
  await c.idle();
  const started = await c.outbreak('mail');
  t.same(started.map((r) => r.task).sort(), ['On any outbreak', 'On mail']);
  t.ok(started.every((r) => r.trigger === 'outbreak'));
  await c.idle();
  t.same((await runsOf(f.store, undefined, 'outbreak')).map((r) => r.status), ['completed', 'completed']);
  t.same((await c.listEvents({ type: 'VirusOutbreak' })).map((e) => e.subject), ['mail']);
});
