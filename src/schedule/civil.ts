/**
 * Civil (calendar) arithmetic without time zones: dates are counted as whole days since
 * 1970-01-01 so strides ("every N days", "every N weeks") survive month and year ends
 * (docs/design.md 1, Schedules). Zones are applied separately in `zone.ts`.
 */
export const DAY_MS = 86_400_000;

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A local calendar date plus a wall-clock time of day. */
export interface LocalDateTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
}

export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** Inverse of `dayNumber`: the calendar date of day `n` since 1970-01-01. */
export function civilDate(n: number): { year: number; month: number; day: number } {
  const d = new Date(n * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function weekdayIndex(day: Weekday): number {
  return WEEKDAYS.indexOf(day);
}

/** Day number of the Monday of the week holding day `n` (weeks start on Monday). */
export function mondayOf(n: number): number {
  return n - ((weekdayOf(n) + 6) % 7);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Non-negative remainder, so strides counted backwards from an origin still line up. */
export function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

export function atTime(n: number, time: TimeOfDay): LocalDateTime {
  return { ...civilDate(n), ...time };
}
