/**
 * `executeRun`: one run of a task (DESIGN.md 1, "Runs and statuses"). Creates the run, records
 * every target's result, and finishes it `failed` if any target failed, else `completed`
 * (seed 001: one Linux DP makes the download task Failed even when every Windows DP succeeded).
 * With randomized delay each target starts at the scheduled instant plus its own offset.
 */
import pLimit from 'p-limit';
import type { Clock } from '../util/clock.js';
import type { AgentDispatch } from '../controller/agents/dispatch.js';
import type { Presence } from './presence.js';
import type { DeviceResult, RunRecord, RunTrigger, StateStore } from '../state/index.js';
import type { RecordedConfig, RecordedTask } from '../state/recorded-config.js';
import { targetOffsets } from './offsets.js';
import { runTarget, type DownloadSettings } from './run-target.js';
import { taskSources } from './sources.js';
import { taskTargets, type RunTarget } from './targets.js';

export const INTERRUPTED_REASON = 'the controller stopped before the run finished';

export interface RunRequest {
  task: string;
  trigger: RunTrigger;
  /** Only these DPs/devices (chain: the devices both tasks share; missed: the DPs that were not visible). */
  devices?: readonly string[];
  /** The instant the schedule asked for; randomized-delay offsets count from it. */
  scheduledAt?: Date;
}

export interface RunContext {
  store: StateStore;
  clock: Clock;
  config: RecordedConfig;
  /** Base for relative paths in the recorded sources (trustRoot, folder URLs, secret files). */
  configDir: string;
  presence: Presence;
  /** Agents on devices and DPs (DESIGN.md 4 `updops agent`); absent: devices are skipped, DPs sync in-process. */
  agents?: AgentDispatch;
  concurrency: number;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /**
   * How the caller counts work (src/controller/activity.ts): each target is `track`ed, and
   * waits — the run on its targets, a target on the clock — are `parked`, so a run whose
   * targets all wait for their offsets counts as settled.
   */
  activity?: WorkCounter;
  onStarted?: (run: RunRecord) => void;
}

export interface WorkCounter {
  track<T>(work: () => Promise<T>): Promise<T>;
  parked<T>(promise: Promise<T>): Promise<T>;
}

const UNCOUNTED: WorkCounter = { track: (work) => work(), parked: (promise) => promise };

export interface RunOutcome {
  run: RunRecord;
  results: DeviceResult[];
  /** Targets skipped because they were not visible at their start. */
  missed: string[];
}

function downloadSettings(task: RecordedTask, ctx: RunContext): DownloadSettings | undefined {
  if (task.spec.type !== 'DownloadUpdatesToDistributionPoints') return undefined;
  const settings = task.spec.settings;
  return {
    sources: taskSources(ctx.config.model, settings?.sources ?? ['vendor'], task.spec.type, ctx.configDir, ctx.env),
    legacyScheme: settings?.legacyScheme ?? false,
    downloadDiffFiles: settings?.downloadDiffFiles ?? false,
    ...(settings?.components?.length ? { components: [...settings.components] } : {}),
  };
}

function selectTargets(task: RecordedTask, ctx: RunContext, devices: readonly string[] | undefined): { all: RunTarget[]; chosen: RunTarget[] } {
  const all = taskTargets(ctx.config.model, task.name, task.spec);
  if (devices === undefined) return { all, chosen: all };
  const wanted = new Set(devices);
  return { all, chosen: all.filter((t) => wanted.has(t.name)) };
}

function summary(results: DeviceResult[]): { status: 'completed' | 'failed'; reason?: string } {
  const failed = results.filter((r) => r.status === 'failed').length;
  const skipped = results.filter((r) => r.status === 'skipped').length;
  if (results.length === 0) return { status: 'completed', reason: 'nothing in scope to run on' };
  const parts = [failed ? `${failed} of ${results.length} failed` : '', skipped ? `${skipped} of ${results.length} skipped` : ''].filter(Boolean);
  return { status: failed ? 'failed' : 'completed', ...(parts.length ? { reason: parts.join(', ') } : {}) };
}

/** Unfinished targets of a stopped run fail, so the record never claims work that did not happen. */
async function finishInterrupted(run: RunRecord, ctx: RunContext): Promise<RunOutcome> {
  for (const r of await ctx.store.listDeviceResults(run.id)) {
    if (r.status === 'pending' || r.status === 'running') await ctx.store.putDeviceResult({ ...r, status: 'failed', reason: INTERRUPTED_REASON });
  }
  const done = await ctx.store.updateRun(run.id, { status: 'interrupted', finishedAt: ctx.clock.now().toISOString(), reason: INTERRUPTED_REASON });
  return { run: done, results: await ctx.store.listDeviceResults(run.id), missed: [] };
}

export async function executeRun(request: RunRequest, ctx: RunContext): Promise<RunOutcome> {
  const task = ctx.config.tasks.get(request.task);
  if (!task) throw new Error(`task "${request.task}" is not in the applied configuration`);
  const { all, chosen } = selectTargets(task, ctx, request.devices);
  const run = await ctx.store.createRun({ task: task.name, trigger: request.trigger, status: 'running', startedAt: ctx.clock.now().toISOString() });
  ctx.onStarted?.(run);
  for (const target of chosen) await ctx.store.putDeviceResult({ runId: run.id, device: target.name, status: 'pending', files: 0, bytes: 0, durationMs: 0 });
  const offsets = request.trigger === 'schedule' && request.scheduledAt ? await targetOffsets(task, all, ctx.store) : new Map<string, number>();
  const download = downloadSettings(task, ctx);
  const limit = pLimit(Math.max(1, ctx.concurrency));
  const activity = ctx.activity ?? UNCOUNTED;
  const agents = ctx.agents?.forRun({ runId: run.id, task, config: ctx.config, configDir: ctx.configDir, ...(ctx.env ? { env: ctx.env } : {}) });
  const targetCtx = { runId: run.id, store: ctx.store, presence: ctx.presence, now: () => ctx.clock.now(), ...(download ? { download } : {}), ...(agents ? { agents } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}) };
  const missed: string[] = [];
  const one = async (target: RunTarget): Promise<void> => {
    const startAt = (request.scheduledAt?.getTime() ?? 0) + (offsets.get(target.name) ?? 0);
    const wait = startAt - ctx.clock.now().getTime();
    if (wait > 0) await activity.parked(ctx.clock.sleep(wait, ctx.signal)).catch(() => undefined);
    if (ctx.signal?.aborted) return;
    const outcome = await limit(() => runTarget(target, targetCtx));
    if (outcome.missed) missed.push(target.name);
  };
  await activity.parked(Promise.allSettled(chosen.map((target) => activity.track(() => one(target)))));
  if (ctx.signal?.aborted) return finishInterrupted(run, ctx);
  const results = await ctx.store.listDeviceResults(run.id);
  const { status, reason } = summary(results);
  const done = await ctx.store.updateRun(run.id, { status, finishedAt: ctx.clock.now().toISOString(), ...(reason ? { reason } : {}) });
  return { run: done, results, missed: missed.sort() };
}
