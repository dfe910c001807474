/**
 * One real world for the reconcile acceptance tests (docs/style.md 11: tests sit against real
 * things): a vendor repository published with updops' own publisher and served on 127.0.0.1,
 * a temporary git config repository (three groups with Windows DPs whose repositories live in
 * the temp folder, the vendor as an UpdateSource with its trustRoot, one download task per
 * group), and a state file. The CLI runs as real processes (`node bin/updops.js`, cwd = the
 * temp folder so its git cache lands there too); `prepare`/`apply` run in-process for speed.
 */
import { localRuns } from '../../../src/runs/index.js';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Test } from 'tap';
import { applyPlan, type ApplyResult } from '../../../src/plan/apply.js';
import { preparePlan, type Prepared } from '../../../src/plan/prepare.js';
import type { SavedPlan } from '../../../src/plan/types.js';
import { generateKeys } from '../../../src/repository/keys.js';
import { publishRepository, readLocalRepository } from '../../../src/repository/publish/index.js';
import { targetFileRelPath } from '../../../src/repository/publish/local-repository.js';
import { serveRepository } from '../../../src/repository/serve/index.js';
import { openStateStore, type StateDump, type StateStore } from '../../../src/state/index.js';
import { serveStatic } from '../../repository/helpers/static-server.js';
import { initGitRepo } from '../../helpers/git-repo.js';
import { seededBytes as seeded } from '../../helpers/loopback.js';
import { groupYaml, sourceYaml, taskYaml } from '../../helpers/manifests.js';
import { runCli } from '../../helpers/processes.js';
import { tempDirSync } from '../../helpers/temp-dir.js';

/** A fixed instant, so schedule previews are the same in every run. */
export const NOW = '2026-11-23T12:00:00Z';

export const DPS = ['dp-hq', 'dp-a', 'dp-b'] as const;
export type DpName = (typeof DPS)[number];

export interface WorldOptions {
  /** Size of the large database file (default 64 KiB); the lock test wants a sync that takes a while. */
  bigFileBytes?: number;
  /** Serve the vendor throttled to about this many bytes per second (a plain static server). */
  rate?: number;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface World {
  dir: string;
  config: string;
  state: string;
  cacheDir: string;
  vendor: { repo: string; content: string; url: string; publish(release: number): Promise<number> };
  dps: Record<DpName, string>;
  /** `--config … --ref main --state …`. */
  common: string[];
  write(rel: string, text: string): void;
  remove(rel: string): void;
  /** Commits everything; returns the new HEAD sha. */
  commit(message: string): string;
  head(): string;
  cli(args: string[], options?: { env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CliResult>;
  /** Spawns without waiting (concurrency tests). */
  spawnCli(args: string[], options?: { env?: NodeJS.ProcessEnv }): Promise<CliResult> & { pid: number | undefined };
  prepare(options?: { prune?: boolean; offline?: boolean; env?: NodeJS.ProcessEnv }): Promise<Prepared>;
  apply(saved: SavedPlan, options?: { env?: NodeJS.ProcessEnv }): Promise<ApplyResult>;
  withStore<T>(use: (store: StateStore) => Promise<T>): Promise<T>;
  dump(): Promise<StateDump>;
  /** Every target of the vendor's current version is in the DP repository, byte for byte, with the same metadata. */
  identicalToVendor(dp: DpName): Promise<string[]>;
}

function writeContent(dir: string, release: number, bigFileBytes: number): void {
  const put = (rel: string, bytes: Buffer | string): void => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), bytes);
  };
  put('databases/kes/main.avc', seeded('main', bigFileBytes));
  put('databases/kes/daily.avc', Buffer.concat([seeded('daily', 8 * 1024), Buffer.from(`release ${release}\n`)]));
  put('databases/kes/VERSION', `2026.11.${release}\n`);
  put('modules/kes/agent.bin', seeded('agent', 16 * 1024));
}

export function groupsYaml(dps: Record<DpName, string>): string {
  return [
    groupYaml('hq', {
      description: 'Head office',
      distributionPoints: [{ name: 'dp-hq', repository: dps['dp-hq'] }],
      devices: [{ name: 'ws-hq-1', license: { expires: '2027-12-31' } }],
    }),
    groupYaml('branch-a', { parent: 'hq', distributionPoints: [{ name: 'dp-a', repository: dps['dp-a'] }], devices: [{ name: 'ws-a-1' }] }),
    groupYaml('branch-b', { parent: 'hq', distributionPoints: [{ name: 'dp-b', repository: dps['dp-b'] }] }),
  ].join('');
}

export function vendorYaml(url: string): string {
  return sourceYaml('vendor', { url, timeoutSeconds: 10 });
}

export const TASKS_YAML = [
  taskYaml('Download hq', { scope: { devices: ['dp-hq'] }, schedule: { kind: 'daysOfWeek', days: ['friday'], time: '18:00', timeZone: 'Europe/Berlin' } }),
  taskYaml('Download branch-a', { scope: { group: 'branch-a' }, schedule: { kind: 'everyHours', every: 6, timeZone: 'Europe/Berlin' } }),
  taskYaml('Download branch-b', { scope: { group: 'branch-b' }, schedule: { kind: 'weekly', day: 'monday', time: '03:00', timeZone: 'Europe/Berlin' } }),
].join('');

