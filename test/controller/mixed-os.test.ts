/**
 * Seed 001: "If at least one device running Linux or macOS is within the task scope, the task
 * will have the Failed status. Even if the task is completed successfully on all Windows
 * devices" — and DPs whose own download task is another one are not in the run at all.
 */
import t from 'tap';
import { readLocalRepository } from '../../src/repository/publish/index.js';
import { NON_WINDOWS_REASON } from '../../src/runs/download-to-dp.js';
import { groupYaml, makeFixture, sourceYaml, taskYaml } from './helpers/fixture.js';

t.test('two Windows DPs succeed, one Linux DP fails: the run is failed, the Windows repositories are filled', async (t) => {
  const f = await makeFixture(t);
  f.write('groups.yaml', groupYaml('mixed', [{ name: 'win-1' }, { name: 'win-2' }, { name: 'lin-1', os: 'linux' }, { name: 'win-own', updateTask: 'Own task' }], f.repo));
  f.write('sources.yaml', sourceYaml('vendor', f.vendorUrl));
  f.write('tasks.yaml', taskYaml('Download mixed', { scope: '{group: mixed}', schedule: '{kind: manual}' }) + taskYaml('Own task', { scope: '{devices: [win-own]}', schedule: '{kind: manual}' }));
  f.commit('mixed');
  const c = await f.controller();
  await c.idle();
  t.equal(await f.publish(2), 2, 'the vendor publishes version 2 after the first apply');

  const started = await c.runTask('Download mixed');
  t.equal(started.trigger, 'manual');
  await c.idle();
  const details = await c.getRun(started.id);
  t.equal(details?.run.status, 'failed', 'one Linux DP fails the whole run');
  t.same(details?.results.map((r) => [r.device, r.status]), [['lin-1', 'failed'], ['win-1', 'completed'], ['win-2', 'completed']], 'win-own has its own download task and is not in this run');
  t.match(details?.results.find((r) => r.device === 'lin-1')?.reason, NON_WINDOWS_REASON, 'the Linux DP names the Windows-only rule');
  t.ok(details?.results.filter((r) => r.device.startsWith('win')).every((r) => r.reason === undefined && r.files > 0), 'Windows DPs downloaded the new version');
  for (const dp of ['win-1', 'win-2']) t.equal((await readLocalRepository(f.repo(dp)))?.version, 2, `${dp} holds version 2`);
  t.equal((await f.store.getObservation('win-1'))?.version, '2', 'the observation is recorded after the sync');
});
