/**
 * Schedule bench (docs/design.md 1 "Schedules", "Randomized delay"): the next start of 100,000
 * (task, device) pairs — 1,000 tasks of every clock kind × 100 devices each, with randomized
 * delay — must take under 1 s. Run: `node --import tsx bench/schedule.ts`.
 * The schedule is evaluated once per task and offsets per device (src/schedule/device-starts.ts),
 * which is how the controller uses it.
 */
import { pathToFileURL } from 'node:url';
import type { RandomDelay, Schedule } from '../src/manifests/types.generated.js';
import { deviceStarts } from '../src/schedule/index.js';

const TASKS = 1_000;
const DEVICES_PER_TASK = 100;
const TARGET_MS = 1_000;

const KINDS: Schedule[] = [
  { kind: 'everyMinutes', every: 15 },
  { kind: 'everyHours', every: 6 },
  { kind: 'everyDays', every: 2 },
  { kind: 'everyWeeks', every: 2, day: 'wednesday', time: '10:00' },
  { kind: 'dailyNoDst', time: '02:30' },
  { kind: 'weekly', day: 'sunday', time: '02:30' },
  { kind: 'daysOfWeek', days: ['monday', 'friday'], time: '18:00' },
  { kind: 'monthly', day: 31, time: '10:00' },
  { kind: 'monthlyByWeeks', weeks: [2, 'last'], days: ['tuesday', 'saturday'] },
  { kind: 'cron', expression: '*/20 8-17 * * 1-5', timeZone: 'America/New_York' },
];

export interface BenchResult {
  name: string;
  figures: Record<string, number>;
}

/** Next start of every device of `tasks` tasks; returns the number of (task, device) starts. */
function startsFor(tasks: number, devices: readonly string[], after: Date): number {
  let pairs = 0;
  for (let task = 0; task < tasks; task++) {
    const schedule = KINDS[task % KINDS.length] ?? { kind: 'manual' };
    const randomDelay: RandomDelay = task % 2 === 0 ? { automatic: true } : { minutes: 5 };
    const context = {
      anchor: new Date('2026-01-05T08:15:00Z'),
      defaultTimeZone: 'Europe/Berlin',
      taskName: `task-${task}`,
      settingsRevision: 1,
      manualStarts: 0,
    };
    for (const d of deviceStarts(schedule, randomDelay, devices, after, 1, context)) pairs += d.starts.length;
  }
  return pairs;
}

export function runScheduleBench(): BenchResult {
  const devices = Array.from({ length: DEVICES_PER_TASK }, (_, i) => `device-${i}`);
  // The week before a DST change, so the spring-forward paths are part of the figure.
  const after = new Date('2026-03-28T12:00:00Z');
  startsFor(KINDS.length, devices, after); // warm-up: JIT and lazy module code, not measured
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const pairs = startsFor(TASKS, devices, after);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  // CPU time is reported too: on a shared, loaded machine wall time overstates the cost.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    name: 'schedule.nextStarts',
    figures: {
      pairs,
      ms: Math.round(ms),
      cpuMs: Math.round(cpuMs),
      targetMs: TARGET_MS,
      ratio: Number((ms / TARGET_MS).toFixed(3)),
      cpuRatio: Number((cpuMs / TARGET_MS).toFixed(3)),
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { name, figures } = runScheduleBench();
  console.log(
    `${name}: ${figures.pairs} (task, device) pairs in ${figures.ms} ms (CPU ${figures.cpuMs} ms) — ${figures.ratio}× the ${figures.targetMs} ms target (CPU ${figures.cpuRatio}×)`,
  );
  if ((figures.ratio ?? Infinity) >= 1) process.exitCode = 1;
}
