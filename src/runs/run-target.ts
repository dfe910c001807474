/**
 * One DP or device within a run (docs/design.md 1, "Runs and statuses"): decided by decide.ts, then
 * worked on by its agent or here, and recorded as one `DeviceResult` — the only result type.
 */
import { fallbackReason, repositoryExpectation } from '../repository/index.js';
import type { DeviceResult } from '../state/index.js';
import { decideTarget } from './decide.js';
import { downloadToDistributionPoint } from './download-to-dp.js';
import { recordObservation } from './record-observation.js';
import type { RunTarget } from './targets.js';
import type { TargetContext } from './types.js';

export interface TargetOutcome {
  result: DeviceResult;
  /** Not visible (or without its agent) at its start: a candidate for Run missed tasks. */
  missed: boolean;
}

async function record(ctx: TargetContext, result: DeviceResult): Promise<DeviceResult> {
  await ctx.store.putDeviceResult(result);
  return result;
}

/** A DP without an agent: its repository folder is synced by this process. */
async function syncHere(target: RunTarget, ctx: TargetContext): Promise<DeviceResult> {
  const base = { runId: ctx.runId, device: target.name, files: 0, bytes: 0, durationMs: 0 };
  const settings = ctx.download ?? { sources: [], legacyScheme: false, downloadDiffFiles: false };
  const dp = { name: target.name, os: target.os, repository: target.repository ?? '' };
  await record(ctx, { ...base, status: 'running' });
  const keepVersions = settings.pinnedByDp?.get(target.name);
  const outcome = await downloadToDistributionPoint({
    dp,
    ...settings,
    ...(keepVersions?.length ? { keepVersions } : {}),
    ...(ctx.onProgress ? { onProgress: (p) => ctx.onProgress?.(target, p) } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(ctx.env ? { env: ctx.env } : {}),
  });
  // A stopped run finishes its unfinished targets as failed and itself cancelled (execute.ts).
  if (ctx.signal?.aborted) return { ...base, status: 'running' };
  const why = outcome.status === 'completed' ? fallbackReason(outcome.result) : undefined;
  const result: DeviceResult = outcome.status === 'completed'
    ? { ...base, status: 'completed', files: outcome.result.files, bytes: outcome.result.bytes, durationMs: outcome.durationMs, source: outcome.result.source, ...(why ? { fallbackReason: why } : {}) }
    : { ...base, status: 'failed', durationMs: outcome.durationMs, reason: outcome.reason };
  await record(ctx, result);
  if (outcome.status === 'completed') ctx.onSynced?.(target, { files: outcome.result.files, bytes: outcome.result.bytes, source: outcome.result.source });
  await recordObservation(ctx.store, dp.name, dp.repository, repositoryExpectation(settings), ctx.now());
  return result;
}

export async function runTarget(target: RunTarget, ctx: TargetContext): Promise<TargetOutcome> {
  const decision = await decideTarget(target, ctx.presence, ctx.agents);
  if (decision.on === 'none') {
    const result = await record(ctx, { runId: ctx.runId, device: target.name, files: 0, bytes: 0, durationMs: 0, status: decision.status, reason: decision.reason });
    return { result, missed: decision.missed };
  }
  if (decision.on === 'agent' && ctx.agents) return { result: await ctx.agents.run(target, ctx), missed: false };
  return { result: await syncHere(target, ctx), missed: false };
}
