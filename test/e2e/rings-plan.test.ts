/**
 * Rings and pinning at plan time, through the CLI: `updops plan` against a served vendor
 * repository fails at the file:line:col of `spec.version` when the pinned version is not in the
 * repository, warns PIN_UNCHECKED offline, and plans cleanly for a version the repository has.
 */
import path from 'node:path';
import t from 'tap';
import { makeFixture } from '../controller/helpers/fixture.js';
import { groupYaml, sourceYaml, taskYaml } from '../helpers/manifests.js';
import { runCli } from '../helpers/processes.js';

const ring = (name: string, label: string, version: string): string =>
  taskYaml(name, { type: 'Update', scope: { group: 'office', selector: { matchLabels: { ring: label } } }, settings: { sources: ['vendor'], applicationUpdateMode: 'disabled' } }).replace(
    /^spec:\n/m,
    `spec:\n  version: "${version}"\n`,
  );

void t.test('plan: a pin the repository does not have fails with where spec.version is; offline it is a warning', async (t) => {
  const fx = await makeFixture(t);
  fx.write('groups.yaml', groupYaml('office', { devices: [{ name: 'ws-1', os: 'linux', labels: { ring: 'broad' } }] }));
  fx.write('sources.yaml', sourceYaml('vendor', { url: fx.vendorUrl, timeoutSeconds: 5 }));
  const tasks = (version: string): string => ring('Broad', 'broad', version);
  fx.write('tasks.yaml', tasks('1999.1.1'));
  fx.commit('a pin nobody published');
  const plan = (...extra: string[]) => runCli(['plan', '--config', fx.config, '--state', path.join(fx.dir, 'plan.db'), ...extra], { t, cwd: fx.dir });
  const missing = await plan();
  t.not(missing.code, 0, 'the plan fails');
  t.match(missing.stderr, /tasks\.yaml:6:\d+: PIN_NOT_FOUND: task Broad: version "1999\.1\.1" is not in source vendor \(no targets version from 1 down to 1 carries it\)/);
  const offline = await plan('--offline');
  t.equal(offline.code, 0, offline.stderr);
  t.match(offline.stdout + offline.stderr, /PIN_UNCHECKED/);
  // The repository's version 1 carries custom.version "1" (no VERSION file): a pin it has plans cleanly.
  fx.write('tasks.yaml', tasks('1'));
  fx.commit('a pin the repository has');
  const found = await plan();
  t.equal(found.code, 0, found.stderr);
  t.notMatch(found.stdout + found.stderr, /PIN_/);
});
