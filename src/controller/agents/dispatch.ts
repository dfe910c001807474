/**
 * Runs targets on agents (DESIGN.md 4 `updops agent`; 1 "Runs and statuses"). An Update-task
 * device with a registered, visible agent gets an assignment and the run waits for its result;
 * a device without an agent stays `skipped` and, with Run missed tasks, runs when its agent
 * registers. A DP with an agent syncs its own repository folder; a DP without one keeps
 * running in-process (the single-machine default).
 */
import type { RecordedConfig, RecordedTask } from '../../state/recorded-config.js';
import { NO_AGENT_REASON, NOT_VISIBLE_REASON, type TargetContext, type TargetOutcome } from '../../runs/run-target.js';
import type { RunTarget } from '../../runs/targets.js';
import type { DeviceResult } from '../../state/index.js';
import { downloadAssignment, updateAssignment } from './assignments.js';
import type { AgentHub } from './hub.js';
import type { AgentResult, Assignment } from '../../protocol/messages.js';

export interface RunScope {
  runId: string;
  task: RecordedTask;
  config: RecordedConfig;
  configDir: string;
  env?: NodeJS.ProcessEnv;
}

/** What a run's targets ask of the agents (src/tasks/run-target.ts). */
export interface RunAgents {
  hasAgent(name: string): boolean;
  runDevice(target: RunTarget, ctx: TargetContext): Promise<TargetOutcome>;
  runDp(target: RunTarget, ctx: TargetContext): Promise<TargetOutcome>;
}

/** Hands each run its view of the agents (src/tasks/run-task.ts). */
export interface AgentDispatch {
  forRun(scope: RunScope): RunAgents;
}

function toResult(base: Pick<DeviceResult, 'runId' | 'device'>, result: AgentResult): DeviceResult {
  return { ...base, status: result.status, ...(result.reason ? { reason: result.reason } : {}), files: result.files, bytes: result.bytes, durationMs: result.durationMs };
}

async function onAgent(hub: AgentHub, target: RunTarget, ctx: TargetContext, assignment: () => Promise<Assignment>): Promise<TargetOutcome> {
  const base = { runId: ctx.runId, device: target.name };
  await ctx.store.putDeviceResult({ ...base, status: 'running', files: 0, bytes: 0, durationMs: 0 });
  let result: AgentResult;
  try {
    result = await hub.dispatch(target.name, await assignment(), ctx.signal);
  } catch (error) {
    result = { status: 'failed', reason: `cannot build the assignment: ${(error as Error).message}`, files: 0, bytes: 0, durationMs: 0, events: [] };
  }
  if (ctx.signal?.aborted) return { result: { ...toResult(base, result), status: 'running' }, missed: false }; // finished as interrupted by the run
  // An agent's own result is already recorded by the hub; a timeout or restart is recorded here.
  const record = toResult(base, result);
  await ctx.store.putDeviceResult(record);
  return { result: record, missed: false };
}

export function agentDispatch(hub: AgentHub): AgentDispatch {
  return {
    forRun: (scope) => ({
      hasAgent: (name) => hub.hasAgent(name),
      runDevice: async (target, ctx) => {
        const base = { runId: ctx.runId, device: target.name, files: 0, bytes: 0, durationMs: 0 };
        if (!hub.hasAgent(target.name)) {
          await ctx.store.putDeviceResult({ ...base, status: 'skipped', reason: NO_AGENT_REASON });
          return { result: { ...base, status: 'skipped', reason: NO_AGENT_REASON }, missed: true };
        }
        if (!(await ctx.presence.isVisible(target.name))) {
          await ctx.store.putDeviceResult({ ...base, status: 'skipped', reason: NOT_VISIBLE_REASON });
          return { result: { ...base, status: 'skipped', reason: NOT_VISIBLE_REASON }, missed: true };
        }
        return onAgent(hub, target, ctx, () => updateAssignment(scope, target.name));
      },
      runDp: (target, ctx) => {
        const download = ctx.download ?? { sources: [], legacyScheme: false, downloadDiffFiles: false };
        return onAgent(hub, target, ctx, () => downloadAssignment(scope, target.repository ?? '', download));
      },
    }),
  };
}
