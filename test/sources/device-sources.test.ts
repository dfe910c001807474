/**
 * docs/design.md 1: a device's DP is the nearest DP without its own `updateTask` — its own group's,
 * then its parent's, nearest first; `distributionPoint` in `sources` expands there, in order.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import t, { type Test } from 'tap';
import { buildModel, loadConfigDir } from '../../src/manifests/index.js';
import { deviceDistributionPoints, resolveDeviceSources } from '../../src/sources/index.js';
import { groupYaml, sourceYaml } from '../helpers/manifests.js';
import { tempDir } from '../helpers/temp-dir.js';

const MANIFESTS = [
  groupYaml('head-office', {
    distributionPoints: [
      { name: 'dp-head', repository: '/srv/head', address: 'http://127.0.0.1:8001' },
      { name: 'dp-head-2', repository: '/srv/head2', address: 'http://127.0.0.1:8002' },
    ],
  }),
  groupYaml('berlin', { parent: 'head-office', distributionPoints: [{ name: 'dp-berlin-own', repository: '/srv/own', address: 'http://127.0.0.1:8003', updateTask: 'Own download' }] }),
  groupYaml('berlin-floor2', { parent: 'berlin', devices: [{ name: 'ws-floor2', os: 'linux' }] }),
  groupYaml('munich', { parent: 'head-office', distributionPoints: [{ name: 'dp-munich', repository: '/srv/munich', address: 'http://127.0.0.1:8004' }], devices: [{ name: 'ws-munich', os: 'linux' }] }),
  sourceYaml('vendor', { url: 'http://127.0.0.1:9000', trustRoot: null }),
  sourceYaml('share', { type: 'folder', url: './mirror', trustRoot: null }),
].join('');

async function model(t: Test) {
  const dir = await tempDir(t, 'updops-dp-');
  await writeFile(path.join(dir, 'config.yaml'), MANIFESTS);
  const loaded = loadConfigDir(dir);
  return { dir, model: buildModel(loaded.manifests), problems: loaded.problems };
}

void t.test('a device in a subgroup uses the nearest DP without its own updateTask', async (t) => {
  const { model: m, problems } = await model(t);
  t.same(problems, []);
  t.same(deviceDistributionPoints(m, 'ws-floor2').map((d) => d.item.name), ['dp-head', 'dp-head-2'], 'berlin\'s DP has its own task; head-office\'s serve');
  t.same(deviceDistributionPoints(m, 'ws-munich').map((d) => d.item.name), ['dp-munich', 'dp-head', 'dp-head-2'], 'own group first, then the parent');
  t.same(deviceDistributionPoints(m, 'nobody'), []);
});

void t.test('distributionPoint expands in place, other names resolve as UpdateSources', async (t) => {
  const { dir, model: m } = await model(t);
  const resolved = resolveDeviceSources(m, 'ws-munich', ['share', 'distributionPoint', 'vendor'], dir);
  t.same(resolved.problems, []);
  t.same(
    resolved.sources.map((s) => s.spec.url),
    [path.join(dir, 'mirror'), 'http://127.0.0.1:8004', 'http://127.0.0.1:8001', 'http://127.0.0.1:8002', 'http://127.0.0.1:9000'],
  );
  const missing = resolveDeviceSources(m, 'ws-munich', ['nope', 'vendor'], dir);
  t.equal(missing.sources.length, 1);
  t.match(missing.problems[0], /nope/);
});
