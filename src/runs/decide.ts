/**
 * Where one target of a run is worked on (docs/architecture.md "Runs"; docs/design.md 1; seed 001).
 * The only place these rules live, whoever started the run:
 * - a download task on a Linux/macOS DP fails with the seed's reason, whatever its visibility;
 * - a target that is not visible at its start is skipped (Run missed tasks may run it later);
 * - a target with an agent gets the work through its agent, never from this process;
 * - a DP without an agent is synced here (the single-machine default);
 * - a device without an agent is skipped: only an agent on it can update it.
 */
import { NON_WINDOWS_REASON } from './download-to-dp.js';
import type { Presence } from './presence.js';
import type { RunTarget } from './targets.js';
import type { RunAgents } from './types.js';

export const NO_AGENT_REASON = 'no agent has registered for this device';
export const NOT_VISIBLE_REASON = 'not visible at the start';

export type TargetDecision =
  | { on: 'none'; status: 'failed' | 'skipped'; reason: string; missed: boolean }
  | { on: 'agent' }
  | { on: 'here' };

export async function decideTarget(target: RunTarget, presence: Presence, agents: RunAgents | undefined): Promise<TargetDecision> {
  if (target.kind === 'distributionPoint' && target.os !== 'windows') {
    return { on: 'none', status: 'failed', reason: `${NON_WINDOWS_REASON}; ${target.name} runs ${target.os}`, missed: false };
  }
  const hasAgent = (await agents?.hasAgent(target.name)) ?? false;
  if (target.kind === 'device' && !hasAgent) return { on: 'none', status: 'skipped', reason: NO_AGENT_REASON, missed: true };
  if (!(await presence.isVisible(target.name))) return { on: 'none', status: 'skipped', reason: NOT_VISIBLE_REASON, missed: true };
  return hasAgent ? { on: 'agent' } : { on: 'here' };
}
