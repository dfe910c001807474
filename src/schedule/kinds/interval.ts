/**
 * `everyMinutes` and `everyHours` (seed 001: "every N minutes, starting from the specified time";
 * "every N hours, starting from the specified date and time"). Both stride in absolute time from
 * `start` (default: the anchor). For hours this is a decision: a wall-clock stride would give a
 * 5-hour or 7-hour gap (or a double start) when the clocks change, whereas an update task that
 * runs "every 6 hours" should run every 6 elapsed hours. So every 6 hours from 00:00 CET runs at
 * 00:00, 06:00, 12:00 CET … and keeps the same elapsed spacing across DST (07:00 CEST after
 * spring forward). Zones do not matter here.
 */
import type { ScheduleEveryHours, ScheduleEveryMinutes } from '../../manifests/index.js';
import { SCHEDULE_DEFAULTS } from '../defaults.js';
import { parseInstant } from '../time-of-day.js';
import type { KindContext, ScheduleKind } from '../types.js';

/** `start + k·step` for the first k ≥ 0 with a start strictly after `afterMs`. */
export function strideStarts(startMs: number, stepMs: number, afterMs: number, count: number): number[] {
  const k = afterMs < startMs ? 0 : Math.floor((afterMs - startMs) / stepMs) + 1;
  return Array.from({ length: count }, (_, i) => startMs + (k + i) * stepMs);
}

function startMs(start: string | undefined, context: KindContext): number {
  return start === undefined ? context.anchorMs : parseInstant(start, 'start').getTime();
}

function from(start: string | undefined): string {
  return start === undefined ? 'from when the task was first applied' : `from ${start}`;
}

export const everyMinutes: ScheduleKind<ScheduleEveryMinutes> = {
  nextStarts(s, afterMs, count, context) {
    const every = s.every ?? SCHEDULE_DEFAULTS.everyMinutes.every;
    return strideStarts(startMs(s.start, context), every * 60_000, afterMs, count);
  },
  describe(s) {
    const every = s.every ?? SCHEDULE_DEFAULTS.everyMinutes.every;
    return `every ${every === 1 ? 'minute' : `${every} minutes`} ${from(s.start)}`;
  },
};

export const everyHours: ScheduleKind<ScheduleEveryHours> = {
  nextStarts(s, afterMs, count, context) {
    const every = s.every ?? SCHEDULE_DEFAULTS.everyHours.every;
    return strideStarts(startMs(s.start, context), every * 3_600_000, afterMs, count);
  },
  describe(s) {
    const every = s.every ?? SCHEDULE_DEFAULTS.everyHours.every;
    return `every ${every === 1 ? 'hour' : `${every} hours`} ${from(s.start)} (elapsed time)`;
  },
};
