/**
 * Runs in this process, for the CLI (`updops run` and `updops apply` without a controller):
 * the same executor the controller uses, with presence from the DPs' folders and chained tasks
 * run here too, one after another. Agents report to a controller, not to this process: a target
 * whose agent is live (per the store) is left to that controller, never written to from here.
 */
import { DEFAULTS } from '../defaults.js';
import type { AgentRecord, StateStore } from '../state/index.js';
import { recordedConfig, type RecordedConfig } from '../state/index.js';
import { systemClock, type Clock } from '../util/index.js';
import { executeRun } from './execute.js';
import { localPresence, type Presence } from './presence.js';
import type { AgentGateway, RunContext, RunOutcome, RunRequest } from './types.js';

/** A heartbeat older than this means the agent is gone: the controller's rule, at the default heartbeat (the store keeps no interval). */
export const LIVE_AGENT_MS = DEFAULTS.missedBeats * DEFAULTS.heartbeatSeconds * 1000;
export const AGENT_ELSEWHERE_REASON = 'its agent reports to a controller, which runs its work: start the task there (updops run --controller URL)';

export interface LocalRunsOptions {
  store: StateStore;
  configDir: string;
  concurrency: number;
  config?: RecordedConfig;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  onStarted?: RunContext['onStarted'];
  onProgress?: RunContext['onProgress'];
  onSynced?: RunContext['onSynced'];
}

function liveAgents(agents: readonly AgentRecord[], nowMs: number): Set<string> {
  return new Set(agents.filter((a) => nowMs - Date.parse(a.lastSeen) <= LIVE_AGENT_MS).map((a) => a.name));
}

/** The agents as this process sees them: known, never reachable from here. */
function agentsElsewhere(live: ReadonlySet<string>): AgentGateway {
  return {
    forRun: () => ({
      hasAgent: (name) => live.has(name),
      run: async (target, ctx) => {
        const result = { runId: ctx.runId, device: target.name, status: 'skipped' as const, reason: AGENT_ELSEWHERE_REASON, files: 0, bytes: 0, durationMs: 0 };
        await ctx.store.putDeviceResult(result);
        return result;
      },
    }),
  };
}

/** A target whose agent heartbeats is visible, whatever its folder says. */
function visibleOrLive(presence: Presence, live: ReadonlySet<string>): Presence {
  return { isVisible: async (name) => live.has(name) || presence.isVisible(name) };
}

/** Executes `request` and every run it chains; resolves with all of them, the requested one first. */
export async function localRuns(request: RunRequest, options: LocalRunsOptions): Promise<RunOutcome[]> {
  const clock = options.clock ?? systemClock;
  const config = options.config ?? (await recordedConfig(options.store));
  const live = liveAgents(await options.store.listAgents(), clock.now().getTime());
  const outcomes: RunOutcome[] = [];
  const chained: RunRequest[] = [];
  const ctx: RunContext = {
    store: options.store,
    clock,
    config,
    configDir: options.configDir,
    presence: visibleOrLive(localPresence((name) => config.model.distributionPoints.get(name)?.item.repository), live),
    agents: agentsElsewhere(live),
    concurrency: options.concurrency,
    start: async (next) => void chained.push(next),
    ...(options.env ? { env: options.env } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onStarted ? { onStarted: options.onStarted } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.onSynced ? { onSynced: options.onSynced } : {}),
  };
  outcomes.push(await executeRun(request, ctx));
  // Chains run after their predecessor, breadth first; validation rejects chain cycles.
  for (let next = chained.shift(); next; next = chained.shift()) outcomes.push(await executeRun(next, ctx));
  return outcomes;
}
