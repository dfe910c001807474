/**
 * The public face of the schedule engine (docs/design.md 1, Schedules): pure functions of the
 * schedule, an `after` instant and the context — no clocks, no timers (docs/style.md 2).
 */
import { UpdopsError } from '../errors.js';
import type { Schedule } from '../manifests/index.js';
import { kindOf } from './registry.js';
import type { ScheduleContext, ScheduleKind } from './types.js';
import { assertTimeZone } from './zone.js';

/** The zone a schedule runs in: its own `timeZone`, else the controller's (docs/design.md 1). */
export function scheduleTimeZone(schedule: Schedule, defaultTimeZone: string): string {
  return 'timeZone' in schedule && schedule.timeZone !== undefined ? schedule.timeZone : defaultTimeZone;
}

function implementationOf(schedule: Schedule): ScheduleKind<Schedule> {
  const impl = kindOf(schedule.kind) as ScheduleKind<Schedule> | undefined;
  if (!impl) throw new UpdopsError('SCHEMA', `unknown schedule kind "${String(schedule.kind)}"`);
  return impl;
}

/**
 * The next `count` start instants strictly after `after`, ascending. Event kinds, `manual` and
 * `immediately` have none (see `startsOnApply`); `once` has at most one. Throws `TIME_ZONE`,
 * `CRON` or `SCHEMA` for input that validation should have rejected.
 */
export function nextStarts(schedule: Schedule, after: Date, count: number, context: ScheduleContext): Date[] {
  const impl = implementationOf(schedule);
  if (count <= 0) return [];
  const zone = scheduleTimeZone(schedule, context.defaultTimeZone);
  assertTimeZone(zone);
  const starts = impl.nextStarts(schedule, after.getTime(), count, { anchorMs: context.anchor.getTime(), zone });
  return starts.map((ms) => new Date(ms));
}

/** True when the task starts once as it is applied (`immediately`); the reconciler starts it. */
export function startsOnApply(schedule: Schedule): boolean {
  return implementationOf(schedule).startsOnApply === true;
}

/**
 * A short sentence for people: "every Friday at 18:00 (Europe/Berlin)", "manual",
 * "on outbreak from mail, perimeter". The zone is shown when the schedule or caller names one.
 */
export function describeSchedule(schedule: Schedule, defaultTimeZone?: string): string {
  const zone = 'timeZone' in schedule && schedule.timeZone !== undefined ? schedule.timeZone : defaultTimeZone;
  return implementationOf(schedule).describe(schedule, zone);
}
