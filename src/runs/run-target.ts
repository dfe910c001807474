/**
 * One DP or device within a run (DESIGN.md 1, "Runs and statuses"): what it does and the result
 * it records. Download tasks sync Windows DPs and fail the others with the seed's reason; a DP
 * with a registered agent syncs through it. Update tasks run on the device's agent
 * (src/controller/agents/dispatch.ts); without agents they are honestly `skipped`.
 */
import { recordObservation } from './record-observation.js';
import type { DeviceResult, StateStore } from '../state/index.js';
import type { RunAgents } from '../controller/agents/dispatch.js';
import type { Presence } from './presence.js';
import { downloadToDistributionPoint } from './download-to-dp.js';
import type { ResolvedSource } from './sources.js';
import type { RunTarget } from './targets.js';

export const NO_AGENT_REASON = 'no agent has registered for this device';
export const NOT_VISIBLE_REASON = 'not visible at the start';

export interface DownloadSettings {
  sources: ResolvedSource[];
  legacyScheme: boolean;
  downloadDiffFiles: boolean;
  /** Only these components reach the DP (DESIGN.md 1, `components`); absent: all. */
  components?: string[];
}

export interface TargetContext {
  runId: string;
  store: StateStore;
  presence: Presence;
  now: () => Date;
  download?: DownloadSettings;
  /** The controller's agents for this run (DESIGN.md 4 `updops agent`); absent: no agents at all. */
  agents?: RunAgents;
  signal?: AbortSignal;
}

export interface TargetOutcome {
  result: DeviceResult;
  /** Not visible at its start: a candidate for Run missed tasks. */
  missed: boolean;
}

async function record(ctx: TargetContext, result: DeviceResult): Promise<DeviceResult> {
  await ctx.store.putDeviceResult(result);
  return result;
}

export async function runTarget(target: RunTarget, ctx: TargetContext): Promise<TargetOutcome> {
  const base = { runId: ctx.runId, device: target.name, files: 0, bytes: 0, durationMs: 0 };
  if (target.kind === 'device') {
    if (ctx.agents) return ctx.agents.runDevice(target, ctx);
    return { result: await record(ctx, { ...base, status: 'skipped', reason: NO_AGENT_REASON }), missed: false };
  }
  const settings = ctx.download ?? { sources: [], legacyScheme: false, downloadDiffFiles: false };
  const dp = { name: target.name, os: target.os, repository: target.repository ?? '' };
  // A Linux/macOS DP fails whatever its visibility: the seed's outcome does not depend on the network.
  if (dp.os === 'windows' && !(await ctx.presence.isVisible(dp.name))) {
    return { result: await record(ctx, { ...base, status: 'skipped', reason: NOT_VISIBLE_REASON }), missed: true };
  }
  if (dp.os === 'windows' && ctx.agents?.hasAgent(dp.name)) return ctx.agents.runDp(target, ctx);
  if (dp.os === 'windows') await record(ctx, { ...base, status: 'running' });
  const outcome = await downloadToDistributionPoint({ dp, ...settings, ...(ctx.signal ? { signal: ctx.signal } : {}) });
  if (ctx.signal?.aborted) return { result: { ...base, status: 'running' }, missed: false }; // finished as interrupted by the run
  const files = outcome.status === 'completed' ? outcome.result.files : 0;
  const bytes = outcome.status === 'completed' ? outcome.result.bytes : 0;
  const result = await record(ctx, { ...base, status: outcome.status, files, bytes, durationMs: outcome.durationMs, ...(outcome.status === 'failed' ? { reason: outcome.reason } : {}) });
  if (dp.os === 'windows') await recordObservation(ctx.store, dp.name, dp.repository, ctx.now());
  return { result, missed: false };
}
