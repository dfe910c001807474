import t from 'tap';
import { dpFreshness, freshnessText, freshnessTransition } from '../../src/status/index.js';

const now = Date.parse('2026-12-02T12:00:00Z');
const HOUR = 3600_000;
const served = { version: 12, expires: '2026-12-09T12:00:00Z' };

t.test('an expired served timestamp is withholding at once, whatever the source says', async (t) => {
  const f = dpFreshness({ served: { version: 12, expires: '2026-12-02T11:59:59Z' }, source: undefined, now, toleranceMs: HOUR });
  t.same(f, { state: 'withholding', detail: 'timestamp v12 expired at 2026-12-02T11:59:59Z' });
  t.equal(freshnessText(f), 'withholding: timestamp v12 expired at 2026-12-02T11:59:59Z');
  t.equal(dpFreshness({ served: { version: 12, expires: '2026-12-02T12:00:00Z' }, source: undefined, now, toleranceMs: HOUR }).state, 'withholding', 'expiring now counts');
});

t.test('a newer source version: fresh within the tolerance, withholding after it', async (t) => {
  const within = dpFreshness({ served, source: { source: 'vendor', version: 14, since: '2026-12-02T11:30:00Z' }, now, toleranceMs: HOUR });
  t.match(within, { state: 'fresh', newerSince: '2026-12-02T11:30:00Z', sourceVersion: 14 });
  const after = dpFreshness({ served, source: { source: 'vendor', version: 14, since: '2026-12-02T10:59:00Z' }, now, toleranceMs: HOUR });
  t.same(after, { state: 'withholding', detail: 'source vendor has v14 since 2026-12-02T10:59:00Z, DP serves v12', newerSince: '2026-12-02T10:59:00Z', sourceVersion: 14 });
});

t.test('the same or an older source version is fresh; nothing served is unknown', async (t) => {
  t.same(dpFreshness({ served, source: { source: 'vendor', version: 12, since: '2026-01-01T00:00:00Z' }, now, toleranceMs: HOUR }), { state: 'fresh', detail: 'serves v12, the newest at its source', sourceVersion: 12 });
  t.equal(dpFreshness({ served, source: { source: 'vendor', version: 11, since: '2026-01-01T00:00:00Z' }, now, toleranceMs: HOUR }).state, 'fresh');
  t.equal(dpFreshness({ served, source: undefined, now, toleranceMs: HOUR }).state, 'fresh', 'source unknown: only expiry decides');
  const none = dpFreshness({ served: undefined, source: undefined, now, toleranceMs: HOUR });
  t.equal(none.state, 'unknown');
  t.equal(freshnessText(none), '-');
});

t.test('events once per transition', async (t) => {
  const fresh = { state: 'fresh' as const, detail: 'serves v12' };
  const held = { state: 'withholding' as const, detail: 'timestamp v12 expired at T' };
  t.same(freshnessTransition(undefined, held), { type: 'DistributionPointWithholding', message: 'withholding updates: timestamp v12 expired at T' });
  t.same(freshnessTransition(fresh, held)?.type, 'DistributionPointWithholding');
  t.equal(freshnessTransition(held, held), undefined, 'no repeat while withholding');
  t.same(freshnessTransition(held, fresh), { type: 'DistributionPointFresh', message: 'no longer withholding updates: serves v12' });
  t.equal(freshnessTransition(undefined, fresh), undefined, 'a first fresh verdict raises nothing');
  t.equal(freshnessTransition(fresh, fresh), undefined);
  t.equal(freshnessTransition(held, { state: 'unknown', detail: 'x' }), undefined);
});
