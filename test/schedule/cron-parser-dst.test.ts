// Pins the cron-parser 5 behaviour that made src/schedule/kinds/calendar.ts hand-written (docs/design.md 1: a time
// in a skipped hour runs at the first valid instant after the gap). If cron-parser changes,
// this fails and the choice can be revisited. The `cron` kind keeps these semantics.
import t from 'tap';
import { CronExpressionParser } from 'cron-parser';

const next = (expression: string, after: string, tz: string): string =>
  CronExpressionParser.parse(expression, { currentDate: new Date(after), tz }).next().toDate().toISOString();

t.test('cron-parser shifts 02:30 in the Berlin spring gap to 03:30 CEST (we want 03:00)', async (t) => {
  t.equal(next('0 30 2 * * *', '2026-03-28T12:00:00Z', 'Europe/Berlin'), '2026-03-29T01:30:00.000Z');
});

t.test('cron-parser shifts 02:30 in the New York spring gap to 03:30 EDT (we want 03:00)', async (t) => {
  t.equal(next('0 30 2 * * *', '2026-03-07T12:00:00Z', 'America/New_York'), '2026-03-08T07:30:00.000Z');
});

t.test('cron-parser runs the first 02:30 of the Berlin fall-back day, as we want', async (t) => {
  t.equal(next('0 30 2 * * *', '2026-10-24T12:00:00Z', 'Europe/Berlin'), '2026-10-25T00:30:00.000Z');
});

t.test('cron-parser rejects `#` inside a list, (one iterator per week/day pair)', async (t) => {
  t.throws(() => CronExpressionParser.parse('0 18 * * 5#1,5#3'));
});
