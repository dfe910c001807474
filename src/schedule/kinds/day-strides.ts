/**
 * Kinds that stride over calendar days (seed 001 "Every N days", "Every N weeks", "Daily
 * (daylight saving time is not supported)"). Days are counted as day numbers, so strides run
 * straight through month and year ends.
 */
import type { ScheduleDailyNoDst, ScheduleEveryDays, ScheduleEveryWeeks } from '../../manifests/index.js';
import { DAY_MS, mod, mondayOf, weekdayIndex, weekdayOf } from '../civil.js';
import { anchorTimeOfDay, walkDays, zonedWalk } from '../day-walk.js';
import { SCHEDULE_DEFAULTS } from '../defaults.js';
import { atTimeText, weekdayName, zoneSuffix } from '../describe-text.js';
import { parseInstant, parseTimeOfDay } from '../time-of-day.js';
import type { ScheduleKind } from '../types.js';
import { localDayNumber, zoneOffsetMs } from '../zone.js';

/** Every N calendar days at the wall-clock time of `start` (default: the anchor); `start` is the first run. */
export const everyDays: ScheduleKind<ScheduleEveryDays> = {
  nextStarts(s, afterMs, count, { anchorMs, zone }) {
    const every = s.every ?? SCHEDULE_DEFAULTS.everyDays.every;
    const startMs = s.start === undefined ? anchorMs : parseInstant(s.start, 'start').getTime();
    const startDay = localDayNumber(startMs, zone);
    const walk = zonedWalk(zone, anchorTimeOfDay(startMs, zone), afterMs, (day) => day >= startDay && mod(day - startDay, every) === 0);
    // The first run is `start` itself, even if its wall clock is ambiguous (fall-back hour);
    // a start far ahead of `after` is where the walk begins.
    const startOn = (day: number): number => (day === startDay ? startMs : walk.startOn(day));
    return walkDays({ ...walk, firstDay: Math.max(walk.firstDay, startDay), startOn }, afterMs, count);
  },
  describe(s, zone) {
    const every = s.every ?? SCHEDULE_DEFAULTS.everyDays.every;
    const from = s.start === undefined ? 'from when the task was first applied' : `from ${s.start}`;
    return `every ${every === 1 ? 'day' : `${every} days`} ${from}${zoneSuffix(zone)}`;
  },
};

/**
 * Every N weeks on `day` (default Monday) at `time` (default: the anchor's time of day). The
 * N-week stride counts from the week (Monday–Sunday) holding the anchor, so it does not restart
 * at ISO week 1 of a new year.
 */
export const everyWeeks: ScheduleKind<ScheduleEveryWeeks> = {
  nextStarts(s, afterMs, count, { anchorMs, zone }) {
    const every = s.every ?? SCHEDULE_DEFAULTS.everyWeeks.every;
    const weekday = weekdayIndex(s.day ?? SCHEDULE_DEFAULTS.everyWeeks.day);
    const time = s.time === undefined ? anchorTimeOfDay(anchorMs, zone) : parseTimeOfDay(s.time);
    const originMonday = mondayOf(localDayNumber(anchorMs, zone));
    const matches = (day: number): boolean =>
      weekdayOf(day) === weekday && mod((mondayOf(day) - originMonday) / 7, every) === 0;
    return walkDays(zonedWalk(zone, time, afterMs, matches), afterMs, count);
  },
  describe(s, zone) {
    const every = s.every ?? SCHEDULE_DEFAULTS.everyWeeks.every;
    const day = weekdayName(s.day ?? SCHEDULE_DEFAULTS.everyWeeks.day);
    const time = atTimeText(s.time === undefined ? undefined : parseTimeOfDay(s.time));
    const when = every === 1 ? `every ${day}` : `every ${every} weeks on ${day}`;
    return `${when} ${time}${zoneSuffix(zone)}`;
  },
};

/**
 * Legacy daily schedule that ignores DST (seed: "when clocks jump … the actual task start time
 * does not change"): the zone's UTC offset at the anchor is frozen, so after a clock change the
 * start shows one hour off on the wall clock. N-day strides count from the anchor's day.
 */
export const dailyNoDst: ScheduleKind<ScheduleDailyNoDst> = {
  nextStarts(s, afterMs, count, { anchorMs, zone }) {
    const every = s.every ?? SCHEDULE_DEFAULTS.dailyNoDst.every;
    const offset = zoneOffsetMs(anchorMs, zone);
    const time = s.time === undefined ? anchorTimeOfDay(anchorMs, zone) : parseTimeOfDay(s.time);
    const timeMs = ((time.hour * 60 + time.minute) * 60 + time.second) * 1000;
    const originDay = Math.floor((anchorMs + offset) / DAY_MS);
    return walkDays(
      {
        firstDay: Math.floor((afterMs + offset) / DAY_MS),
        matches: (day) => mod(day - originDay, every) === 0,
        startOn: (day) => day * DAY_MS + timeMs - offset,
      },
      afterMs,
      count,
    );
  },
  describe(s, zone) {
    const every = s.every ?? SCHEDULE_DEFAULTS.dailyNoDst.every;
    const time = atTimeText(s.time === undefined ? undefined : parseTimeOfDay(s.time));
    const when = every === 1 ? 'every day' : `every ${every} days`;
    return `${when} ${time}, fixed UTC offset of when the task was first applied (ignores DST)${zoneSuffix(zone)}`;
  },
};
