/** Small wording helpers for `describeSchedule` (plain English, as in docs/design.md 1). */
import type { TimeOfDay, Weekday } from './civil.js';
import { formatTimeOfDay } from './time-of-day.js';

export function zoneSuffix(zone: string | undefined): string {
  return zone === undefined ? '' : ` (${zone})`;
}

export function weekdayName(day: Weekday): string {
  return day.charAt(0).toUpperCase() + day.slice(1);
}

/** `a`, `a and b`, `a, b and c`. */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `at 18:00`, or the seed's default wording when the time comes from the anchor. */
export function atTimeText(time: TimeOfDay | undefined): string {
  return time === undefined ? 'at the time of day the task was first applied' : `at ${formatTimeOfDay(time)}`;
}
