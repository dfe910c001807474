/**
 * One executor for every trigger, through the CLI a user runs (docs/architecture.md "Runs"):
 * `updops apply` and `updops run` of the same download task over a Windows and a Linux DP give
 * the same answer — one run, `failed`, both DPs listed, the Linux DP with the seed's reason
 * (seed 001) — and the failure chain starts while the success chain does not. Apply never starts
 * a manual task (the plan says how to), and starts an `immediately` task once when it is created.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { AGENT_ELSEWHERE_REASON, NON_WINDOWS_REASON } from '../../src/runs/index.js';
import { openStateStore } from '../../src/state/index.js';
import { groupYaml, makeFixture, sourceYaml, taskYaml } from '../controller/helpers/fixture.js';
import { groupYaml as sharedGroupYaml } from '../helpers/manifests.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/updops.js');

interface Cli {
  code: number | null;
  stdout: string;
  stderr: string;
}

function updops(args: string[], cwd: string): Promise<Cli> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, UPDOPS_CONTROLLER: '', UPDOPS_TOKEN: '', CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

interface RunJson {
  run: { id: string; task: string; trigger: string; status: string };
  results: { device: string; status: string; reason?: string }[];
}

void t.test('apply and run of one download task over a Windows and a Linux DP', async (t) => {
  const fx = await makeFixture(t);
  const office = (labels?: Record<string, string>): string =>
    sharedGroupYaml('office', {
      distributionPoints: [{ name: 'dp-win', os: 'windows', repository: fx.repo('dp-win') }, { name: 'dp-lin', os: 'linux', repository: fx.repo('dp-lin') }],
      devices: [{ name: 'ws-1', os: 'linux', ...(labels ? { labels } : {}) }],
    });
  const lab = groupYaml('lab', [{ name: 'dp-manual' }], fx.repo);
  const update = (name: string, schedule: string): string => taskYaml(name, { type: 'Update', scope: '{group: office}', schedule });
  fx.write('sources.yaml', sourceYaml('vendor', fx.vendorUrl));
  fx.write('groups.yaml', office() + lab);
  fx.write(
    'tasks.yaml',
    taskYaml('Download', { scope: '{group: office}', schedule: '{kind: weekly, day: monday, time: "03:00", timeZone: Europe/Berlin}' }) +
      taskYaml('Manual download', { scope: '{group: lab}', schedule: '{kind: manual}' }) +
      update('On failure', '{kind: onTaskCompletion, task: Download, outcome: failure}') +
      update('On success', '{kind: onTaskCompletion, task: Download, outcome: success}') +
      update('Right away', '{kind: immediately}'),
  );
  fx.commit('config');
  const state = path.join(fx.dir, 'cli-state.db');
  const common = ['--config', fx.config, '--state', state];
  const runsJson = async (): Promise<{ task: string; trigger: string; status: string; id: string }[]> => {
    const res = await updops(['runs', '--state', state, '--format', 'json', '--limit', '100'], fx.dir);
    t.equal(res.code, 0, res.stderr);
    return JSON.parse(res.stdout) as { task: string; trigger: string; status: string; id: string }[];
  };

  const applied = await updops(['apply', ...common, '--auto-approve'], fx.dir);
  t.equal(applied.code, 1, `a failed run fails the apply: ${applied.stderr}`);
  t.match(applied.stdout, /Apply complete: \d+ created, 0 updated, 0 deleted; 1 repository synced, 1 failed/);
  t.match(applied.stdout, /"Manual download" is manual and does not run on apply; start it with: updops run "Manual download"/, 'the plan says how to start the manual task');
  t.notMatch(applied.stderr, /\n\s+at /, 'no stack trace');

  const runs = await runsJson();
  const byTask = (task: string) => runs.filter((r) => r.task === task);
  t.equal(byTask('Download').length, 1, 'one run of the download task');
  t.match(byTask('Download')[0], { trigger: 'apply', status: 'failed' });
  t.match(byTask('On failure'), [{ trigger: 'chain' }], 'the failure chain started');
  t.same(byTask('On success'), [], 'the success chain did not');
  t.same(byTask('Manual download'), [], 'a manual task never runs on apply');
  t.match(byTask('Right away'), [{ trigger: 'apply' }], 'an immediately task starts once when created');
  t.notOk(existsSync(path.join(fx.repo('dp-manual'), 'metadata')), "the manual task's DP stays empty");

  const detail = await updops(['runs', byTask('Download')[0]!.id, '--state', state, '--format', 'json'], fx.dir);
  const applyRun = JSON.parse(detail.stdout) as RunJson;
  t.same(applyRun.results.map((r) => [r.device, r.status]).sort(), [['dp-lin', 'failed'], ['dp-win', 'completed']], 'both DPs listed');
  t.match(applyRun.results.find((r) => r.device === 'dp-lin')?.reason, NON_WINDOWS_REASON);

  const plan = await updops(['plan', ...common, '--detailed-exitcode'], fx.dir);
  t.equal(plan.code, 0, `after the apply, nothing left for apply to do: ${plan.stdout}${plan.stderr}`);

  const manualRun = await updops(['run', 'Download', '--state', state, '--config', fx.config, '--format', 'json'], fx.dir);
  t.equal(manualRun.code, 1, 'updops run gives the same answer as apply');
  const manual = JSON.parse(manualRun.stdout) as RunJson & { chained?: RunJson[] };
  t.match(manual.run, { trigger: 'manual', status: 'failed' });
  t.same(manual.results.map((r) => [r.device, r.status]).sort(), [['dp-lin', 'failed'], ['dp-win', 'completed']]);
  t.match(manual.results.find((r) => r.device === 'dp-lin')?.reason, NON_WINDOWS_REASON);
  t.same(manual.chained?.map((c) => c.run.task), ['On failure'], 'and chains the same way');

  fx.write('groups.yaml', office({ floor: '2' }) + lab);
  fx.commit('a label');
  const second = await updops(['apply', ...common, '--auto-approve'], fx.dir);
  t.equal(second.code, 0, second.stderr);
  t.equal((await runsJson()).filter((r) => r.task === 'Right away').length, 1, 'an unchanged immediately task does not start again');

  const started = await updops(['run', 'Manual download', '--state', state, '--config', fx.config], fx.dir);
  t.equal(started.code, 0, started.stderr);
  t.ok(existsSync(path.join(fx.repo('dp-manual'), 'metadata', 'timestamp.json')), 'started by hand, it fills its DP');
});

void t.test('updops apply leaves a DP with a live agent to that agent: nothing is written into its folder', async (t) => {
  const fx = await makeFixture(t);
  fx.write('sources.yaml', sourceYaml('vendor', fx.vendorUrl));
  fx.write('groups.yaml', groupYaml('office', [{ name: 'dp-agent' }, { name: 'dp-plain' }], fx.repo));
  fx.write('tasks.yaml', taskYaml('Download', { scope: '{group: office}', schedule: '{kind: weekly, day: monday, time: "03:00"}' }));
  fx.commit('config');
  const state = path.join(fx.dir, 'cli-state.db');
  const store = await openStateStore({ path: state });
  await store.upsertAgent({ name: 'dp-agent', role: 'dp', os: 'windows', version: 'test', at: new Date().toISOString() });
  await store.close();

  const applied = await updops(['apply', '--config', fx.config, '--state', state, '--auto-approve'], fx.dir);
  t.equal(applied.code, 0, applied.stderr);
  t.match(applied.stdout, new RegExp(`skipped: dp-agent \\(Download\\): ${AGENT_ELSEWHERE_REASON.replace(/[()]/g, '\\$&')}`));
  t.notOk(existsSync(path.join(fx.repo('dp-agent'), 'metadata')), "the agent's DP folder is untouched");
  t.ok(existsSync(path.join(fx.repo('dp-plain'), 'metadata', 'timestamp.json')), 'the DP without an agent is synced here');
});
