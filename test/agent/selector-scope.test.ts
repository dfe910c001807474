/**
 * Task scope by device labels (seed 001 "device selection"; issue 16): an Update task whose scope is
 * a label selector runs on the labelled devices only, through real device agents and `updops run`;
 * a selector on a download task is a validate error at its position, and a selector matching no
 * device is a warning.
 */
import t from 'tap';
import { groupYaml, taskYaml } from '../helpers/manifests.js';
import { runCli } from '../helpers/processes.js';
import { makeFixture } from '../controller/helpers/fixture.js';
import { makeWorld, sourceYaml, TOKEN } from './helpers/world.js';

const devices = [
  { name: 'pilot-1', os: 'linux' as const, labels: { ring: 'pilot', site: 'hq' }, license: { expires: '2099-12-31' } },
  { name: 'pilot-2', os: 'linux' as const, labels: { ring: 'pilot', site: 'branch' }, license: { expires: '2099-12-31' } },
  { name: 'broad-1', os: 'linux' as const, labels: { ring: 'broad', site: 'hq' }, license: { expires: '2099-12-31' } },
];
const settings = { sources: ['vendor'], applicationUpdateMode: 'disabled' };

void t.test('a selector-scoped Update task runs on the matching devices only, through real agents', async (t) => {
  const w = await makeWorld(t, {
    config: (fx) => ({
      'sources.yaml': sourceYaml('vendor', fx.vendorUrl),
      'groups.yaml': groupYaml('office', { devices: devices.slice(0, 2) }) + groupYaml('branch', { parent: 'office', devices: devices.slice(2) }),
      'tasks.yaml':
        taskYaml('Pilot', { type: 'Update', scope: { selector: { matchLabels: { ring: 'pilot' } } }, settings }) +
        taskYaml('Pilot at HQ', { type: 'Update', scope: { group: 'office', selector: { matchLabels: { ring: 'pilot', site: 'hq' } } }, settings }),
    }),
  });
  const agents = devices.map((d) => w.agent(d.name));
  await w.waitFor('three agents', async () => (await Promise.all(devices.map((d) => w.hub.hasAgent(d.name)))).every(Boolean));
  const url = `http://127.0.0.1:${w.api.port}`;
  const env = { UPDOPS_TOKEN: TOKEN, UPDOPS_CONTROLLER: undefined, UPDOPS_STATE: undefined };

  const run = await runCli(['run', 'Pilot', '--controller', url, '--wait', '--interval', '50', '--format', 'json'], { t, env, timeoutMs: 30_000 });
  t.equal(run.code, 0, run.stderr);
  const { run: record } = JSON.parse(run.stdout) as { run: { id: string; status: string } };
  t.equal(record.status, 'completed');
  const results = await w.fx.store.listDeviceResults(record.id);
  t.same(results.map((r) => [r.device, r.status]).sort(), [['pilot-1', 'completed'], ['pilot-2', 'completed']], 'both pilot devices, across groups, and not broad-1');

  const hq = await runCli(['run', 'Pilot at HQ', '--controller', url, '--wait', '--interval', '50', '--format', 'json'], { t, env, timeoutMs: 30_000 });
  t.equal(hq.code, 0, hq.stderr);
  const hqId = (JSON.parse(hq.stdout) as { run: { id: string } }).run.id;
  t.same((await w.fx.store.listDeviceResults(hqId)).map((r) => r.device), ['pilot-1'], 'group and selector together: every label must match');
  for (const agent of agents) t.equal(await agent.stop(), 0);
});

void t.test('validate: a selector on a download task is an error at its position; one that matches nothing is a warning', async (t) => {
  const fx = await makeFixture(t);
  fx.write('groups.yaml', groupYaml('office', { devices: devices.slice(0, 1) }));
  fx.write('sources.yaml', sourceYaml('vendor', fx.vendorUrl));
  fx.write('tasks.yaml', taskYaml('Nobody', { type: 'Update', scope: { selector: { matchLabels: { ring: 'pilott' } } }, settings }));
  const warned = await runCli(['validate', fx.config], { t, cwd: fx.dir });
  t.equal(warned.code, 0, 'a warning does not fail validation');
  t.match(warned.stdout + warned.stderr, /tasks\.yaml:\d+:\d+: EMPTY_SELECTOR: no device has the labels ring=pilott; the task runs on nothing/);

  fx.write('tasks.yaml', taskYaml('Download', { scope: { group: 'office', selector: { matchLabels: { ring: 'pilot' } } } }));
  const refused = await runCli(['validate', fx.config], { t, cwd: fx.dir });
  t.equal(refused.code, 1);
  t.match(refused.stderr, new RegExp(`tasks\\.yaml:\\d+:\\d+: SCOPE_SELECTOR: a label selector chooses devices, and distribution points carry no labels`));
  t.notMatch(refused.stderr, /\n\s+at /, 'one line, no stack');

  fx.write('tasks.yaml', taskYaml('Download', { scope: { selector: { matchLabels: {} } } }));
  const empty = await runCli(['validate', fx.config], { t, cwd: fx.dir });
  t.equal(empty.code, 1, 'an empty matchLabels is a schema error');
  t.match(empty.stderr, /SCHEMA/);
});
