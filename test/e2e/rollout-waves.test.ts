/**
 * Rollouts in waves through the processes a user runs (issue 19; docs/architecture.md
 * "Rollouts"): `updops controller` following a git config, device agents on 127.0.0.1, the CLI.
 * A Rollout of module version 2 in two waves: wave 1's device fails its health check (rolled
 * back) → the rollout halts above its error threshold, raising `RolloutHalted` (event and
 * webhook notification) while wave 2's devices stay on version 1, even through a run of the
 * whole task (they get the task's pin). A commit that fixes the check
 * and bumps `resume` resumes it; wave 2 starts; one of its devices is silent and counts as failed
 * after its pending timeout, halting again; `updops rollout resume` once it is back completes it.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { makeFixture } from '../controller/helpers/fixture.js';
import { freeLoopbackPort } from '../helpers/loopback.js';
import { groupYaml, manifestYaml, sourceYaml, taskYaml } from '../helpers/manifests.js';
import { runCli, startCli, type Running } from '../helpers/processes.js';
import { until } from '../helpers/wait.js';


const LISTENING = /controller listening on (http:\/\/[^\s"]+)/;
const TOKEN = 'rollout-waves-token-0123456789';
const ENV = { UPDOPS_TOKEN: TOKEN };
const DEVICES = ['ws-1', 'ws-2', 'ws-3'];

interface RolloutJson {
  name: string;
  status: string;
  wave: number;
  version: string;
  halted?: { reason: string };
  devices: Record<string, { outcome: string; reason?: string }>;
}

async function receiver(t: Test): Promise<{ url: string; received: { type?: string; message?: string }[] }> {
  const received: { type?: string; message?: string }[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      received.push(JSON.parse(raw || '{}') as { type?: string; message?: string });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, received };
}

const installTask = (health: string): string =>
  taskYaml('Install', { type: 'Update', scope: { group: 'office' }, settings: { sources: ['vendor'], applicationUpdateMode: 'downloadAndInstall', healthCheck: { command: health, timeoutSeconds: 10 } } }).replace('  type: Update\n', '  type: Update\n  version: "1"\n');

const rolloutYaml = (resume: number): string =>
  manifestYaml('Rollout', 'agent-v2', {
    task: 'Install',
    version: '2',
    ...(resume ? { resume } : {}),
    waves: [
      { name: 'pilot', devices: ['ws-1'], errorThreshold: 0, pendingTimeout: '30s' },
      { name: 'broad', percent: 100, errorThreshold: 0, pendingTimeout: '8s' },
    ],
  });

void t.test('waves: a failing health check halts wave 1, wave 2 stays; resume by commit; a silent device fails by its timeout; rollout resume completes', async (t) => {
  const fx = await makeFixture(t);
  const hook = await receiver(t);
  const dpPort = await freeLoopbackPort();
  fx.write('groups.yaml', groupYaml('office', { distributionPoints: [{ name: 'dp-1', repository: fx.repo('dp-1'), address: `http://127.0.0.1:${dpPort}` }], devices: DEVICES.map((name) => ({ name, os: 'linux', license: { expires: '2099-12-31' } })) }));
  fx.write('sources.yaml', sourceYaml('vendor', { url: fx.vendorUrl, timeoutSeconds: 5 }));
  fx.write('notifications.yaml', manifestYaml('Notification', 'ops', { events: ['RolloutHalted', 'RolloutCompleted'], provider: { type: 'webhook', url: `${hook.url}/updops` } }));
  // Version 2 fails its health check; version 1 passes.
  fx.write('tasks.yaml', installTask('test "$UPDOPS_APP_VERSION" != 2'));
  fx.commit('three devices on module version 1');
  const state = path.join(fx.dir, 'controller.db');
  const controller = await startCli(t, ['controller', '--config', fx.config, '--state', state, '--listen', '127.0.0.1:0', '--poll', '1s', '--rollout-interval', '1s'], { line: LISTENING, cwd: fx.dir, env: ENV });
  const url = controller.ready[1]!;
  const cli = (args: string[]) => runCli([...args, '--controller', url], { t, cwd: fx.dir, env: ENV, timeoutMs: 60_000 });
  const agents = new Map<string, Running>();
  const startAgent = async (name: string): Promise<void> => {
    const root = path.join(fx.dir, 'agents', name);
    mkdirSync(root, { recursive: true });
    agents.set(name, await startCli(t, ['agent', '--controller', url, '--name', name, '--root', root, '--heartbeat', '1s'], { line: /registered as/, cwd: fx.dir, env: ENV }));
  };
  const appVersion = (name: string): string | undefined => {
    const file = path.join(fx.dir, 'agents', name, 'app', 'current');
    return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
  };
  const rollout = async (): Promise<RolloutJson | undefined> => {
    const res = await cli(['rollout', 'status', '--format', 'json']);
    t.equal(res.code, 0, res.stderr);
    return (JSON.parse(res.stdout) as { rollouts: RolloutJson[] }).rollouts[0];
  };
  const events = async (type: string): Promise<{ message: string }[]> => JSON.parse((await cli(['events', '--type', type, '--format', 'json'])).stdout) as { message: string }[];
  await until('the first reconcile', async () => (await events('ReconcileApplied')).length > 0, 30_000);
  for (const name of DEVICES) await startAgent(name);

  const first = await cli(['run', 'Install', '--wait', '--interval', '200', '--format', 'json']);
  t.equal(first.code, 0, first.stdout + first.stderr);
  t.same(DEVICES.map(appVersion), ['1', '1', '1'], 'every device on module version 1');

  // Version 2 published; the rollout is a commit.
  await fx.publish(2);
  fx.write('rollouts.yaml', rolloutYaml(0));
  fx.commit('roll module version 2 out in two waves');
  await until('the rollout halted', async () => (await rollout())?.status === 'halted', 60_000);
  const halted = (await rollout())!;
  t.match(halted, { name: 'agent-v2', version: '2', wave: 0, halted: { reason: /wave pilot: 1 of 1 failed \(more than 0%\): ws-1: the health check after the restart into 2 failed; rolled back/ } });
  t.equal(appVersion('ws-1'), '1', 'the pilot device rolled back to version 1');
  t.same(['ws-2', 'ws-3'].map(appVersion), ['1', '1'], 'wave 2 stays on the old version');
  t.match(await events('RolloutHalted'), [{ message: /^rollout agent-v2: halted: wave pilot: 1 of 1 failed/ }], 'a RolloutHalted event');
  await until('the halt notified', () => hook.received.some((r) => r.type === 'RolloutHalted'), 15_000);
  // Wave 2 stays whatever runs: a run of the whole task gives its devices the task's pin, version 1.
  const manual = await cli(['run', 'Install', '--wait', '--interval', '200', '--format', 'json']);
  const results = (JSON.parse(manual.stdout) as { results: { device: string; status: string }[] }).results;
  t.match(Object.fromEntries(results.map((r) => [r.device, r.status])), { 'ws-2': 'completed', 'ws-3': 'completed' }, manual.stderr);
  t.same(['ws-2', 'ws-3'].map(appVersion), ['1', '1'], 'a run of the whole task keeps wave 2 on version 1 (the task pin)');
  t.equal((await rollout())?.status, 'halted', 'and the rollout stays halted');
  const text = await cli(['rollout', 'status']);
  t.match(text.stdout, /agent-v2\s+halted\s+version 2\s+wave 1\s+0 succeeded, 1 failed\n\s+halted \S+: wave pilot/);
  // The console shows the same from the store: wave 1 halted with its failed device and why, wave 2 waiting, Resume offered — for the token's holder only.
  const page = await (await fetch(`${url}/rollouts`)).text();
  t.match(page, /badge bad">halted<\/span> at wave 1 of 2/, 'the console: halted at wave 1');
  t.match(page, /ws-1<\/a><\/th><td><span class="badge bad">failed<\/span><\/td><td>[^<]*the health check after the restart into 2 failed/, "and ws-1's failure");
  t.match(page, /2\. broad<\/th><td><span class="badge neutral">waiting<\/span><\/td><td class="num">2<\/td>/, 'wave 2 (two devices) waiting');
  t.match(page, 'action="/rollouts/agent-v2/resume"');
  const anonymous = await fetch(`${url}/rollouts/agent-v2/resume`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '', redirect: 'manual' });
  t.equal(anonymous.status, 401, 'resuming from the console needs the token');
  const notHalted = await cli(['rollout', 'resume', 'nope']);
  t.equal(notHalted.code, 1);
  t.match(notHalted.stderr, /no rollout named nope/);
  t.notMatch(notHalted.stderr, /\n\s+at /, 'one line, no stack');

  // The fix is a commit: the health check passes, `resume` is bumped. ws-3 goes silent first.
  await agents.get('ws-3')!.stop();
  fx.write('tasks.yaml', installTask('exit 0'));
  fx.write('rollouts.yaml', rolloutYaml(1));
  fx.commit('fix the health check and resume the rollout');
  await until('wave 2 halted on the silent device', async () => {
    const r = await rollout();
    return r?.status === 'halted' && r.wave === 1;
  }, 90_000);
  const silent = (await rollout())!;
  t.match(silent.devices, { 'ws-1': { outcome: 'succeeded' }, 'ws-2': { outcome: 'succeeded' }, 'ws-3': { outcome: 'failed', reason: /no report of 2 installed and healthy within 8 s \(pending timeout\)/ } });
  t.same(['ws-1', 'ws-2'].map(appVersion), ['2', '2'], 'the healthy devices run version 2');
  t.equal(appVersion('ws-3'), '1', 'the silent device did not move');
  t.match(await events('RolloutResumed'), [{ message: /resumed by a commit at wave pilot/ }]);

  // Back, and resumed by hand.
  await startAgent('ws-3');
  const resumed = await cli(['rollout', 'resume', 'agent-v2']);
  t.equal(resumed.code, 0, resumed.stderr);
  t.match(resumed.stdout, /Rollout agent-v2 resumed at wave 2: progressing/);
  await until('the rollout completed', async () => (await rollout())?.status === 'completed', 60_000);
  t.equal(appVersion('ws-3'), '2');
  const done = await (await fetch(`${url}/rollouts`)).text();
  t.match(done, /badge ok">completed<\/span>/, 'the console: completed');
  t.equal(done.match(/<td><span class="badge ok">done<\/span><\/td>/g)?.length, 2, 'both waves done');
  t.match(await events('RolloutResumed'), [{ message: /resumed by \S+@\S+ \(updops rollout resume\) at wave broad/ }, { message: /by a commit/ }]);
  await until('the completion notified', () => hook.received.some((r) => r.type === 'RolloutCompleted'), 15_000);
});
