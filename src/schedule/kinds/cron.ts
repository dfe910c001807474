/**
 * `cron` (beyond the seed): a 5- or 6-field expression evaluated by cron-parser 5 in the
 * schedule's zone. Unlike the seed kinds, its DST handling is cron-parser's own, because an
 * arbitrary expression has no single wall-clock time to re-resolve: a time inside a
 * spring-forward gap is shifted by the gap (02:30 → 03:30), and a fall-back hour runs once.
 */
import { CronExpressionParser } from 'cron-parser';
import { UpdopsError } from '../../errors.js';
import type { ScheduleCron } from '../../manifests/index.js';
import { zoneSuffix } from '../describe-text.js';
import type { ScheduleKind } from '../types.js';

export const cron: ScheduleKind<ScheduleCron> = {
  nextStarts(s, afterMs, count, { zone }) {
    let it;
    try {
      it = CronExpressionParser.parse(s.expression, { currentDate: new Date(afterMs), tz: zone });
    } catch (cause) {
      throw new UpdopsError('CRON', `cron expression "${s.expression}" is invalid`, { cause });
    }
    const out: number[] = [];
    while (out.length < count && it.hasNext()) out.push(it.next().getTime());
    return out;
  },
  describe(s, zone) {
    return `cron "${s.expression}"${zoneSuffix(zone)}`;
  },
};
