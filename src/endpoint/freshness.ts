/**
 * Freshness of the installed databases (pure). Seed: "the application logs the Databases are
 * out of date event (BasesAreOutOfDate) if the last installed database updates were published
 * … more than three but less than seven days ago. If the databases have not been updated for
 * seven days, the application logs … (BasesAreTotallyOutOfDate)." Thresholds are settings.
 */
import type { Freshness, UpdateEvent } from './types.js';

const DAY_MS = 86_400_000;

export interface FreshnessThresholds {
  outOfDateDays: number;
  totallyOutOfDateDays: number;
}

export function freshnessOf(published: string | undefined, now: Date, thresholds: FreshnessThresholds): Freshness {
  const at = published === undefined ? NaN : Date.parse(published);
  if (Number.isNaN(at)) return 'none';
  const ageDays = (now.getTime() - at) / DAY_MS;
  if (ageDays >= thresholds.totallyOutOfDateDays) return 'totallyOutOfDate';
  if (ageDays >= thresholds.outOfDateDays) return 'outOfDate';
  return 'upToDate';
}

/** The event for a status, only when it differs from the last one reported (once per transition, not every check). */
export function freshnessEvent(status: Freshness, lastReported: Freshness | undefined, published: string | undefined): UpdateEvent | undefined {
  if (status === lastReported) return undefined;
  const data = { published, status };
  if (status === 'outOfDate') return { type: 'BasesAreOutOfDate', message: `Databases are out of date (published ${published ?? '?'})`, data };
  if (status === 'totallyOutOfDate') {
    return { type: 'BasesAreTotallyOutOfDate', message: `Databases are extremely out of date (published ${published ?? '?'})`, data };
  }
  return undefined;
}
