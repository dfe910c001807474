/**
 * "Visible on the network" from agent heartbeats (seed 001 "Run missed tasks"; docs/design.md 1): an
 * agent is visible while its last heartbeat is within three heartbeat intervals. Names without
 * an agent fall back to the default presence (src/controller/presence.ts).
 */
import { DEFAULTS } from '../../defaults.js';
import type { Presence } from '../../runs/index.js';

export const MISSED_BEATS = DEFAULTS.missedBeats;

export interface LiveAgent {
  heartbeatMs: number;
  lastSeenMs: number;
}

export function isLive(agent: LiveAgent | undefined, nowMs: number): boolean {
  return agent !== undefined && nowMs - agent.lastSeenMs <= MISSED_BEATS * agent.heartbeatMs;
}

/**
 * Visible: live here, or (`elsewhere`) heartbeating to another replica. A name this process never
 * heard from and no replica sees falls back to `fallback` (a DP without an agent: its folder).
 */
export function agentPresence(live: (name: string) => LiveAgent | undefined, now: () => number, fallback: Presence, elsewhere?: (name: string) => Promise<boolean>): Presence {
  return {
    isVisible: async (name) => {
      const agent = live(name);
      if (agent && isLive(agent, now())) return true;
      if (elsewhere && (await elsewhere(name))) return true;
      return agent ? false : fallback.isVisible(name);
    },
  };
}
