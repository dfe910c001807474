/**
 * The controller's agents as the run executor sees them (src/runs/types.ts `AgentGateway`;
 * docs/design.md 4 `updops agent`). Whether a target goes to its agent at all is decided by the
 * executor (src/runs/decide.ts); here the assignment is built, queued on the hub, and the
 * run waits for the agent's result (or a timeout, or the controller stopping).
 */
import type { AgentGateway, RunScope, RunTarget, TargetContext } from '../../runs/index.js';
import type { DeviceResult } from '../../state/index.js';
import { downloadAssignment, updateAssignment } from './assignments.js';
import type { AgentHub } from './hub.js';
import { pinnedVersion } from '../rollouts.js';
import type { AgentResult, Assignment } from '../../protocol/index.js';

function toResult(base: Pick<DeviceResult, 'runId' | 'device'>, result: AgentResult): DeviceResult {
  return {
    ...base,
    status: result.status,
    ...(result.reason ? { reason: result.reason } : {}),
    files: result.files,
    bytes: result.bytes,
    durationMs: result.durationMs,
    ...(result.source ? { source: result.source } : {}),
    ...(result.fallbackReason ? { fallbackReason: result.fallbackReason } : {}),
  };
}

/** A device held back by a verifying download task (no release verified yet) gets no assignment: `{ held }`. */
async function assignmentFor(scope: RunScope, target: RunTarget, ctx: TargetContext): Promise<Assignment | { held: string }> {
  if (target.kind === 'device') {
    const pinned = await pinnedVersion(scope.config, ctx.store, scope.task.name, target.name);
    if ('held' in pinned) return pinned;
    return updateAssignment(scope, target.name, (await ctx.store.getDeviceLicence(target.name))?.unlicensedUpdates, pinned.version);
  }
  return downloadAssignment(scope, target.repository ?? '', ctx.download ?? { sources: [], legacyScheme: false, downloadDiffFiles: false }, target.name);
}

async function onAgent(hub: AgentHub, scope: RunScope, target: RunTarget, ctx: TargetContext): Promise<DeviceResult> {
  const base = { runId: ctx.runId, device: target.name };
  await ctx.store.putDeviceResult({ ...base, status: 'running', files: 0, bytes: 0, durationMs: 0 });
  let result: AgentResult;
  try {
    const assignment = await assignmentFor(scope, target, ctx);
    if ('held' in assignment) {
      const skipped: DeviceResult = { ...base, status: 'skipped', reason: assignment.held, files: 0, bytes: 0, durationMs: 0 };
      await ctx.store.putDeviceResult(skipped);
      return skipped;
    }
    result = await hub.dispatch(target.name, assignment, ctx.signal);
  } catch (error) {
    result = { status: 'failed', reason: `cannot build the assignment: ${(error as Error).message}`, files: 0, bytes: 0, durationMs: 0, events: [] };
  }
  // A stopped run finishes its unfinished targets as failed and itself cancelled (src/runs/execute.ts).
  if (ctx.signal?.aborted) return { ...toResult(base, result), status: 'running' };
  // An agent's own result is already recorded by the hub; a timeout or restart is recorded here.
  const record = toResult(base, result);
  await ctx.store.putDeviceResult(record);
  return record;
}

export function agentDispatch(hub: AgentHub): AgentGateway {
  return {
    forRun: (scope) => ({
      hasAgent: (name) => hub.hasAgent(name),
      run: (target, ctx) => onAgent(hub, scope, target, ctx),
    }),
  };
}
