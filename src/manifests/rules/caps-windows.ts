/**
 * What the schema cannot say about bandwidth caps and maintenance windows (issue 19): a rate of
 * at least 1 B/s, real time zones, a parseable cron expression, a duration of at most 7 days.
 */
import type { Problem } from '../../errors.js';
import { parseCompoundDuration, parseRate } from '../../util/index.js';
import type { Bandwidth, MaintenanceWindow } from '../types.generated.js';
import { ofKind } from '../model.js';
import { cronProblem, isValidTimeZone } from './schedules.js';
import type { Rule } from './types.js';

/** The longest maintenance window (a longer one is an always-open window by mistake). */
export const MAX_WINDOW_MS = 7 * 86_400_000;

type Locate = (pointer: string) => Problem['location'];

function bandwidthProblems(bandwidth: Bandwidth | undefined, at: string, locate: Locate): Problem[] {
  if (!bandwidth) return [];
  const problems: Problem[] = [];
  const rate = (text: string, pointer: string): void => {
    if (parseRate(text) === undefined) problems.push({ code: 'BANDWIDTH', message: `"${text}" is below 1 B/s; give a rate such as 500kB/s or 2MB/s, or leave the cap out`, location: locate(pointer) });
  };
  if (bandwidth.limit !== undefined) rate(bandwidth.limit, `${at}/limit`);
  if (bandwidth.timeZone !== undefined && !isValidTimeZone(bandwidth.timeZone)) {
    problems.push({ code: 'TIME_ZONE', message: `"${bandwidth.timeZone}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)`, location: locate(`${at}/timeZone`) });
  }
  bandwidth.schedule?.forEach((period, i) => {
    rate(period.limit, `${at}/schedule/${i}/limit`);
    if (period.from === period.to) problems.push({ code: 'BANDWIDTH', message: `from and to are both ${period.from}: the period is empty; give different times`, location: locate(`${at}/schedule/${i}/to`) });
  });
  return problems;
}

function windowProblems(windows: MaintenanceWindow[] | undefined, at: string, locate: Locate): Problem[] {
  const problems: Problem[] = [];
  windows?.forEach((w, i) => {
    const here = `${at}/${i}`;
    if (!isValidTimeZone(w.timeZone)) problems.push({ code: 'TIME_ZONE', message: `"${w.timeZone}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)`, location: locate(`${here}/timeZone`) });
    const cron = cronProblem(w.cron, w.timeZone);
    if (cron) problems.push({ code: 'CRON', message: cron, location: locate(`${here}/cron`) });
    const ms = parseCompoundDuration(w.duration);
    if (ms === undefined || ms > MAX_WINDOW_MS) {
      problems.push({ code: 'MAINTENANCE_WINDOW', message: `duration "${w.duration}" must be more than 0 and at most 7d, e.g. 90m, 2h, 1h30m`, location: locate(`${here}/duration`) });
    }
  });
  return problems;
}

export const capsAndWindows: Rule = {
  name: 'caps-and-windows',
  check({ manifests }) {
    const problems: Problem[] = [];
    for (const source of ofKind(manifests, 'UpdateSource')) {
      problems.push(...bandwidthProblems(source.manifest.spec.bandwidth, '/spec/bandwidth', (p) => source.locator.locate(p)));
    }
    for (const task of ofKind(manifests, 'Task')) {
      const settings = task.manifest.spec.settings;
      const locate: Locate = (p) => task.locator.locate(p);
      problems.push(...bandwidthProblems(settings?.bandwidth, '/spec/settings/bandwidth', locate));
      if (settings && 'maintenanceWindows' in settings) problems.push(...windowProblems(settings.maintenanceWindows, '/spec/settings/maintenanceWindows', locate));
    }
    return problems;
  },
};
