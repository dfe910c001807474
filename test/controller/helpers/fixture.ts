/**
 * A real world for the controller tests (docs/style.md 11): a vendor repository published with
 * updops' own publisher and served on 127.0.0.1, a temporary git config repository, DP
 * repositories in the temp folder (each under its own parent folder, so removing the parent is
 * "not visible on the network"), a real SQLite state, and a FakeClock — never real waiting for
 * schedules.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Test } from 'tap';
import { parse as parseYaml } from 'yaml';
import { FakeClock } from '../../../src/util/clock.js';
import { createController } from '../../../src/controller/controller.js';
import type { Controller, ControllerOptions } from '../../../src/controller/types.js';
import { generateKeys } from '../../../src/repository/keys.js';
import { publishRepository } from '../../../src/repository/publish/index.js';
import { serveRepository } from '../../../src/repository/serve/index.js';
import { SqliteStateStore, type RunRecord, type StateStore } from '../../../src/state/index.js';
import { initGitRepo } from '../../helpers/git-repo.js';
import { freeLoopbackPort as deadPort } from '../../helpers/loopback.js';
import { groupYaml as sharedGroupYaml, sourceYaml as sharedSourceYaml, taskYaml as sharedTaskYaml, type SourceSpec, type TaskSpec } from '../../helpers/manifests.js';
import { tempDirSync } from '../../helpers/temp-dir.js';

/** A Monday noon, UTC. */
export const START = '2026-11-23T12:00:00.000Z';

export interface DpSpec {
  name: string;
  os?: 'windows' | 'linux' | 'macos';
  updateTask?: string;
}

export interface Fixture {
  dir: string;
  config: string;
  vendorUrl: string;
  /** A port nothing listens on: a source there fails at once. */
  deadUrl: string;
  clock: FakeClock;
  /** DP name → repository folder (its parent is the DP's "network presence"). */
  repo: (dp: string) => string;
  write(rel: string, text: string): void;
  commit(message: string): string;
  /** `published`: the databases' publication time (default: now), for freshness tests. */
  publish(release: number, published?: string): Promise<number>;
  /** Another state file, its clock `clock` (default: the fixture's). */
  openStore(file?: string, clock?: FakeClock): Promise<StateStore>;
  /** A started controller on `store` (default: the fixture's main store), stopped at teardown. */
  controller(options?: Partial<ControllerOptions> & { store?: StateStore; clock?: FakeClock }): Promise<Controller>;
  store: StateStore;
}

function content(dir: string, release: number): void {
  const put = (rel: string, text: string): void => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  put('databases/kes/daily.avc', `daily ${release}\n`.repeat(200));
  put('modules/kes/agent.bin', 'agent\n'.repeat(100));
}

export function groupYaml(name: string, dps: DpSpec[], repo: (dp: string) => string): string {
  return sharedGroupYaml(name, { distributionPoints: dps.map((d) => ({ ...d, repository: repo(d.name) })) });
}

export function sourceYaml(name: string, url: string, type: SourceSpec['type'] = 'vendor'): string {
  return sharedSourceYaml(name, { type, url, timeoutSeconds: 5 });
}

/** `scope`, `schedule` and `extra` (more spec fields) are written as in a manifest, in flow YAML. */
export interface TaskOptions {
  scope: string;
  schedule: string;
  sources?: string[];
  type?: TaskSpec['type'];
  extra?: string;
}

export function taskYaml(name: string, o: TaskOptions): string {
  const type = o.type ?? 'DownloadUpdatesToDistributionPoints';
  return sharedTaskYaml(name, {
    type,
    scope: parseYaml(o.scope) as TaskSpec['scope'],
    schedule: parseYaml(o.schedule) as TaskSpec['schedule'],
    ...(type === 'DownloadUpdatesToDistributionPoints' ? { settings: { sources: o.sources ?? ['vendor'] } } : {}),
    ...(o.extra ? (parseYaml(o.extra) as Partial<TaskSpec>) : {}),
  });
}

export async function makeFixture(t: Test): Promise<Fixture> {
  const dir = tempDirSync(t, 'updops-controller-');
  const [contentDir, keys, vendorRepo, config] = ['content', 'keys', 'vendor-repo', 'config'].map((d) => path.join(dir, d)) as [string, string, string, string];
  content(contentDir, 1);
  await generateKeys(keys);
  await publishRepository({ contentDir, repoDir: vendorRepo, keysDir: keys });
  const server = await serveRepository({ root: vendorRepo, host: '127.0.0.1', port: 0 });
  const repo = initGitRepo(config);
  mkdirSync(path.join(config, 'keys'), { recursive: true });
  cpSync(path.join(vendorRepo, 'metadata', '1.root.json'), path.join(config, 'keys', 'vendor-root.json'));
  const clock = new FakeClock(START);
  const stores: StateStore[] = [];
  const controllers: Controller[] = [];
  const openStore = async (file = 'state.db', storeClock = clock): Promise<StateStore> => {
    const store = await SqliteStateStore.open(path.join(dir, file), { now: () => storeClock.now() });
    stores.push(store);
    return store;
  };
  const store = await openStore();
  const fixture: Fixture = {
    dir,
    config,
    vendorUrl: server.url,
    deadUrl: `http://127.0.0.1:${await deadPort()}`,
    clock,
    store,
    repo: (dp) => {
      // The DP's share is mounted (its parent folder exists), so the DP is visible at a run's start (src/runs/presence.ts); tests of presence remove it.
      mkdirSync(path.join(dir, 'dps', dp), { recursive: true });
      return path.join(dir, 'dps', dp, 'repo');
    },
    write: repo.write,
    commit: repo.commit,
    publish: async (release, published) => {
      content(contentDir, release);
      return (await publishRepository({ contentDir, repoDir: vendorRepo, keysDir: keys, ...(published ? { published } : {}) })).version;
    },
    openStore,
    controller: async (options = {}) => {
      const c = createController({ config, ref: 'main', store: options.store ?? store, clock: options.clock ?? clock, pollMs: 60_000, timeZone: 'UTC', cacheDir: path.join(dir, 'git-cache'), ...options });
      (options.clock ?? clock).setSettle(() => c.settled!());
      controllers.push(c);
      await c.start();
      await (options.clock ?? clock).flush();
      return c;
    },
  };
  t.teardown(async () => {
    for (const c of controllers) await c.stop().catch(() => undefined);
    for (const s of stores) await s.close();
    await server.close();
  });
  return fixture;
}

/** Runs of `task` (or all), oldest first, optionally only with `trigger`. */
export async function runsOf(store: StateStore, task?: string, trigger?: RunRecord['trigger']): Promise<RunRecord[]> {
  const runs = await store.listRuns({ ...(task ? { task } : {}), limit: 1000 });
  return runs.filter((r) => trigger === undefined || r.trigger === trigger).reverse();
}
