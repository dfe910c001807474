/**
 * Bandwidth caps in the sync engine (src/repository/sync/throttle.ts): the cap in force at an
 * instant (schedule periods in their zone, across midnight, by weekday), and one bucket for all
 * concurrent downloads of a sync — four files in parallel at 1MB/s take as long as their sum.
 */
import t from 'tap';
import { rateAt, syncRepository } from '../../src/repository/sync/index.js';
import { blob } from './helpers/sync-fixture.js';
import { servedRepo } from './helpers/static-server.js';

void t.test('rateAt: the first period that holds, else limit, else no cap', async (t) => {
  const office = { limit: '10MB/s', timeZone: 'Europe/Berlin', schedule: [{ from: '08:00', to: '18:00', days: ['monday' as const, 'tuesday' as const, 'wednesday' as const, 'thursday' as const, 'friday' as const], limit: '2MB/s' }] };
  // 2026-12-02 is a Wednesday; Berlin is UTC+1 in December.
  t.equal(rateAt(office, new Date('2026-12-02T06:59:59Z')), 10e6, '07:59:59 Berlin: before the period');
  t.equal(rateAt(office, new Date('2026-12-02T07:00:00Z')), 2e6, '08:00 Berlin: in it');
  t.equal(rateAt(office, new Date('2026-12-02T16:59:59Z')), 2e6, '17:59:59: still in it');
  t.equal(rateAt(office, new Date('2026-12-02T17:00:00Z')), 10e6, '18:00: out (to is exclusive)');
  t.equal(rateAt(office, new Date('2026-12-05T10:00:00Z')), 10e6, 'Saturday: not one of its days');
  // Summer time: Berlin is UTC+2, so 08:00 is 06:00Z.
  t.equal(rateAt(office, new Date('2026-07-01T06:00:00Z')), 2e6, 'in summer time the period follows the wall clock');
  const nightly = { timeZone: 'UTC', schedule: [{ from: '22:00', to: '06:00', days: ['friday' as const], limit: '500kB/s' }] };
  t.equal(rateAt(nightly, new Date('2026-12-04T23:00:00Z')), 500e3, 'Friday 23:00: in a period that spans midnight');
  t.equal(rateAt(nightly, new Date('2026-12-05T05:00:00Z')), 500e3, 'Saturday 05:00: still Friday night');
  t.equal(rateAt(nightly, new Date('2026-12-06T05:00:00Z')), undefined, 'Sunday 05:00: no period, no limit → no cap');
  t.equal(rateAt({ limit: '1.5MiB/s' }, new Date()), 1.5 * 1024 * 1024, 'binary units');
});

void t.test('one bucket for every download of a sync: 4 × 500 kB in parallel at 1MB/s take ~2 s', async (t) => {
  const files = Object.fromEntries([1, 2, 3, 4].map((i) => [`databases/kes/part${i}.avc`, blob(500_000, i)]));
  const { work, repo, server } = await servedRepo(t, files);
  const started = Date.now();
  const result = await syncRepository({ sources: [{ url: server.url }], dest: `${work}/dp`, trustRoot: repo.rootPath(), concurrency: 4, workerMinBytes: 0, bandwidth: { limit: '1MB/s' } });
  const ms = Date.now() - started;
  t.equal(result.files, 4);
  t.ok(ms >= 1_800 && ms <= 3_500, `2 MB at 1MB/s over 4 parallel downloads took ${ms} ms`);

  const fast = Date.now();
  await syncRepository({ sources: [{ url: server.url, bandwidth: { limit: '1MB/s' } }], dest: `${work}/dp-urgent`, trustRoot: repo.rootPath(), concurrency: 4, workerMinBytes: Infinity, urgent: true });
  t.ok(Date.now() - fast < 1_500, `urgent: the source's cap ignored (${Date.now() - fast} ms)`);
});
