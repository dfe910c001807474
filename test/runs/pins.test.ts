/**
 * Rings and pinning (docs/architecture.md "Rings and pinning"): which task pins what, and which
 * versions each DP keeps — those pinned by Update tasks whose devices it serves (the DPs
 * `distributionPoint` resolves to: own group's, then the parents', never one with its own
 * updateTask).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { buildModel, loadConfigDir } from '../../src/manifests/index.js';
import { distributionPointPins, pinsByDistributionPoint, taskPins } from '../../src/runs/index.js';
import { groupYaml, taskYaml } from '../helpers/manifests.js';
import { tempDir } from '../helpers/temp-dir.js';

const pinned = (name: string, scope: Parameters<typeof taskYaml>[1]['scope'], version?: string): string => {
  const text = taskYaml(name, { type: 'Update', scope });
  return version === undefined ? text : text.replace(/^spec:\n/m, `spec:\n  version: "${version}"\n`);
};

void t.test('each DP keeps the versions pinned by the devices it serves', async (t) => {
  const dir = await tempDir(t, 'updops-pins-');
  await writeFile(path.join(dir, 'config.yaml'), [
    groupYaml('hq', { distributionPoints: [{ name: 'dp-hq', repository: '/srv/hq', address: 'http://127.0.0.1:8001' }], devices: [{ name: 'ws-hq', os: 'linux', labels: { ring: 'pilot' } }] }),
    groupYaml('berlin', { parent: 'hq', distributionPoints: [{ name: 'dp-berlin', repository: '/srv/b', address: 'http://127.0.0.1:8002' }, { name: 'dp-own', repository: '/srv/o', address: 'http://127.0.0.1:8003', updateTask: 'Own' }], devices: [{ name: 'ws-b1', os: 'linux', labels: { ring: 'pilot' } }, { name: 'ws-b2', os: 'linux', labels: { ring: 'broad' } }] }),
    groupYaml('munich', { parent: 'hq', devices: [{ name: 'ws-m1', os: 'linux', labels: { ring: 'broad' } }] }),
    pinned('Pilot', { group: 'hq', selector: { matchLabels: { ring: 'pilot' } } }, '2026.12.1'),
    pinned('Broad munich', { group: 'munich' }, '2026.11.1'),
    pinned('Unpinned', { group: 'berlin' }),
  ].join(''));
  const loaded = loadConfigDir(dir);
  t.same(loaded.problems, []);
  const model = buildModel(loaded.manifests);

  const pins = taskPins(model);
  t.same(pins.map((p) => [p.task, p.version, p.devices]), [['Pilot', '2026.12.1', ['ws-hq', 'ws-b1']], ['Broad munich', '2026.11.1', ['ws-m1']]]);
  t.match(pins[0]?.location, { file: /config\.yaml$/, line: Number, col: Number }, 'where spec.version is written');
  const byDp = pinsByDistributionPoint(model);
  t.same(distributionPointPins(model, 'dp-hq'), ['2026.11.1', '2026.12.1'], 'hq serves munich (no DP there) and its own pilot device');
  t.same(byDp.get('dp-berlin'), ['2026.12.1'], "berlin's pilot device; its broad device is unpinned");
  t.same(distributionPointPins(model, 'dp-own'), [], 'a DP with its own updateTask serves no device');
});
