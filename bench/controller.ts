/**
 * Controller idle bench (docs/design.md 4): a controller following a config with 1,000 scheduled
 * tasks (every start in the future, no DP needing a sync, nothing leaves 127.0.0.1) must sit
 * idle cheaply — CPU < 2% of one core and RSS < 200 MB over 60 s of real time (or
 * `UPDOPS_BENCH_SECONDS`). The scheduler sleeps until the earliest start instead of polling
 * tasks. Run: `node --import tsx bench/controller.ts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { systemClock } from '../src/util/clock.js';
import { createController } from '../src/controller/controller.js';
import { SqliteStateStore } from '../src/state/index.js';
import { freeLoopbackPort as deadPort } from '../test/helpers/loopback.js';

const TASKS = 1_000;
const CPU_LIMIT_PERCENT = 2;
const RSS_LIMIT_MB = 200;

const SCHEDULES = [
  '{kind: everyHours, every: 6}',
  '{kind: daysOfWeek, days: [sunday], time: "03:00"}',
  '{kind: monthly, day: 28, time: "02:00"}',
  '{kind: weekly, day: saturday, time: "23:30"}',
  '{kind: everyDays, every: 2}',
  '{kind: cron, expression: "15 4 1 * *"}',
];

async function writeConfig(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'groups.yaml'), 'apiVersion: updops/v1\nkind: Group\nmetadata: {name: hq}\nspec: {devices: [{name: ws-1, os: windows}]}\n');
  writeFileSync(path.join(dir, 'source.yaml'), `apiVersion: updops/v1\nkind: UpdateSource\nmetadata: {name: vendor}\nspec: {type: vendor, url: "http://127.0.0.1:${await deadPort()}"}\n`);
  const tasks = Array.from({ length: TASKS }, (_, i) =>
    `---\napiVersion: updops/v1\nkind: Task\nmetadata: {name: task-${String(i).padStart(4, '0')}}\nspec:\n  type: DownloadUpdatesToDistributionPoints\n  scope: {group: hq}\n  schedule: ${SCHEDULES[i % SCHEDULES.length]}\n`,
  );
  writeFileSync(path.join(dir, 'tasks.yaml'), tasks.join(''));
  const git = (...args: string[]): void => void execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@updops.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'bench config');
}

export async function runControllerBench(): Promise<{ name: string; lines: string[]; ok: boolean }> {
  const seconds = Number(process.env.UPDOPS_BENCH_SECONDS ?? 60);
  const work = mkdtempSync(path.join(tmpdir(), 'updops-bench-controller-'));
  const config = path.join(work, 'config');
  await writeConfig(config);
  const store = await SqliteStateStore.open(path.join(work, 'state.db'));
  const controller = createController({ config, ref: 'main', store, clock: systemClock, pollMs: 60_000, cacheDir: path.join(work, 'git-cache'), timeZone: 'UTC' });
  try {
    const startUp = performance.now();
    await controller.start();
    const startMs = performance.now() - startUp;
    const tasks = (await store.listObjects('Task')).length;
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    let rss = process.memoryUsage().rss;
    const sampler = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 1000);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    clearInterval(sampler);
    const cpu = process.cpuUsage(cpu0);
    const wallMs = performance.now() - wall0;
    rss = Math.max(rss, process.memoryUsage().rss);
    const cpuPercent = ((cpu.user + cpu.system) / 1000 / wallMs) * 100;
    const rssMb = rss / (1 << 20);
    const runs = (await store.listRuns({ limit: 10 })).length;
    const ok = tasks === TASKS && cpuPercent < CPU_LIMIT_PERCENT && rssMb < RSS_LIMIT_MB && runs === 0;
    return {
      name: 'controller idle',
      ok,
      lines: [
        `tasks recorded: ${tasks} (start and first apply: ${(startMs / 1000).toFixed(1)} s); runs while idle: ${runs}`,
        `idle for ${(wallMs / 1000).toFixed(1)} s: CPU ${cpuPercent.toFixed(2)}% of one core (limit ${CPU_LIMIT_PERCENT}%)`,
        `RSS peak ${rssMb.toFixed(1)} MB (limit ${RSS_LIMIT_MB} MB)`,
      ],
    };
  } finally {
    await controller.stop();
    await store.close();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runControllerBench();
  for (const line of result.lines) process.stdout.write(`${line}\n`);
  process.stdout.write(result.ok ? 'ok\n' : 'FAILED\n');
  process.exitCode = result.ok ? 0 : 1;
}
