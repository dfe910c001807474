/**
 * A real world for agent tests (docs/style.md 11): the controller fixture (vendor repository served on
 * 127.0.0.1, git config repo, SQLite, FakeClock) plus an AgentHub, the HTTP API with a token,
 * and REAL `node bin/updops.js agent` processes, every one killed at teardown.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';
import { AgentHub } from '../../../src/controller/agents/hub.js';
import { createApiServer, type ApiServer } from '../../../src/controller/api/index.js';
import type { Controller } from '../../../src/controller/types.js';
import { makeFixture, type Fixture } from '../../controller/helpers/fixture.js';
import { freeLoopbackPort as freePort } from '../../helpers/loopback.js';

export const TOKEN = 'agent-test-token';
const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/updops.js');

export interface AgentProcess {
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
}

export interface World {
  fx: Fixture;
  hub: AgentHub;
  controller: Controller;
  api: ApiServer;
  dpPort: number;
  agent(name: string, extra?: string[]): AgentProcess;
  /** Restart the API (and controller) on the same port and store: a controller restart. */
  restart(): Promise<void>;
  waitFor(what: string, check: () => Promise<boolean> | boolean, ms?: number): Promise<void>;
}

export interface WorldOptions {
  /** Config files to write before the first commit (rel → text); `dpPort` is known when called. */
  config(fx: Fixture, dpPort: number): Record<string, string>;
  resultTimeoutMs?: number;
}

export async function makeWorld(t: Test, options: WorldOptions): Promise<World> {
  const fx = await makeFixture(t);
  const dpPort = await freePort();
  for (const [rel, text] of Object.entries(options.config(fx, dpPort))) fx.write(rel, text);
  fx.commit('agents');
  const processes: AgentProcess[] = [];
  let hub = new AgentHub({ store: fx.store, ...(options.resultTimeoutMs ? { resultTimeoutMs: options.resultTimeoutMs } : {}) });
  let controller = await fx.controller({ agents: hub });
  let api = await createApiServer(controller, { token: TOKEN, agents: hub, statusCacheMs: 0 });
  const port = api.port;
  const world: World = {
    fx,
    get hub() {
      return hub;
    },
    get controller() {
      return controller;
    },
    get api() {
      return api;
    },
    dpPort,
    agent: (name, extra = []) => {
      const root = path.join(fx.dir, 'agents', name);
      mkdirSync(root, { recursive: true });
      const child = spawn(process.execPath, [BIN, 'agent', '--controller', `http://127.0.0.1:${port}`, '--name', name, '--root', root, '--heartbeat', '1s', ...extra], {
        env: { ...process.env, UPDOPS_TOKEN: TOKEN },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const proc: AgentProcess = {
        child,
        output: () => output,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      };
      processes.push(proc);
      return proc;
    },
    restart: async () => {
      await api.close();
      await controller.stop();
      hub = new AgentHub({ store: fx.store });
      controller = await fx.controller({ agents: hub });
      api = await createApiServer(controller, { token: TOKEN, agents: hub, port, statusCacheMs: 0 });
    },
    waitFor: async (what, check, ms = 20_000) => {
      const until = Date.now() + ms;
      while (!(await check())) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${what}\n${processes.map((p) => p.output()).join('\n')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
  // Registered after the fixture's teardown, so it runs first (tap runs teardowns in reverse).
  t.teardown(async () => {
    for (const p of processes) {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    }
    await api.close().catch(() => undefined);
  });
  return world;
}

export const sourceYaml = (name: string, url: string): string => `---
apiVersion: updops/v1
kind: UpdateSource
metadata: {name: ${name}}
spec:
  type: vendor
  url: ${url}
  trustRoot: keys/vendor-root.json
  timeoutSeconds: 2
`;

export function officeYaml(fx: Fixture, dpPort: number, devices: string[]): string {
  return `---
apiVersion: updops/v1
kind: Group
metadata: {name: office}
spec:
  distributionPoints:
    - {name: dp-1, os: windows, repository: "${fx.repo('dp-1')}", address: "http://127.0.0.1:${dpPort}"}
  devices:
${devices.map((d) => `    - {name: ${d}, os: linux, license: {expires: 2099-12-31}}`).join('\n')}
`;
}

export function updateTaskYaml(name: string, sources: string[], extra = 'schedule: {kind: manual}'): string {
  return `---
apiVersion: updops/v1
kind: Task
metadata: {name: "${name}"}
spec:
  type: Update
  scope: {group: office}
  settings: {sources: [${sources.join(', ')}], applicationUpdateMode: disabled}
  ${extra}
`;
}

export const downloadTaskYaml = `---
apiVersion: updops/v1
kind: Task
metadata: {name: "Download to DPs"}
spec:
  type: DownloadUpdatesToDistributionPoints
  scope: {group: office}
  settings: {sources: [vendor]}
  schedule: {kind: manual}
`;
