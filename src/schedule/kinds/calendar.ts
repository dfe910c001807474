/**
 * Fixed calendar kinds (seed 001 "Weekly", "By days of week", "Monthly", "Every month on
 * specified days of selected weeks"). All are wall-clock in the schedule's zone and follow DST.
 *
 * Hand-written on the shared day walk rather than on cron-parser, although cron can select
 * these days (`* * 5`, `L * *`, `5#2`, `5L`): cron-parser 5 breaks our DST rule — it moves a
 * time inside a spring-forward gap by the gap's length (02:30 → 03:30 CEST, where docs/design.md 1
 * wants the first valid instant, 03:00), pinned in test/schedule/cron-parser-dst.test.ts — so
 * every start would need re-resolving anyway; it rejects `#` in lists (one iterator per
 * week/day pair); and at ~0.5–1 ms a call it alone would blow bench/schedule.ts's 1 s budget
 * (~20 µs here). Each kind is now just a day predicate.
 */
import type {
  ScheduleDaysOfWeek,
  ScheduleMonthly,
  ScheduleMonthlyByWeeks,
  ScheduleWeekly,
} from '../../manifests/index.js';
import { civilDate, daysInMonth, weekdayIndex, weekdayOf, type Weekday } from '../civil.js';
import { anchorTimeOfDay, walkDays, zonedWalk } from '../day-walk.js';
import { SCHEDULE_DEFAULTS } from '../defaults.js';
import { atTimeText, joinAnd, weekdayName, zoneSuffix } from '../describe-text.js';
import { formatTimeOfDay, parseTimeOfDay } from '../time-of-day.js';
import type { ScheduleKind } from '../types.js';

/** Starts on the given weekdays at `time` in `zone`. */
function weekdayStarts(days: readonly Weekday[], time: string, zone: string, afterMs: number, count: number): number[] {
  const weekdays = days.map(weekdayIndex);
  const walk = zonedWalk(zone, parseTimeOfDay(time), afterMs, (day) => weekdays.includes(weekdayOf(day)));
  return walkDays(walk, afterMs, count);
}

export const weekly: ScheduleKind<ScheduleWeekly> = {
  nextStarts: (s, afterMs, count, { zone }) => weekdayStarts([s.day], s.time, zone, afterMs, count),
  describe(s, zone) {
    return `every ${weekdayName(s.day)} at ${formatTimeOfDay(parseTimeOfDay(s.time))}${zoneSuffix(zone)}`;
  },
};

/** Several weekdays at one time; default Friday at 18:00:00 (seed). No days chosen → no starts. */
export const daysOfWeek: ScheduleKind<ScheduleDaysOfWeek> = {
  nextStarts(s, afterMs, count, { zone }) {
    const days = s.days ?? SCHEDULE_DEFAULTS.daysOfWeek.days;
    if (days.length === 0) return [];
    return weekdayStarts(days, s.time ?? SCHEDULE_DEFAULTS.daysOfWeek.time, zone, afterMs, count);
  },
  describe(s, zone) {
    const days = s.days ?? SCHEDULE_DEFAULTS.daysOfWeek.days;
    const time = formatTimeOfDay(parseTimeOfDay(s.time ?? SCHEDULE_DEFAULTS.daysOfWeek.time));
    if (days.length === 0) return 'by days of week: no day chosen (never runs)';
    return `every ${joinAnd(days.map(weekdayName))} at ${time}${zoneSuffix(zone)}`;
  },
};

/** Seed: "In months that lack the specified day, the task runs on the last day." */
export function isMonthlyDay(monthDay: number, day: number): boolean {
  const { year, month, day: dom } = civilDate(day);
  return dom === Math.min(monthDay, daysInMonth(year, month));
}

/** Day D of each month (default 1) at `time` (default: the anchor's time of day). */
export const monthly: ScheduleKind<ScheduleMonthly> = {
  nextStarts(s, afterMs, count, { anchorMs, zone }) {
    const time = s.time === undefined ? anchorTimeOfDay(anchorMs, zone) : parseTimeOfDay(s.time);
    const monthDay = s.day ?? SCHEDULE_DEFAULTS.monthly.day;
    return walkDays(zonedWalk(zone, time, afterMs, (day) => isMonthlyDay(monthDay, day)), afterMs, count);
  },
  describe(s, zone) {
    const day = s.day ?? SCHEDULE_DEFAULTS.monthly.day;
    const clamp = day > 28 ? ' (the last day in shorter months)' : '';
    const time = atTimeText(s.time === undefined ? undefined : parseTimeOfDay(s.time));
    return `monthly on day ${day}${clamp} ${time}${zoneSuffix(zone)}`;
  },
};

/**
 * Weeks 1–4 are the Nth occurrence of the weekday in the month (day-of-month 1–7, 8–14, …);
 * `last` is its last occurrence (within 7 days of the month's end).
 */
export function matchesWeeksOfMonth(weeks: readonly (number | 'last')[], weekdays: readonly number[], day: number): boolean {
  if (!weekdays.includes(weekdayOf(day))) return false;
  const { year, month, day: dom } = civilDate(day);
  const nth = Math.ceil(dom / 7);
  return weeks.includes(nth) || (weeks.includes('last') && dom + 7 > daysInMonth(year, month));
}

/** Nothing chosen by default (seed); such a schedule never runs and validation reports it. */
export const monthlyByWeeks: ScheduleKind<ScheduleMonthlyByWeeks> = {
  nextStarts(s, afterMs, count, { zone }) {
    const weeks = s.weeks ?? [];
    const weekdays = (s.days ?? []).map(weekdayIndex);
    if (weeks.length === 0 || weekdays.length === 0) return [];
    const time = parseTimeOfDay(s.time ?? SCHEDULE_DEFAULTS.monthlyByWeeks.time);
    const walk = zonedWalk(zone, time, afterMs, (day) => matchesWeeksOfMonth(weeks, weekdays, day));
    return walkDays(walk, afterMs, count);
  },
  describe(s, zone) {
    const weeks = s.weeks ?? [];
    const days = s.days ?? [];
    if (weeks.length === 0 || days.length === 0) return 'monthly by weeks: nothing chosen (never runs)';
    const ordinals = weeks.map((w) => (w === 'last' ? 'last' : (['1st', '2nd', '3rd', '4th'][w - 1] ?? `${w}th`)));
    const time = formatTimeOfDay(parseTimeOfDay(s.time ?? SCHEDULE_DEFAULTS.monthlyByWeeks.time));
    return `on the ${joinAnd(ordinals)} ${joinAnd(days.map(weekdayName))} of each month at ${time}${zoneSuffix(zone)}`;
  },
};
