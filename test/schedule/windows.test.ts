/**
 * Maintenance windows (src/schedule/windows.ts): open or closed at an instant, when it closes or
 * next opens — DST-correct in Europe/Berlin at both transitions of 2026 (spring forward on
 * 29 March at 02:00 → 03:00, fall back on 25 October at 03:00 → 02:00).
 */
import t from 'tap';
import { maintenanceWindowAt } from '../../src/schedule/index.js';

const berlin = (cron: string, duration: string) => [{ cron, duration, timeZone: 'Europe/Berlin' }];
const at = (iso: string): Date => new Date(iso);
const state = (windows: ReturnType<typeof berlin>, iso: string) => {
  const s = maintenanceWindowAt(windows, at(iso));
  return s.open ? { open: true, closesAt: s.closesAt.toISOString() } : { open: false, opensAt: s.opensAt?.toISOString() };
};

void t.test('weekday evenings: open inside, closed outside, with the next opening', async (t) => {
  const evenings = berlin('0 22 * * 1-5', '2h');
  // 2026-12-02 is a Wednesday; Berlin is UTC+1.
  t.same(state(evenings, '2026-12-02T20:59:59Z'), { open: false, opensAt: '2026-12-02T21:00:00.000Z' }, 'a second before 22:00');
  t.same(state(evenings, '2026-12-02T21:00:00Z'), { open: true, closesAt: '2026-12-02T23:00:00.000Z' }, 'at 22:00 it opens');
  t.same(state(evenings, '2026-12-02T22:59:59Z'), { open: true, closesAt: '2026-12-02T23:00:00.000Z' }, 'open until midnight');
  t.same(state(evenings, '2026-12-02T23:00:00Z'), { open: false, opensAt: '2026-12-03T21:00:00.000Z' }, 'closed at midnight; Thursday next');
  t.same(state(evenings, '2026-12-04T23:30:00Z'), { open: false, opensAt: '2026-12-07T21:00:00.000Z' }, 'after Friday: Monday next');
});

void t.test('spring forward: a 2h window from 01:00 closes after two real hours, at 04:00 summer time', async (t) => {
  const night = berlin('0 1 * * *', '2h');
  t.same(state(night, '2026-03-29T00:00:00Z'), { open: true, closesAt: '2026-03-29T02:00:00.000Z' }, '01:00 CET = 00:00Z; closes 02:00Z = 04:00 CEST');
  t.same(state(night, '2026-03-29T01:59:59Z'), { open: true, closesAt: '2026-03-29T02:00:00.000Z' }, '03:59:59 CEST: still open');
  t.same(state(night, '2026-03-29T02:00:00Z'), { open: false, opensAt: '2026-03-29T23:00:00.000Z' }, 'next: 01:00 CEST = 23:00Z');
  const gap = berlin('30 2 * * *', '1h');
  t.same(state(gap, '2026-03-28T12:00:00Z'), { open: false, opensAt: '2026-03-29T01:30:00.000Z' }, '02:30 does not exist that night: the opening moves by the gap, to 03:30 CEST');
});

void t.test('fall back: an opening in the repeated hour happens once, at its first occurrence', async (t) => {
  const repeated = berlin('30 2 * * *', '1h');
  t.same(state(repeated, '2026-10-24T12:00:00Z'), { open: false, opensAt: '2026-10-25T00:30:00.000Z' }, '02:30 CEST = 00:30Z');
  t.same(state(repeated, '2026-10-25T01:00:00Z'), { open: true, closesAt: '2026-10-25T01:30:00.000Z' }, 'open for one real hour');
  for (const iso of ['2026-10-25T01:40:00Z', '2026-10-25T02:10:00Z']) {
    t.same(state(repeated, iso), { open: false, opensAt: '2026-10-26T01:30:00.000Z' }, `${iso}: the second 02:30 (CET) does not open it again`);
  }
  const evening = berlin('0 22 * * *', '2h');
  t.same(state(evening, '2026-10-25T12:00:00Z'), { open: false, opensAt: '2026-10-25T21:00:00.000Z' }, 'the evening after: 22:00 CET = 21:00Z');
});

void t.test('several windows: open if any is; the soonest opening; frequent windows are cheap', async (t) => {
  const two = [...berlin('0 22 * * *', '1h'), { cron: '0 6 * * *', duration: '30m', timeZone: 'UTC' }];
  t.same(state(two, '2026-12-02T06:10:00Z'), { open: true, closesAt: '2026-12-02T06:30:00.000Z' });
  t.same(state(two, '2026-12-02T07:00:00Z'), { open: false, opensAt: '2026-12-02T21:00:00.000Z' });
  const started = Date.now();
  t.same(state([{ cron: '* * * * *', duration: '7d', timeZone: 'UTC' }], '2026-12-02T07:00:30Z'), { open: true, closesAt: '2026-12-09T07:00:00.000Z' }, 'every minute for 7 days');
  t.ok(Date.now() - started < 2_000, `answered in ${Date.now() - started} ms`);
});