/** Each DP an apply synced, from the runs it started: `dp status`. */
export function syncedDps(result: ApplyResult): string[] {
  return result.runs.flatMap((r) => r.results.map((d) => `${d.device} ${d.status}`)).sort();
}

export async function makeWorld(t: Test, options: WorldOptions = {}): Promise<World> {
  const dir = tempDirSync(t, 'updops-reconcile-');
  const bigFileBytes = options.bigFileBytes ?? 64 * 1024;
  const content = path.join(dir, 'content');
  const keys = path.join(dir, 'keys');
  const repo = path.join(dir, 'vendor-repo');
  writeContent(content, 1, bigFileBytes);
  await generateKeys(keys);
  await publishRepository({ contentDir: content, repoDir: repo, keysDir: keys });
  const server = options.rate ? await serveStatic(repo, undefined, { rate: options.rate }) : await serveRepository({ root: repo, host: '127.0.0.1', port: 0 });

  const config = path.join(dir, 'config');
  const dps = { 'dp-hq': path.join(dir, 'dps', 'hq'), 'dp-a': path.join(dir, 'dps', 'a'), 'dp-b': path.join(dir, 'dps', 'b') };
  // The DPs' share is mounted (their parent folder exists): a DP is visible at a run's start (src/runs/presence.ts).
  mkdirSync(path.join(dir, 'dps'), { recursive: true });
  const state = path.join(dir, 'state', 'state.db');
  const cacheDir = path.join(dir, '.updops', 'git-cache');
  const git = initGitRepo(config);
  git.write('groups/groups.yaml', groupsYaml(dps));
  git.write('sources/vendor.yaml', vendorYaml(server.url));
  git.write('tasks/download.yaml', TASKS_YAML);
  mkdirSync(path.join(config, 'keys'), { recursive: true });
  cpSync(path.join(repo, 'metadata', '1.root.json'), path.join(config, 'keys', 'vendor-root.json'));
  git.commit('Initial config');

  const spawnCli = (args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> & { pid: number | undefined } => {
    const run = runCli(args, { cwd: dir, env: { UPDOPS_OWNER: 'tester', CI: '1', ...opts.env }, t, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) });
    return Object.assign(
      run.then(({ code, stdout, stderr }) => ({ code, stdout, stderr })),
      { pid: run.child.pid },
    );
  };

  const withStore = async <T>(use: (store: StateStore) => Promise<T>): Promise<T> => {
    const store = await openStateStore({ path: state });
    try {
      return await use(store);
    } finally {
      await store.close();
    }
  };

  const world: World = {
    dir,
    config,
    state,
    cacheDir,
    vendor: {
      repo,
      content,
      url: server.url,
      publish: async (release) => {
        writeContent(content, release, bigFileBytes);
        return (await publishRepository({ contentDir: content, repoDir: repo, keysDir: keys })).version;
      },
    },
    dps,
    common: ['--config', config, '--ref', 'main', '--state', state],
    write: git.write,
    remove: git.remove,
    commit: git.commit,
    head: git.head,
    cli: (args, opts) => spawnCli(args, opts),
    spawnCli,
    prepare: (opts = {}) =>
      withStore((store) =>
        preparePlan({ config, ref: 'main', cacheDir, store, prune: opts.prune ?? false, now: new Date(NOW), timeZone: 'Europe/Berlin', ...(opts.offline ? { offline: true } : {}), ...(opts.env ? { env: opts.env } : {}) }),
      ),
    apply: (saved, opts = {}) =>
      withStore((store) =>
        applyPlan(saved, {
          store,
          holder: { owner: 'tester', host: 'test-host', pid: process.pid },
          maxDeletes: 10,
          execute: async (requests) => (await Promise.all(requests.map((r) => localRuns(r, { store, configDir: saved.config.dir ?? config, concurrency: 4, ...(opts.env ? { env: opts.env } : {}) })))).flat(),
        }),
      ),
    withStore,
    dump: () => withStore((store) => store.dump()),
    identicalToVendor: async (dp) => {
      const problems: string[] = [];
      const vendor = await readLocalRepository(repo);
      if (!vendor) return ['vendor has no version'];
      for (const [targetPath, target] of vendor.targets) {
        const rel = targetFileRelPath(targetPath, target.sha256);
        const want = readFileSync(path.join(repo, rel));
        let got: Buffer | undefined;
        try {
          got = readFileSync(path.join(dps[dp], rel));
        } catch {
          problems.push(`missing ${rel}`);
          continue;
        }
        if (!got.equals(want)) problems.push(`differs ${rel}`);
      }
      for (const meta of ['timestamp.json', `${vendor.version}.snapshot.json`, `${vendor.version}.targets.json`]) {
        const want = readFileSync(path.join(repo, 'metadata', meta));
        const got = (() => {
          try {
            return readFileSync(path.join(dps[dp], 'metadata', meta));
          } catch {
            return undefined;
          }
        })();
        if (!got?.equals(want)) problems.push(`metadata ${meta} differs`);
      }
      return problems;
    },
  };

  t.teardown(async () => {
    await server.close();
  });
  return world;
}

/** The recorded objects as "Kind/name", sorted as the store sorts them. */
export function objectNames(dump: StateDump): string[] {
  return dump.objects.map((o) => `${o.kind}/${o.name}`);
}

/** No stack trace: no line that looks like a V8 frame. */
export const STACK_FRAME = /^\s+at /m;
