/**
 * `executeRun`: the one code path that runs a task (docs/architecture.md "Runs"; docs/design.md 1,
 * "Runs and statuses"). Apply, the scheduler, manual and API starts, chains, outbreaks and missed
 * runs all come here. It creates the run, decides and works on every target (decide.ts), records
 * one result per target, finishes the run `failed` if any target failed, else `completed` (seed
 * 001: one Linux DP makes the download task Failed even when every Windows DP succeeded) — or
 * `skipped` when every target was skipped — and
 * then starts the tasks chained on that outcome. With randomized delay each target starts at the
 * scheduled instant plus its own offset.
 */
import pLimit from 'p-limit';
import { UpdopsError } from '../errors.js';
import type { DeviceResult, RecordedTask, RunRecord } from '../state/index.js';
import { targetOffsets } from './offsets.js';
import { runTarget } from './run-target.js';
import { downloadSettings, keepVerified } from './settings.js';
import { taskTargets, type RunTarget } from './targets.js';
import { onTaskCompletion } from './triggers.js';
import type { RunContext, RunOutcome, RunRequest, TargetContext, WorkCounter } from './types.js';

export const RUN_FAILED_EVENT = 'RunFailed';

/** A stop on purpose (SIGTERM, Ctrl-C) ends a run `cancelled`; only a crash leaves one to be found `interrupted`. */
export const CANCELLED_REASON = 'cancelled: updops was stopped before the run finished';

/**
 * The abort reason of an operator's cancel (`updops cancel RUN`, `POST /api/runs/:id/cancel`): the
 * run and its unfinished targets say who cancelled, where a stop of updops says CANCELLED_REASON.
 */
export class RunCancelled extends Error {
  readonly by: string;
  constructor(by: string) {
    super(`cancelled by ${by}`);
    this.name = 'RunCancelled';
    this.by = by;
  }
}

/**
 * The reason of a run an operator cancelled (`cancelled by WHO`), or undefined for any other run —
 * one cancelled because updops stopped included: its agents go on, and their results still count.
 */
export function operatorCancelReason(run: Pick<RunRecord, 'status' | 'reason'>): string | undefined {
  return run.status === 'cancelled' && run.reason?.startsWith('cancelled by ') ? run.reason : undefined;
}

function cancelReason(signal: AbortSignal | undefined): string {
  return signal?.reason instanceof RunCancelled ? signal.reason.message : CANCELLED_REASON;
}

const UNCOUNTED: WorkCounter = { track: (work) => work(), parked: (promise) => promise };

function chosenTargets(all: RunTarget[], wanted: readonly string[] | undefined): RunTarget[] {
  if (wanted === undefined) return all;
  const names = new Set(wanted);
  return all.filter((t) => names.has(t.name));
}

const ALL_SKIPPED = 'targets skipped: ';

/** A run that was started and skipped on every target — unlike a start skipped because the task was already running. */
export function skippedEveryTarget(run: RunRecord): boolean {
  return run.status === 'skipped' && /^all \d+ /.test(run.reason ?? '') && (run.reason ?? '').includes(ALL_SKIPPED);
}

/**
 * A run whose every target was skipped did no work: it is `skipped` (so `run --wait` exits non-zero
 * and no chain fires), with the targets' reasons, not `completed`.
 */
function summary(results: DeviceResult[]): { status: 'completed' | 'failed' | 'skipped'; reason?: string } {
  const failed = results.filter((r) => r.status === 'failed').length;
  const skipped = results.filter((r) => r.status === 'skipped');
  if (results.length === 0) return { status: 'completed', reason: 'nothing in scope to run on' };
  if (skipped.length === results.length) {
    const reasons = [...new Set(skipped.map((r) => r.reason ?? 'skipped'))].sort();
    return { status: 'skipped', reason: `all ${results.length} ${ALL_SKIPPED}${reasons.join('; ')}` };
  }
  const parts = [failed ? `${failed} of ${results.length} failed` : '', skipped.length ? `${skipped.length} of ${results.length} skipped` : ''].filter(Boolean);
  return { status: failed ? 'failed' : 'completed', ...(parts.length ? { reason: parts.join(', ') } : {}) };
}

/**
 * Ends a run that could not finish its work: unfinished targets fail with `reason`, so the record
 * never claims work that did not happen, and the run is never left `running`.
 */
