/**
 * Seed: BasesAreOutOfDate when the installed databases were published ≥ 3 and < 7 days ago,
 * BasesAreTotallyOutOfDate from 7 days; up to date below 3 days. Events once per transition.
 */
import path from 'node:path';
import t from 'tap';
import { checkFreshness, freshnessEvent, freshnessOf, runUpdateTask } from '../../src/endpoint/index.js';
import { DAY_MS, databases, daysAgo, makeVendor, tempDir } from './helpers/vendor.js';

const thresholds = { outOfDateDays: 3, totallyOutOfDateDays: 7 };
const now = new Date('2026-03-10T12:00:00Z');

void t.test('freshnessOf: thresholds at their edges', async (t) => {
  const table: [number, string][] = [
    [0, 'upToDate'],
    [2.99, 'upToDate'],
    [3, 'outOfDate'],
    [6.99, 'outOfDate'],
    [7, 'totallyOutOfDate'],
    [30, 'totallyOutOfDate'],
  ];
  for (const [days, want] of table) t.equal(freshnessOf(daysAgo(now, days), now, thresholds), want, `${days} days → ${want}`);
  t.equal(freshnessOf(undefined, now, thresholds), 'none', 'no databases');
  t.equal(freshnessOf(daysAgo(now, 2), now, { outOfDateDays: 1, totallyOutOfDateDays: 2 }), 'totallyOutOfDate', 'thresholds are settings');
});

void t.test('freshnessEvent: only on a transition', async (t) => {
  t.equal(freshnessEvent('outOfDate', 'upToDate', 'x')?.type, 'BasesAreOutOfDate');
  t.equal(freshnessEvent('outOfDate', 'outOfDate', 'x'), undefined);
  t.equal(freshnessEvent('totallyOutOfDate', 'outOfDate', 'x')?.type, 'BasesAreTotallyOutOfDate');
  t.equal(freshnessEvent('upToDate', 'totallyOutOfDate', 'x'), undefined);
});

void t.test('a device over days: 2 → 3 → 4 → 7 days, then a new update', async (t) => {
  const work = await tempDir(t, 'updops-upd-fresh-');
  const vendor = await makeVendor(t, work, databases(1), daysAgo(now, 2));
  const root = path.join(work, 'device');
  const input = { root, device: { name: 'ws', license: { expires: '2999-01-01' } }, sources: [{ url: vendor.url }], settings: { applicationUpdateMode: 'disabled' as const }, trustRoot: vendor.trustRoot };
  const first = await runUpdateTask({ ...input, now });
  t.equal(first.freshness, 'upToDate', 'published 2 days ago');
  t.same(first.events, []);
  t.equal(first.published, daysAgo(now, 2));

  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const day3 = await checkFreshness({ root, now: at(1) });
  t.equal(day3.freshness, 'outOfDate');
  t.same(day3.events.map((e) => e.type), ['BasesAreOutOfDate'], 'exactly one event');
  const day4 = await checkFreshness({ root, now: at(2) });
  t.equal(day4.freshness, 'outOfDate');
  t.same(day4.events, [], 'no second event at 4 days');
  const day4run = await runUpdateTask({ ...input, now: at(2) });
  t.same(day4run.events, [], 'a run that finds nothing new does not repeat it either');
  const day7 = await checkFreshness({ root, now: at(5) });
  t.equal(day7.freshness, 'totallyOutOfDate');
  t.same(day7.events.map((e) => e.type), ['BasesAreTotallyOutOfDate']);
  t.same((await checkFreshness({ root, now: at(6) })).events, [], 'once');

  await vendor.publish(databases(2), at(5).toISOString());
  const fresh = await runUpdateTask({ ...input, now: at(5) });
  t.equal(fresh.freshness, 'upToDate', 'a new update makes them up to date');
  t.same(fresh.events, []);
  const again = await checkFreshness({ root, now: at(8) });
  t.same(again.events.map((e) => e.type), ['BasesAreOutOfDate'], 'and a later ageing reports again');
});
