// Zone arithmetic with Intl only (src/schedule/zone.ts; docs/design.md 1 DST rules).
import t from 'tap';
import { isUpdopsError } from '../../src/errors.js';
import { isValidTimeZone, nextStarts } from '../../src/schedule/index.js';
import { localDateTime, wallClockToInstant, zoneOffsetMs } from '../../src/schedule/zone.js';

const at = (iso: string): number => new Date(iso).getTime();
const iso = (ms: number): string => new Date(ms).toISOString();
/** The `code` of the UpdopsError `fn` throws, or 'no error'. */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return isUpdopsError(e) ? e.code : 'not an UpdopsError';
  }
  return 'no error';
}
const local = (year: number, month: number, day: number, hour: number, minute: number) => ({ year, month, day, hour, minute, second: 0 });

t.test('offsets of Berlin in winter and summer, New York in winter', async (t) => {
  t.equal(zoneOffsetMs(at('2026-01-15T12:00:00Z'), 'Europe/Berlin'), 3_600_000);
  t.equal(zoneOffsetMs(at('2026-07-15T12:00:00Z'), 'Europe/Berlin'), 7_200_000);
  t.equal(zoneOffsetMs(at('2026-01-15T12:00:00Z'), 'America/New_York'), -5 * 3_600_000);
  t.equal(zoneOffsetMs(at('2026-01-15T12:00:00Z'), 'Asia/Kolkata'), 5.5 * 3_600_000);
});

t.test('the local wall clock of an instant', async (t) => {
  t.strictSame(localDateTime(at('2026-10-25T00:30:00Z'), 'Europe/Berlin'), { year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 });
  t.strictSame(localDateTime(at('2026-01-01T04:59:59Z'), 'America/New_York'), { year: 2025, month: 12, day: 31, hour: 23, minute: 59, second: 59 });
});

t.test('a wall-clock time in the spring gap resolves to the end of the gap', async (t) => {
  t.equal(iso(wallClockToInstant(local(2026, 3, 29, 2, 0), 'Europe/Berlin')), '2026-03-29T01:00:00.000Z');
  t.equal(iso(wallClockToInstant(local(2026, 3, 29, 2, 59), 'Europe/Berlin')), '2026-03-29T01:00:00.000Z');
  t.equal(iso(wallClockToInstant(local(2026, 3, 8, 2, 15), 'America/New_York')), '2026-03-08T07:00:00.000Z');
});

t.test('a repeated wall-clock time resolves to its first occurrence', async (t) => {
  t.equal(iso(wallClockToInstant(local(2026, 10, 25, 2, 0), 'Europe/Berlin')), '2026-10-25T00:00:00.000Z');
  t.equal(iso(wallClockToInstant(local(2026, 11, 1, 1, 0), 'America/New_York')), '2026-11-01T05:00:00.000Z');
});

t.test('ordinary wall-clock times around the transitions', async (t) => {
  t.equal(iso(wallClockToInstant(local(2026, 3, 29, 1, 59), 'Europe/Berlin')), '2026-03-29T00:59:00.000Z');
  t.equal(iso(wallClockToInstant(local(2026, 3, 29, 3, 0), 'Europe/Berlin')), '2026-03-29T01:00:00.000Z');
  t.equal(iso(wallClockToInstant(local(2026, 10, 25, 3, 0), 'Europe/Berlin')), '2026-10-25T02:00:00.000Z');
});

t.test('an unknown zone is a TIME_ZONE error, and isValidTimeZone says so', async (t) => {
  t.equal(isValidTimeZone('Europe/Berlin'), true);
  t.equal(isValidTimeZone('Mars/Olympus_Mons'), false);
  const schedule = { kind: 'weekly', day: 'friday', time: '18:00', timeZone: 'Mars/Olympus_Mons' } as const;
  t.equal(codeOf(() => nextStarts(schedule, new Date(), 1, { anchor: new Date(), defaultTimeZone: 'UTC' })), 'TIME_ZONE');
});

t.test('a bad cron expression is a CRON error, a bad time a SCHEMA error', async (t) => {
  const context = { anchor: new Date(), defaultTimeZone: 'UTC' };
  t.equal(codeOf(() => nextStarts({ kind: 'cron', expression: 'not cron' }, new Date(), 1, context)), 'CRON');
  t.equal(codeOf(() => nextStarts({ kind: 'weekly', day: 'friday', time: '25:00' }, new Date(), 1, context)), 'SCHEMA');
  t.equal(codeOf(() => nextStarts({ kind: 'once', at: 'tomorrow' }, new Date(), 1, context)), 'SCHEMA');
});