async function finishEarly(run: RunRecord, ctx: RunContext, status: 'cancelled' | 'failed', reason: string): Promise<RunRecord> {
  for (const r of await ctx.store.listDeviceResults(run.id)) {
    if (r.status === 'pending' || r.status === 'running') await ctx.store.putDeviceResult({ ...r, status: 'failed', reason });
  }
  return ctx.store.updateRun(run.id, { status, finishedAt: ctx.clock.now().toISOString(), reason });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

export async function executeRun(request: RunRequest, ctx: RunContext): Promise<RunOutcome> {
  const task = ctx.config.tasks.get(request.task);
  if (!task) throw new UpdopsError('NOT_FOUND', `task "${request.task}" is not in the applied configuration`);
  const all = taskTargets(ctx.config.model, task.name, task.spec);
  const chosen = chosenTargets(all, request.targets);
  // A scheduled start records its due instant: unique per task, so of two replicas (or a restart) only one records it.
  const scheduledAt = request.trigger === 'schedule' && request.scheduledAt ? { scheduledAt: request.scheduledAt.toISOString() } : {};
  const run = await ctx.store.createRun({ task: task.name, trigger: request.trigger, status: 'running', startedAt: ctx.clock.now().toISOString(), ...scheduledAt });
  ctx.onStarted?.(run);
  let outcome: RunOutcome;
  try {
    outcome = await work(run, request, task, chosen, all, ctx);
  } catch (error) {
    // A run that cannot go on (a source's secret missing, the store failing mid-run) still ends, failed with why.
    const done = ctx.signal?.aborted ? await finishEarly(run, ctx, 'cancelled', cancelReason(ctx.signal)) : await finishEarly(run, ctx, 'failed', messageOf(error));
    outcome = { run: done, results: await ctx.store.listDeviceResults(run.id), missed: [] };
  }
  if (outcome.run.status === 'failed') await recordFailure(outcome, ctx);
  if (ctx.start) for (const next of onTaskCompletion(ctx.config, outcome.run)) await ctx.start(next);
  return outcome;
}

/** A failed run is an event too (`updops events`, notifications), naming the targets that failed. */
async function recordFailure({ run, results }: RunOutcome, ctx: RunContext): Promise<void> {
  const failed = results.filter((r) => r.status === 'failed').map((r) => r.device);
  const message = `run ${run.id} of "${run.task}" (${run.trigger}) failed${run.reason ? `: ${run.reason}` : ''}${failed.length ? ` — ${failed.slice(0, 5).join(', ')}${failed.length > 5 ? ` and ${failed.length - 5} more` : ''}` : ''}`;
  await ctx.store.appendEvent({ type: RUN_FAILED_EVENT, subject: run.task, message, time: ctx.clock.now().toISOString(), data: { run: run.id, task: run.task, trigger: run.trigger, failed } });
}

async function work(run: RunRecord, request: RunRequest, task: RecordedTask, chosen: RunTarget[], all: RunTarget[], ctx: RunContext): Promise<RunOutcome> {
  for (const target of chosen) await ctx.store.putDeviceResult({ runId: run.id, device: target.name, status: 'pending', files: 0, bytes: 0, durationMs: 0 });
  const offsets = request.trigger === 'schedule' && request.scheduledAt ? await targetOffsets(task, all, ctx.store) : new Map<string, number>();
  const download = await keepVerified(downloadSettings(task, ctx.config, ctx.configDir, ctx.env), task, ctx.config, ctx.store);
  const limit = pLimit(Math.max(1, ctx.concurrency));
  const activity = ctx.activity ?? UNCOUNTED;
  const agents = ctx.agents?.forRun({ runId: run.id, task, config: ctx.config, configDir: ctx.configDir, ...(ctx.env ? { env: ctx.env } : {}) });
  const targetCtx: TargetContext = {
    runId: run.id,
    store: ctx.store,
    presence: ctx.presence,
    now: () => ctx.clock.now(),
    ...(download ? { download } : {}),
    ...(agents ? { agents } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(ctx.env ? { env: ctx.env } : {}),
    ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
    ...(ctx.onSynced ? { onSynced: ctx.onSynced } : {}),
  };
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
  if (ctx.signal?.aborted) {
    const done = await finishEarly(run, ctx, 'cancelled', cancelReason(ctx.signal));
    return { run: done, results: await ctx.store.listDeviceResults(run.id), missed: [] };
  }
  const results = await ctx.store.listDeviceResults(run.id);
  const { status, reason } = summary(results);
  const done = await ctx.store.updateRun(run.id, { status, finishedAt: ctx.clock.now().toISOString(), ...(reason ? { reason } : {}) });
  return { run: done, results, missed: missed.sort() };
}
