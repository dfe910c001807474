import { CronExpressionParser } from 'cron-parser';
import type { Problem } from '../../errors.js';
import { ofKind } from '../model.js';
import type { Rule } from './types.js';

const zoneCache = new Map<string, boolean>();

export function isValidTimeZone(zone: string): boolean {
  let valid = zoneCache.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      valid = true;
    } catch {
      valid = false;
    }
    zoneCache.set(zone, valid);
  }
  return valid;
}

export function cronProblem(expression: string, timeZone: string | undefined): string | undefined {
  const fields = expression.trim().split(/\s+/).length;
  if (fields < 5 || fields > 6) return `cron expression has ${fields} fields; use 5 (minute hour day month weekday) or 6 (with seconds first)`;
  try {
    CronExpressionParser.parse(expression, timeZone && isValidTimeZone(timeZone) ? { tz: timeZone } : {});
    return undefined;
  } catch (error) {
    return `invalid cron expression: ${(error as Error).message}`;
  }
}

/** Schedule checks the schema cannot express: real time zones, parseable cron, monthlyByWeeks with a choice. */
export const schedules: Rule = {
  name: 'schedules',
  check({ manifests }) {
    const problems: Problem[] = [];
    for (const task of ofKind(manifests, 'Task')) {
      const schedule = task.manifest.spec.schedule;
      if (!schedule) continue;
      const at = (field: string): ReturnType<typeof task.locator.locate> => task.locator.locate(`/spec/schedule${field}`);
      if ('timeZone' in schedule && schedule.timeZone !== undefined && !isValidTimeZone(schedule.timeZone)) {
        problems.push({ code: 'TIME_ZONE', message: `"${schedule.timeZone}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)`, location: at('/timeZone') });
      }
      if (schedule.kind === 'cron') {
        const message = cronProblem(schedule.expression, schedule.timeZone);
        if (message) problems.push({ code: 'CRON', message, location: at('/expression') });
      }
      if (schedule.kind === 'monthlyByWeeks') {
        if ((schedule.weeks ?? []).length === 0) problems.push({ code: 'SCHEDULE_EMPTY', message: 'monthlyByWeeks has no weeks chosen; choose some of 1, 2, 3, 4, last', location: schedule.weeks ? at('/weeks') : at('') });
        if ((schedule.days ?? []).length === 0) problems.push({ code: 'SCHEDULE_EMPTY', message: 'monthlyByWeeks has no days chosen; choose weekdays, e.g. [monday]', location: schedule.days ? at('/days') : at('') });
      }
    }
    return problems;
  },
};
