/** The manifest builders write what docs/design.md "Manifest shape" describes: the validator accepts them, with the values given. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { parseAllDocuments } from 'yaml';
import { validateConfigDir } from '../../src/manifests/index.js';
import { groupYaml, sourceYaml, taskYaml } from './manifests.js';
import { tempDir } from './temp-dir.js';

void t.test('defaults alone make a valid config', async (t) => {
  const dir = await tempDir(t);
  writeFileSync(
    path.join(dir, 'all.yaml'),
    groupYaml('hq', { distributionPoints: [{ name: 'dp-1', repository: '/srv/dp-1' }], devices: [{ name: 'ws-1' }] }) +
      sourceYaml('vendor', { url: 'http://127.0.0.1:9', trustRoot: null }) +
      taskYaml('Download hq', { scope: { group: 'hq' } }) +
      taskYaml('Update hq', { type: 'Update', scope: { group: 'hq' } }),
  );
  const report = validateConfigDir(dir);
  t.same(report.errors, []);
});

void t.test('every field given comes back as given, times and dates as strings', async (t) => {
  const text =
    groupYaml('berlin', { parent: 'hq', description: 'Berlin: 2nd floor', devices: [{ name: 'ws-1', os: 'linux', labels: { floor: '2' }, license: { expires: '2027-06-30' } }] }) +
    taskYaml('Download "Berlin"', { scope: { group: 'berlin', includeSubgroups: true }, schedule: { kind: 'daysOfWeek', days: ['friday'], time: '18:00', timeZone: 'Europe/Berlin' }, runMissed: true, randomDelay: { minutes: 5 } });
  const docs = parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>);
  t.same(docs, [
    { apiVersion: 'updops/v1', kind: 'Group', metadata: { name: 'berlin' }, spec: { parent: 'hq', description: 'Berlin: 2nd floor', devices: [{ name: 'ws-1', os: 'linux', labels: { floor: '2' }, license: { expires: '2027-06-30' } }] } },
    {
      apiVersion: 'updops/v1',
      kind: 'Task',
      metadata: { name: 'Download "Berlin"' },
      spec: {
        type: 'DownloadUpdatesToDistributionPoints',
        scope: { group: 'berlin', includeSubgroups: true },
        settings: { sources: ['vendor'] },
        schedule: { kind: 'daysOfWeek', days: ['friday'], time: '18:00', timeZone: 'Europe/Berlin' },
        runMissed: true,
        randomDelay: { minutes: 5 },
      },
    },
  ]);
});

void t.test('block style on top, one flow mapping per distribution point', async (t) => {
  t.equal(
    groupYaml('hq', { distributionPoints: [{ name: 'dp-1', repository: '/srv/dp-1' }] }),
    '---\napiVersion: updops/v1\nkind: Group\nmetadata: {name: hq}\nspec:\n  distributionPoints:\n    - {name: dp-1, os: windows, repository: /srv/dp-1}\n',
  );
});

void t.test('times are quoted (a YAML 1.1 reader would read 18:00 as a number)', async (t) => {
  t.match(taskYaml('t', { scope: { group: 'hq' }, schedule: { kind: 'weekly', day: 'friday', time: '18:00' } }), /^ {2}schedule: \{kind: weekly, day: friday, time: "18:00"\}$/m);
  t.match(taskYaml('t', { scope: { group: 'hq' }, schedule: { kind: 'dailyNoDst', every: 1, time: '06:30:15' } }), /time: "06:30:15"/);
});
