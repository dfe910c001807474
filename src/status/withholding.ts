/**
 * Freshness that proves itself (issue 19): does a DP pass on what its sources approved? Pure —
 * the DP's heartbeat says which TUF timestamp its repository serves, the controller's look at
 * the sources (controller/agents/upstream.ts) which one they have and since when. A DP serving
 * an expired timestamp, or an older version than its source for longer than the tolerance (a
 * freeze attack: old, still-signed metadata; or a sync that stopped), is `withholding` — which
 * no anchor reports, since a frozen repository still verifies.
 */
import type { DpFreshness, TimestampHeld } from '../protocol/index.js';

export interface SourceTimestamp {
  source: string;
  version: number;
  /** When the controller first saw this version at the source. */
  since: string;
}

export interface FreshnessInput {
  /** What the DP reports serving; undefined: no TUF metadata (or an agent without this report). */
  served: TimestampHeld | undefined;
  /** The newest timestamp among the DP's sources; undefined: not known (unreachable, not asked yet). */
  source: SourceTimestamp | undefined;
  now: number;
  toleranceMs: number;
}

export function dpFreshness({ served, source, now, toleranceMs }: FreshnessInput): DpFreshness {
  const known = source ? { sourceVersion: source.version } : {};
  if (!served) return { state: 'unknown', detail: 'the DP reports no TUF timestamp', ...known };
  if (Date.parse(served.expires) <= now) return { state: 'withholding', detail: `timestamp v${served.version} expired at ${served.expires}`, ...known };
  if (source && source.version > served.version) {
    const newer = { newerSince: source.since, ...known };
    if (now - Date.parse(source.since) >= toleranceMs) return { state: 'withholding', detail: `source ${source.source} has v${source.version} since ${source.since}, DP serves v${served.version}`, ...newer };
    return { state: 'fresh', detail: `serves v${served.version}; source ${source.source} has v${source.version} since ${source.since} (within the tolerance)`, ...newer };
  }
  return { state: 'fresh', detail: `serves v${served.version}${source ? ', the newest at its source' : ''}`, ...known };
}

/** The event a change of verdict raises (once per transition), or undefined when none is due. */
export function freshnessTransition(before: DpFreshness | undefined, after: DpFreshness): { type: 'DistributionPointWithholding' | 'DistributionPointFresh'; message: string } | undefined {
  if (after.state === 'withholding' && before?.state !== 'withholding') return { type: 'DistributionPointWithholding', message: `withholding updates: ${after.detail}` };
  if (after.state === 'fresh' && before?.state === 'withholding') return { type: 'DistributionPointFresh', message: `no longer withholding updates: ${after.detail}` };
  return undefined;
}

/** The FRESHNESS column: `fresh`, `withholding: …`, `-` (unknown). */
export function freshnessText(f: DpFreshness | null | undefined): string {
  if (!f || f.state === 'unknown') return '-';
  return f.state === 'fresh' ? 'fresh' : `withholding: ${f.detail}`;
}
