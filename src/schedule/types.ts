import type { Schedule } from '../manifests/index.js';

/**
 * What a schedule needs besides its own fields (docs/style.md 2: schedules take `now`, they never
 * read the clock). `anchor` is when the task was first applied: the seed's "current system
 * time" defaults (start of everyMinutes/everyHours/everyDays, the time of everyWeeks,
 * dailyNoDst and monthly) are read from it, so plans stay stable between runs.
 */
export interface ScheduleContext {
  anchor: Date;
  /** The controller's IANA zone, used when the schedule has no `timeZone` (docs/design.md 1). */
  defaultTimeZone: string;
}

/** The context a kind sees: the zone is already resolved. */
export interface KindContext {
  anchorMs: number;
  zone: string;
}

/** One schedule kind behind one fixed interface (docs/style.md 1). */
export interface ScheduleKind<S extends Schedule> {
  /** Up to `count` start instants (ms) strictly after `afterMs`, ascending. */
  nextStarts(schedule: S, afterMs: number, count: number, context: KindContext): number[];
  /** A short human sentence; `zone` is undefined when the zone is unknown to the caller. */
  describe(schedule: S, zone: string | undefined): string;
  /** True for kinds that start once when the task is applied (`immediately`). */
  startsOnApply?: boolean;
}

export type ScheduleKindName = Schedule['kind'];
export type ScheduleOf<K extends ScheduleKindName> = Extract<Schedule, { kind: K }>;
export type ScheduleKindMap = { [K in ScheduleKindName]: ScheduleKind<ScheduleOf<K>> };
