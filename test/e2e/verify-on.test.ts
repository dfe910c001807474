/**
 * Issue 19 "verify on test devices first", through the processes a user runs: `updops
 * controller` following a git config, one DP agent and two device agents on 127.0.0.1, the CLI.
 * The download task verifies each release its DP gets on the test task's device first:
 * before anything is verified, a run of the broad task skips its device (held); release 1 passes
 * on the test device and reaches the broad one; release 2 fails the test device's health check
 * (rolled back) and is not distributed — the broad device stays on 1, served by the DP, which
 * keeps it; a commit that fixes the check and bumps `retry` verifies 2, and the broad device
 * takes it. (The gate itself: test/rollout/verify.test.ts.)
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { makeFixture } from '../controller/helpers/fixture.js';
import { freeLoopbackPort } from '../helpers/loopback.js';
import { groupYaml, manifestYaml, sourceYaml } from '../helpers/manifests.js';
import { runCli, startCli } from '../helpers/processes.js';
import { until } from '../helpers/wait.js';


const LISTENING = /controller listening on (http:\/\/[^\s"]+)/;
const TOKEN = 'verify-on-token-0123456789abcd';
const ENV = { UPDOPS_TOKEN: TOKEN };
const FAILS_ON_2 = 'test "$UPDOPS_APP_VERSION" != 2';

const updateTask = (name: string, ring: string, health: string): string =>
  manifestYaml('Task', name, {
    type: 'Update',
    scope: { group: 'office', selector: { matchLabels: { ring } } },
    settings: { sources: ['distributionPoint'], applicationUpdateMode: 'downloadAndInstall', healthCheck: { command: health, timeoutSeconds: 10 } },
    schedule: { kind: 'manual' },
  });

const tasks = (health: string, retry?: number): string =>
  [
    manifestYaml('Task', 'Download', {
      type: 'DownloadUpdatesToDistributionPoints',
      scope: { group: 'office' },
      settings: { sources: ['vendor'] },
      verifyOn: { task: 'Test', pendingTimeout: '40s', ...(retry !== undefined ? { retry } : {}) },
      schedule: { kind: 'manual' },
    }),
    updateTask('Test', 'test', health),
    updateTask('Broad', 'prod', health),
  ].join('');

interface RunResult {
  device?: string;
  status: string;
  reason?: string;
  source?: string;
}

void t.test('a release reaches the broad devices only once the test device verified it', async (t) => {
  const fx = await makeFixture(t);
  const dpPort = await freeLoopbackPort();
  fx.write('groups.yaml', groupYaml('office', {
    distributionPoints: [{ name: 'dp-1', repository: fx.repo('dp-1'), address: `http://127.0.0.1:${dpPort}` }],
    devices: [
      { name: 'ws-test', os: 'linux', labels: { ring: 'test' }, license: { expires: '2099-12-31' } },
      { name: 'ws-prod', os: 'linux', labels: { ring: 'prod' }, license: { expires: '2099-12-31' } },
    ],
  }));
  fx.write('sources.yaml', sourceYaml('vendor', { url: fx.vendorUrl, timeoutSeconds: 5 }));
  fx.write('tasks.yaml', tasks(FAILS_ON_2));
  fx.commit('verify each release on ws-test first');

  const state = path.join(fx.dir, 'controller.db');
  const controller = await startCli(t, ['controller', '--config', fx.config, '--state', state, '--listen', '127.0.0.1:0', '--poll', '1s', '--rollout-interval', '1s'], { line: LISTENING, cwd: fx.dir, env: ENV });
  const url = controller.ready[1]!;
  const cli = (args: string[]) => runCli([...args, '--controller', url], { t, cwd: fx.dir, env: ENV, timeoutMs: 60_000 });
  const events = async (type: string): Promise<{ message: string }[]> => JSON.parse((await cli(['events', '--type', type, '--format', 'json'])).stdout) as { message: string }[];
  await until('the first reconcile', async () => (await events('ReconcileApplied')).length > 0, 30_000);
  for (const name of ['dp-1', 'ws-test', 'ws-prod']) {
    const root = path.join(fx.dir, 'agents', name);
    mkdirSync(root, { recursive: true });
    await startCli(t, ['agent', '--controller', url, '--name', name, '--root', root, '--heartbeat', '1s'], { line: /registered as/, cwd: fx.dir, env: ENV });
  }
  /** A run every target of which was skipped exits 1 (src/cli/run.ts): scripts notice that nothing ran. */
  const run = async (task: string, code = 0): Promise<RunResult[]> => {
    const res = await cli(['run', task, '--wait', '--interval', '200', '--format', 'json']);
    t.equal(res.code, code, `${task}: exit ${code} ${res.stderr}`);
    return (JSON.parse(res.stdout) as { results: RunResult[] }).results;
  };
  const appVersion = (name: string): string | undefined => {
    const file = path.join(fx.dir, 'agents', name, 'app', 'current');
    return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
  };
  const databases = (name: string): string | undefined => {
    const file = path.join(fx.dir, 'agents', name, 'state.json');
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { installed: { databaseVersion?: string } }).installed.databaseVersion : undefined;
  };

  // Nothing verified yet: the broad device is held, its run target skipped with the reason.
  t.match(await run('Broad', 1), [{ device: 'ws-prod', status: 'skipped', reason: /^held: the test devices of task Test have not verified a release of Download yet/ }], 'held before any verification');
  t.equal(databases('ws-prod'), undefined, 'the held device got nothing');

  // Release 1 reaches the DP; the leader starts Test for ws-test; once it reports 1 healthy, 1 is verified.
  await run('Download');
  await until('release 1 verified', async () => (await events('UpdatesVerified')).length === 1, 60_000);
  t.match(await events('UpdatesVerificationStarted'), [{ message: /1/ }], 'the verification of 1 started');
  t.equal(databases('ws-test'), '1', 'the test device took release 1 first');
  t.match(await run('Broad'), [{ device: 'ws-prod', status: 'completed', source: 'dp-1' }], 'the verified release is served to the broad device');
  t.same([databases('ws-prod'), appVersion('ws-prod')], ['1', '1'], 'the broad device on release 1');

  // Release 2 fails the test device's health check: not distributed.
  await fx.publish(2);
  await run('Download');
  await until('release 2 failed verification', async () => (await events('UpdatesVerificationFailed')).length === 1, 90_000);
  t.match(await events('UpdatesVerificationFailed'), [{ message: /2/ }]);
  t.equal(appVersion('ws-test'), '1', 'the test device rolled back to module 1');
  t.match(await run('Broad'), [{ device: 'ws-prod', status: 'completed', source: 'dp-1' }], 'the broad device is served the verified release');
  t.same([databases('ws-prod'), appVersion('ws-prod')], ['1', '1'], 'the broad device stays on release 1 while the DP holds 2');
  const status = await cli(['rollout', 'status']);
  t.match(status.stdout, /^verify Download\s+verified 1 at \S+\s+2 failed\n\s+failed \S+: .*ws-test: the health check after the restart into 2 failed; rolled back/m, 'rollout status shows the verification');
  const json = JSON.parse((await cli(['rollout', 'status', '--format', 'json'])).stdout) as { verifications: { task: string; approved?: { version: string }; gate: { version: string; status: string } }[] };
  t.match(json.verifications, [{ task: 'Download', approved: { version: '1' }, gate: { version: '2', status: 'halted' } }]);
  const page = await (await fetch(`${url}/rollouts`)).text();
  t.match(page, /Download<\/a><\/th><td><a href="\/tasks#task-Test">Test<\/a> \(1 device, 100% healthy\)<\/td><td>1, <time[^>]*>[^<]*<\/time><\/td><td>2 <span class="badge bad">failed<\/span><br><small class="error-text">[^<]*ws-test: the health check after the restart into 2 failed/, 'the console: verified 1, 2 failed and why');
  const dpMetadata = path.join(fx.dir, 'dps', 'dp-1', 'repo', 'metadata');
  t.ok(existsSync(path.join(dpMetadata, '2.targets.json')), 'the DP holds release 2');
  t.ok(existsSync(path.join(dpMetadata, '1.targets.json')), 'and keeps the verified release 1');

  // The fix is a commit: the check passes, `retry` bumped; 2 is verified again and distributed.
  const applied = (await events('ReconcileApplied')).length;
  fx.write('tasks.yaml', tasks('true', 1));
  fx.commit('fix the health check; verify release 2 again');
  await until('the commit applied', async () => (await events('ReconcileApplied')).length > applied, 30_000);
  await until('release 2 verified', async () => (await events('UpdatesVerified')).length === 2, 90_000);
  t.same([databases('ws-test'), appVersion('ws-test')], ['2', '2'], 'the test device on release 2');
  t.match(await run('Broad'), [{ device: 'ws-prod', status: 'completed', source: 'dp-1' }]);
  t.same([databases('ws-prod'), appVersion('ws-prod')], ['2', '2'], 'the broad device takes the verified release 2');
  t.match((await cli(['rollout', 'status'])).stdout, /^verify Download\s+verified 2 at \S+\n?$/m, 'verified 2, nothing under test');
});
