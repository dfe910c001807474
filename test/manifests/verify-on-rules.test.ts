/**
 * A download task's `verifyOn` checked after the schema (src/manifests/rules/verify-on.ts),
 * through `updops validate` as a user runs it: one line per problem with file:line:col, exit 1;
 * a test task without devices is a warning; a valid one validates.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { groupYaml, manifestYaml, sourceYaml } from '../helpers/manifests.js';
import { runCli } from '../helpers/processes.js';
import { tempDir } from '../helpers/temp-dir.js';

const groups = (dir: string): string =>
  sourceYaml('vendor', { url: 'http://127.0.0.1:9/', trustRoot: null }) +
  groupYaml('office', {
    distributionPoints: [{ name: 'dp-1', repository: path.join(dir, 'dp-1') }],
    devices: [{ name: 'ws-test', labels: { ring: 'test' } }, { name: 'ws-2' }],
  });
const download = (name: string, verifyOn?: object): string =>
  manifestYaml('Task', name, { type: 'DownloadUpdatesToDistributionPoints', scope: { group: 'office' }, settings: { sources: ['vendor'] }, verifyOn, schedule: { kind: 'manual' } });
const update = (name: string, selector: object): string => manifestYaml('Task', name, { type: 'Update', scope: { group: 'office', selector }, schedule: { kind: 'manual' } });

void t.test('verifyOn problems are one line each at file:line:col, and change nothing', async (t) => {
  const dir = await tempDir(t, 'updops-verify-on-rules-');
  writeFileSync(path.join(dir, 'groups.yaml'), groups(dir));
  writeFileSync(
    path.join(dir, 'tasks.yaml'),
    download('Ghost', { task: 'Nope' }) + download('NotUpdate', { task: 'Ghost' }) + update('Test', { matchLabels: { ring: 'test' } }),
  );
  const res = await runCli(['validate', dir], { t, cwd: dir });
  t.equal(res.code, 1);
  const out = res.stdout + res.stderr;
  t.match(out, /tasks\.yaml:\d+:\d+.*UNKNOWN_TASK.*task "Nope" that this task verifies updates on is not defined/);
  t.match(out, /tasks\.yaml:\d+:\d+.*VERIFY_ON.*task "Ghost" is a DownloadUpdatesToDistributionPoints task: the test devices are an Update task's devices/);
  t.match(out, /tasks\.yaml:\d+:\d+.*VERIFY_ON.*DP "dp-1" already has its updates verified by task "Ghost": one verifying task per DP/);
  t.notMatch(out, /\n\s+at /, 'no stack');
});

void t.test('a test task without devices is a warning; a valid verifyOn validates', async (t) => {
  const dir = await tempDir(t, 'updops-verify-on-ok-');
  writeFileSync(path.join(dir, 'groups.yaml'), groups(dir));
  writeFileSync(path.join(dir, 'tasks.yaml'), download('Download', { task: 'Test' }) + update('Test', { matchLabels: { ring: 'nobody' } }));
  const empty = await runCli(['validate', dir], { t, cwd: dir });
  t.equal(empty.code, 0, empty.stderr);
  t.match(empty.stdout + empty.stderr, /VERIFY_ON_NO_DEVICES.*task "Test" has no devices: no release can be verified, so the other devices get none/);
  writeFileSync(path.join(dir, 'tasks.yaml'), download('Download', { task: 'Test', successThreshold: 100, pendingTimeout: '30m' }) + update('Test', { matchLabels: { ring: 'test' } }));
  const clean = await runCli(['validate', dir], { t, cwd: dir });
  t.equal(clean.code, 0, clean.stderr);
  t.notMatch(clean.stdout + clean.stderr, /VERIFY_ON/);
});
