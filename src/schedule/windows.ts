/**
 * Maintenance windows (issue 19; docs/architecture.md "Maintenance windows"): a window opens at
 * each start of its cron expression in its zone — by cron-parser, as a `cron` schedule
 * (kinds/cron.ts), so DST is handled as there: an opening inside a spring-forward gap moves by
 * the gap, and one in a repeated fall-back hour happens once, at its first occurrence — and stays
 * open for `duration` of elapsed time (a 2h window opened at 01:00 on the night clocks go
 * forward closes at 04:00 summer time). Pure: the instant is given, nothing reads the clock.
 */
import { CronExpressionParser } from 'cron-parser';
import { UpdopsError } from '../errors.js';
import type { MaintenanceWindow } from '../manifests/index.js';
import { parseCompoundDuration } from '../util/index.js';
import { assertTimeZone } from './zone.js';

export type WindowState = { open: true; closesAt: Date } | { open: false; opensAt: Date | undefined };

function durationMs(window: MaintenanceWindow): number {
  const ms = parseCompoundDuration(window.duration);
  if (ms === undefined) throw new UpdopsError('MAINTENANCE_WINDOW', `maintenance window duration "${window.duration}" is not a duration such as 2h or 1h30m`);
  return ms;
}

function parse(window: MaintenanceWindow, currentMs: number) {
  assertTimeZone(window.timeZone);
  try {
    return CronExpressionParser.parse(window.cron, { currentDate: new Date(currentMs), tz: window.timeZone });
  } catch (cause) {
    throw new UpdopsError('CRON', `maintenance window cron expression "${window.cron}" is invalid`, { cause });
  }
}

/** Openings walked forward at most (a window opening every minute for 7 days has ~11,600 to walk). */
const MAX_OPENINGS = 50_000;

/** How far before the instant the walk starts: never inside the repeated hour it must see once. */
const LEAD_MS = 25 * 3_600_000;

/**
 * The latest opening in (sinceMs, nowMs] and the first after nowMs, from one forward walk that
 * starts a day early. cron-parser opens once in a repeated fall-back hour when it walks into
 * it, but a walk (or `prev()`) that starts inside that hour sees its second occurrence too;
 * starting early makes every question see the same openings.
 */
function openingsAround(window: MaintenanceWindow, sinceMs: number, nowMs: number): { last: number | undefined; next: number | undefined } {
  const it = parse(window, sinceMs - LEAD_MS);
  let last: number | undefined;
  for (let i = 0; i < MAX_OPENINGS && it.hasNext(); i++) {
    const at = it.next().getTime();
    if (at > nowMs) return { last, next: at };
    if (at > sinceMs) last = at;
  }
  return { last, next: undefined };
}

/**
 * Whether any of `windows` is open at `at`: open → when the latest-closing of the open ones
 * closes; closed → when the next one opens (undefined when none ever does).
 */
export function maintenanceWindowAt(windows: readonly MaintenanceWindow[], at: Date): WindowState {
  const now = at.getTime();
  let closesAt: number | undefined;
  let opensAt: number | undefined;
  for (const window of windows) {
    const length = durationMs(window);
    // Open when its latest opening is less than `duration` ago; that opening closes last.
    const { last, next } = openingsAround(window, now - length, now);
    if (last !== undefined) closesAt = Math.max(closesAt ?? 0, last + length);
    if (next !== undefined) opensAt = Math.min(opensAt ?? Infinity, next);
  }
  if (closesAt !== undefined) return { open: true, closesAt: new Date(closesAt) };
  return { open: false, opensAt: opensAt === undefined ? undefined : new Date(opensAt) };
}
