/**
 * Kinds without a recurring calendar: `manual` (started by hand only), `immediately` (one start
 * when the task is applied — the reconciler starts it, see `startsOnApply`), `once` (one start
 * at `at`), and the event kinds `onOutbreak` / `onTaskCompletion`, which start on events, never
 * on a clock (seed 001; docs/design.md 1). Only `once` has a start time to offer.
 */
import type {
  ScheduleImmediately,
  ScheduleManual,
  ScheduleOnce,
  ScheduleOnOutbreak,
  ScheduleOnTaskCompletion,
} from '../../manifests/index.js';
import { SCHEDULE_DEFAULTS } from '../defaults.js';
import { parseInstant } from '../time-of-day.js';
import type { ScheduleKind } from '../types.js';

export const manual: ScheduleKind<ScheduleManual> = {
  nextStarts: () => [],
  describe: () => 'manual',
};

export const immediately: ScheduleKind<ScheduleImmediately> = {
  nextStarts: () => [],
  describe: () => 'immediately when applied',
  startsOnApply: true,
};

export const once: ScheduleKind<ScheduleOnce> = {
  nextStarts(s, afterMs, count) {
    const at = parseInstant(s.at, 'at').getTime();
    return at > afterMs && count > 0 ? [at] : [];
  },
  describe: (s) => `once at ${s.at}`,
};

export const onOutbreak: ScheduleKind<ScheduleOnOutbreak> = {
  nextStarts: () => [],
  describe(s) {
    const types = s.applicationTypes ?? SCHEDULE_DEFAULTS.onOutbreak.applicationTypes;
    return `on outbreak from ${types.join(', ')}`;
  },
};

const OUTCOME_TEXT = { success: 'successfully', failure: 'with an error', any: 'in any way' } as const;

export const onTaskCompletion: ScheduleKind<ScheduleOnTaskCompletion> = {
  nextStarts: () => [],
  describe(s) {
    const outcome = s.outcome ?? SCHEDULE_DEFAULTS.onTaskCompletion.outcome;
    return `after task "${s.task}" completes ${OUTCOME_TEXT[outcome]} (devices both tasks share)`;
  },
};
