/**
 * A real world for agent tests (docs/style.md 11): the controller fixture (vendor repository served on
 * 127.0.0.1, git config repo, SQLite, FakeClock) plus an AgentHub, the HTTP API with a token,
 * and REAL `node bin/updops.js agent` processes, every one killed at teardown.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Test } from 'tap';
import { AgentHub } from '../../../src/controller/agents/hub.js';
import { createApiServer, type ApiServer } from '../../../src/controller/api/index.js';
import type { Controller } from '../../../src/controller/types.js';
import { makeFixture, type Fixture } from '../../controller/helpers/fixture.js';
import { freeLoopbackPort as freePort } from '../../helpers/loopback.js';
import { groupYaml, sourceYaml as sharedSourceYaml, taskYaml, type TaskSpec } from '../../helpers/manifests.js';
import { CLI, spawnProcess } from '../../helpers/processes.js';

export const TOKEN = 'agent-test-token';

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
  /** `env`: laid over the agent's environment (proxy variables, …). */
  agent(name: string, extra?: string[], env?: Record<string, string | undefined>): AgentProcess;
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
    agent: (name, extra = [], env = {}) => {
      const root = path.join(fx.dir, 'agents', name);
      mkdirSync(root, { recursive: true });
      const running = spawnProcess(t, process.execPath, [CLI, 'agent', '--controller', `http://127.0.0.1:${port}`, '--name', name, '--root', root, '--heartbeat', '1s', ...extra], {
        env: { UPDOPS_TOKEN: TOKEN, ...env },
      });
      const proc: AgentProcess = {
        child: running.child,
        output: running.output,
        stop: async () => (await running.stop('SIGTERM')).code,
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
  // Registered after the fixture's teardown, so it runs first (tap runs teardowns in reverse);
  // each agent process registers its own kill at teardown when it starts, later still.
  t.teardown(async () => {
    await api.close().catch(() => undefined);
  });
  return world;
}

export const sourceYaml = (name: string, url: string): string => sharedSourceYaml(name, { url, timeoutSeconds: 2 });

export function officeYaml(fx: Fixture, dpPort: number, devices: string[]): string {
  return groupYaml('office', {
    distributionPoints: [{ name: 'dp-1', repository: fx.repo('dp-1'), address: `http://127.0.0.1:${dpPort}` }],
    devices: devices.map((name) => ({ name, os: 'linux', license: { expires: '2099-12-31' } })),
  });
}

/** An Update task for the office group; `extra` spec fields (schedule, runMissed) go over a manual schedule. */
export function updateTaskYaml(name: string, sources: string[], extra: Partial<TaskSpec> = {}): string {
  return taskYaml(name, { type: 'Update', scope: { group: 'office' }, settings: { sources, applicationUpdateMode: 'disabled' }, ...extra });
}

export const downloadTaskYaml = taskYaml('Download to DPs', { scope: { group: 'office' } });
