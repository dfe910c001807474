/**
 * A Rollout's references and choices checked after the schema (src/manifests/rules/rollouts.ts),
 * through `updops validate` as a user runs it: one line per problem with file:line:col, exit 1,
 * nothing else; devices in no wave are a warning.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { groupYaml, manifestYaml, sourceYaml, taskYaml } from '../helpers/manifests.js';
import { runCli } from '../helpers/processes.js';
import { tempDir } from '../helpers/temp-dir.js';

const base = sourceYaml('vendor', { url: 'http://127.0.0.1:9/', trustRoot: null }) + groupYaml('office', { devices: [{ name: 'ws-1' }, { name: 'ws-2' }, { name: 'ws-3' }] }) + groupYaml('lab', { devices: [{ name: 'lab-1' }] });
const pinned = (name: string, version?: string): string => taskYaml(name, { type: 'Update', scope: { group: 'office' } }).replace('  type: Update\n', `  type: Update\n${version ? `  version: "${version}"\n` : ''}`);

void t.test('rollout problems are one line each at file:line:col', async (t) => {
  const dir = await tempDir(t, 'updops-rollout-rules-');
  writeFileSync(path.join(dir, 'groups.yaml'), base);
  writeFileSync(path.join(dir, 'tasks.yaml'), pinned('Pinned', '1') + pinned('Unpinned') + taskYaml('Download', { scope: { group: 'office' } }));
  writeFileSync(
    path.join(dir, 'rollouts.yaml'),
    manifestYaml('Rollout', 'unpinned', { task: 'Unpinned', version: '2', waves: [{ name: 'all', percent: 100 }] }) +
      manifestYaml('Rollout', 'download', { task: 'Download', version: '2', waves: [{ name: 'all', percent: 100 }] }) +
      manifestYaml('Rollout', 'ghost', { task: 'Nope', version: '2', waves: [{ name: 'all', percent: 100 }] }) +
      manifestYaml('Rollout', 'bad-waves', { task: 'Pinned', version: '2', waves: [{ name: 'two-ways', devices: ['ws-1'], percent: 10 }, { name: 'stranger', devices: ['lab-1'] }, { name: 'stranger', groups: ['nowhere'] }, { name: 'zero', percent: 50, pendingTimeout: '0s' }] }) +
      manifestYaml('Rollout', 'second', { task: 'Pinned', version: '1', waves: [{ name: 'all', percent: 100 }] }),
  );
  const res = await runCli(['validate', dir], { t, cwd: dir });
  t.equal(res.code, 1);
  const out = res.stdout + res.stderr;
  const file = 'rollouts.yaml';
  t.match(out, new RegExp(`${file}:\\d+:\\d+.*task "Unpinned" pins no version: set its spec.version to the version its devices hold now`));
  t.match(out, new RegExp(`${file}:\\d+:\\d+.*task "Download" is a DownloadUpdatesToDistributionPoints task: a rollout moves devices, so it names an Update task`));
  t.match(out, new RegExp(`${file}:\\d+:\\d+.*task "Nope" that this rollout rolls out is not defined`));
  t.match(out, /wave "two-ways" chooses its devices 2 ways \(devices, percent\): give exactly one of devices, groups, selector or percent/);
  t.match(out, /"lab-1" is not a device of task "Pinned"/);
  t.match(out, /two waves are named "stranger"/);
  t.match(out, /group "nowhere" is not defined/);
  t.match(out, /pending timeout "0s" is zero/);
  t.match(out, /task "Pinned" is rolled out by Rollout "bad-waves" already: one rollout per task at a time/);
  t.match(out, /task "Pinned" is already on 1: roll out a version other than the task's own/);
  t.notMatch(out, /\n\s+at /, 'no stack');
});

void t.test('devices in no wave are a warning; a valid rollout validates', async (t) => {
  const dir = await tempDir(t, 'updops-rollout-ok-');
  writeFileSync(path.join(dir, 'groups.yaml'), base);
  writeFileSync(path.join(dir, 'tasks.yaml'), pinned('Pinned', '1'));
  writeFileSync(path.join(dir, 'rollouts.yaml'), manifestYaml('Rollout', 'r', { task: 'Pinned', version: '2', waves: [{ name: 'pilot', devices: ['ws-1'] }, { name: 'some', percent: 50 }] }));
  const res = await runCli(['validate', dir], { t, cwd: dir });
  t.equal(res.code, 0, res.stderr);
  t.match(res.stdout + res.stderr, /ROLLOUT_UNCOVERED.*1 device of task "Pinned" is in no wave: it stays on 1; end the waves with \{percent: 100\}/);
  writeFileSync(path.join(dir, 'rollouts.yaml'), manifestYaml('Rollout', 'r', { task: 'Pinned', version: '2', waves: [{ name: 'pilot', devices: ['ws-1'] }, { name: 'rest', percent: 100 }] }));
  const clean = await runCli(['validate', dir], { t, cwd: dir });
  t.equal(clean.code, 0, clean.stderr);
  t.notMatch(clean.stdout + clean.stderr, /in no wave/);
});
