/**
 * Defaults of each schedule kind, from the seed (001, "Scheduled start") and docs/design.md 1's
 * schedule table. The manifest normalizer fills the same values; the engine applies them again
 * so raw schedules work too. "Current system time" defaults come from the anchor (see types.ts).
 */
import type { Weekday } from './civil.js';

export const SCHEDULE_DEFAULTS = {
  everyMinutes: { every: 30 },
  everyHours: { every: 6 },
  everyDays: { every: 1 },
  everyWeeks: { every: 1, day: 'monday' satisfies Weekday },
  dailyNoDst: { every: 1 },
  daysOfWeek: { days: ['friday'] satisfies Weekday[], time: '18:00:00' },
  monthly: { day: 1 },
  monthlyByWeeks: { time: '18:00:00' },
  onOutbreak: { applicationTypes: ['workstationsAndFileServers', 'perimeter', 'mail'] as const },
  onTaskCompletion: { outcome: 'success' as const },
} as const;
