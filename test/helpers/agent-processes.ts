/**
 * A real `updops controller` process and real `updops agent` processes on 127.0.0.1 (for e2e
 * tests of what agents do): the controller follows a git config repository and keeps its state in
 * a file the test can read back; every process is killed at teardown if the test did not stop it.
 */
import { mkdirSync } from 'node:fs';
import type { Test } from 'tap';
import type { RunRecord } from '../../src/state/index.js';
import { runCli, startCli, type Running } from './processes.js';
import { until } from './wait.js';

export const AGENT_TOKEN = 'e2e-agent-token-0123456789';
export const AGENT_ENV = { UPDOPS_TOKEN: AGENT_TOKEN, UPDOPS_CONTROLLER: undefined };

const LISTENING = /controller listening on (http:\/\/[^\s"]+)/;

export interface ControllerProcess extends Running {
  url: string;
}

/** `updops controller` on a free port, polling its config every second; resolves once it has applied a commit. */
export async function startController(t: Test, config: string, state: string, cwd: string): Promise<ControllerProcess> {
  const running = await startCli(t, ['controller', '--config', config, '--state', state, '--listen', '127.0.0.1:0', '--poll', '1s'], { line: LISTENING, cwd, env: AGENT_ENV });
  const url = running.ready[1]!;
  await until('the first reconcile', async () => ((await (await fetch(`${url}/api/status`)).json()) as { lastApplied: unknown }).lastApplied !== null);
  return { ...running, url };
}

/** `updops agent` for `name` with its root folder, beating every second; resolves once registered. */
export async function startAgent(t: Test, url: string, name: string, root: string): Promise<Running> {
  mkdirSync(root, { recursive: true });
  return startCli(t, ['agent', '--controller', url, '--name', name, '--root', root, '--heartbeat', '1s', '--log-format', 'json'], { line: /registered as/, env: AGENT_ENV });
}

/** Resolves once the controller has applied `commit` (its status names it). */
export async function appliedCommit(url: string, commit: string): Promise<void> {
  await until(`commit ${commit.slice(0, 7)} to be applied`, async () => ((await (await fetch(`${url}/api/status`)).json()) as { lastApplied?: { commit?: string } }).lastApplied?.commit === commit);
}

/** `updops runs --device NAME --format json` from the state file: every run that had that target. */
export async function runsOfDevice(t: Test, state: string, device: string): Promise<RunRecord[]> {
  const res = await runCli(['runs', '--device', device, '--state', state, '--format', 'json', '--limit', '1000'], { t, env: AGENT_ENV });
  if (res.code !== 0) throw new Error(`updops runs --device ${device} exited ${res.code}: ${res.stderr}`);
  return JSON.parse(res.stdout) as RunRecord[];
}
