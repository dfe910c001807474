/**
 * The one map from schedule kind to implementation (docs/style.md 1). Adding a kind = a module in
 * `kinds/` plus one line here; the mapped type makes a missing kind a compile error.
 */
import { daysOfWeek, monthly, monthlyByWeeks, weekly } from './kinds/calendar.js';
import { cron } from './kinds/cron.js';
import { dailyNoDst, everyDays, everyWeeks } from './kinds/day-strides.js';
import { everyHours, everyMinutes } from './kinds/interval.js';
import { immediately, manual, once, onOutbreak, onTaskCompletion } from './kinds/one-shot.js';
import type { ScheduleKind, ScheduleKindMap, ScheduleKindName, ScheduleOf } from './types.js';

export const SCHEDULE_KINDS: ScheduleKindMap = {
  manual,
  everyMinutes,
  everyHours,
  everyDays,
  everyWeeks,
  dailyNoDst,
  weekly,
  daysOfWeek,
  monthly,
  monthlyByWeeks,
  onOutbreak,
  onTaskCompletion,
  once,
  immediately,
  cron,
};

export function kindOf<K extends ScheduleKindName>(kind: K): ScheduleKind<ScheduleOf<K>> {
  return SCHEDULE_KINDS[kind];
}
