/**
 * Calendar kinds whose days cron can select (weekly, daysOfWeek, monthly): cron-parser 5 picks
 * the days, and each day's start is then re-resolved with our own DST rules (zone.ts).
 *
 * Why the re-resolution: cron-parser shifts a wall-clock time inside a spring-forward gap by the
 * gap's length (02:30 on 2026-03-29 in Europe/Berlin → 03:30 CEST), while DESIGN.md 1 and the
 * rule we follow say "the first valid instant after the gap" (03:00 CEST); and when `after` lies
 * between the two occurrences of a fall-back hour it may offer the second one, which must not run
 * again. Both are pinned in test/schedule/cron-parser-dst.test.ts. Its day selection (`L`, lists,
 * month lengths, leap years) is right, so we keep it.
 */
import { CronExpressionParser } from 'cron-parser';
import { atTime, type TimeOfDay } from './civil.js';
import { localDayNumber, wallClockToInstant } from './zone.js';

/** Starts strictly after `afterMs` on the days matching any of the cron day fields (`DOM MONTH DOW`). */
export function cronDayStarts(dayFields: readonly string[], time: TimeOfDay, zone: string, afterMs: number, count: number): number[] {
  const all = dayFields.flatMap((fields) => startsFor(`${time.second} ${time.minute} ${time.hour} ${fields}`, time, zone, afterMs, count));
  const sorted = [...new Set(all)].sort((a, b) => a - b);
  return sorted.slice(0, count);
}

function startsFor(expression: string, time: TimeOfDay, zone: string, afterMs: number, count: number): number[] {
  const it = CronExpressionParser.parse(expression, { currentDate: new Date(afterMs), tz: zone });
  const out: number[] = [];
  // A corrected start is never later than cron's, so at most the first day is dropped here.
  for (let guard = 0; out.length < count && guard < count + 2; guard++) {
    const day = localDayNumber(it.next().getTime(), zone);
    const start = wallClockToInstant(atTime(day, time), zone);
    if (start > afterMs && start !== out[out.length - 1]) out.push(start);
  }
  return out;
}
