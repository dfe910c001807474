/**
 * The shared walk of calendar-day kinds (everyDays, everyWeeks, dailyNoDst, monthlyByWeeks):
 * step through local days, keep the days a kind selects, turn each into one start instant.
 */
import { atTime, type TimeOfDay } from './civil.js';
import { localDateTime, localDayNumber, wallClockToInstant } from './zone.js';

/** Longest gap between two selected days of any day kind (everyDays allows N ≤ 366) plus slack. */
const MAX_GAP_DAYS = 400;

export interface DayWalk {
  /** Local day number of `afterMs` in the kind's calendar. */
  firstDay: number;
  matches: (day: number) => boolean;
  /** The start instant (ms) on a selected day. */
  startOn: (day: number) => number;
}

/**
 * Starts strictly after `afterMs`. The walk begins the day before `afterMs`'s local day because
 * a late start there can land after it once a DST gap pushes it forward.
 */
export function walkDays(walk: DayWalk, afterMs: number, count: number): number[] {
  const out: number[] = [];
  const lastDay = walk.firstDay + MAX_GAP_DAYS * (count + 1);
  for (let day = walk.firstDay - 1; out.length < count && day <= lastDay; day++) {
    if (!walk.matches(day)) continue;
    const start = walk.startOn(day);
    // Fall-back overlaps and gaps never map two days to one instant, but keep the list strict.
    if (start > afterMs && start !== out[out.length - 1]) out.push(start);
  }
  return out;
}

/** A DST-following walk in `zone` at wall-clock `time` (docs/design.md 1). */
export function zonedWalk(zone: string, time: TimeOfDay, afterMs: number, matches: (day: number) => boolean): DayWalk {
  return {
    firstDay: localDayNumber(afterMs, zone),
    matches,
    startOn: (day) => wallClockToInstant(atTime(day, time), zone),
  };
}

/**
 * The seed's "at the current system time" default: the anchor's wall-clock time of day in the
 * schedule's zone, to the second.
 */
export function anchorTimeOfDay(anchorMs: number, zone: string): TimeOfDay {
  const { hour, minute, second } = localDateTime(anchorMs, zone);
  return { hour, minute, second };
}
