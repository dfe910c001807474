import t from 'tap';
import { normalizeManifest, stableStringify } from '../../src/manifests/normalize.js';
import type { Manifest, Task } from '../../src/manifests/types.generated.js';

const meta = (name: string) => ({ name });

function task(spec: Record<string, unknown>, name = 'T'): Task {
  return { apiVersion: 'updops/v1', kind: 'Task', metadata: meta(name), spec } as unknown as Task;
}

function normalizedSpec(spec: Record<string, unknown>): Record<string, any> {
  return normalizeManifest(task(spec)).spec as Record<string, any>;
}

t.test('terse and fully spelled-out configs normalize to identical objects', async (t) => {
  const pairs: [string, Manifest, Manifest][] = [
    [
      'download task',
      task({ type: 'DownloadUpdatesToDistributionPoints', scope: { group: 'g' } }),
      task({
        type: 'DownloadUpdatesToDistributionPoints',
        scope: { group: 'g', includeSubgroups: true },
        settings: { sources: ['vendor'], downloadDiffFiles: false, legacyScheme: false },
        schedule: { kind: 'manual' },
        runMissed: false,
      }),
    ],
    [
      'update task',
      task({ type: 'Update', scope: { devices: ['b', 'a'] } }),
      task({
        type: 'Update',
        scope: { devices: ['a', 'b'] },
        settings: { sources: ['vendor'], applicationUpdateMode: 'downloadOnly', downloadDiffFiles: true, outOfDateDays: 3, totallyOutOfDateDays: 7 },
        schedule: { kind: 'everyMinutes', every: 60 },
        runMissed: false,
      }),
    ],
    [
      'days of week in any order, time without seconds',
      task({ type: 'Update', scope: { group: 'g' }, schedule: { kind: 'daysOfWeek', days: ['friday', 'monday'], time: '18:00' } }),
      task({ type: 'Update', scope: { group: 'g' }, schedule: { kind: 'daysOfWeek', days: ['monday', 'friday'], time: '18:00:00' } }),
    ],
    [
      'group with empty lists and labels',
      { apiVersion: 'updops/v1', kind: 'Group', metadata: { name: 'g' }, spec: {} },
      { apiVersion: 'updops/v1', kind: 'Group', metadata: { name: 'g', labels: {} }, spec: { distributionPoints: [], devices: [] } },
    ],
    [
      'update source',
      { apiVersion: 'updops/v1', kind: 'UpdateSource', metadata: { name: 's' }, spec: { type: 'http', url: 'http://x' } },
      { apiVersion: 'updops/v1', kind: 'UpdateSource', metadata: { name: 's' }, spec: { type: 'http', url: 'http://x', timeoutSeconds: 10 } },
    ],
  ];
  for (const [name, terse, full] of pairs) {
    t.same(normalizeManifest(terse), normalizeManifest(full), name);
    t.equal(stableStringify(normalizeManifest(terse)), stableStringify(normalizeManifest(full)), `${name}: same stable JSON`);
  }
});

t.test('every default from the seeds is filled in', async (t) => {
  const download = normalizedSpec({ type: 'DownloadUpdatesToDistributionPoints', scope: { group: 'g' } });
  t.same(download.settings, { sources: ['vendor'], downloadDiffFiles: false, legacyScheme: false }, 'download: vendor source, no diff files, new scheme');
  t.same(download.schedule, { kind: 'manual' }, 'download tasks are manual by default');
  t.equal(download.runMissed, false, 'run missed tasks is off by default');
  t.equal(download.scope.includeSubgroups, true, 'group scope includes subgroups');
  t.equal(download.randomDelay, undefined, 'randomized delay is off by default');

  const update = normalizedSpec({ type: 'Update', scope: { group: 'g' }, settings: { healthCheck: { command: 'x' } } });
  t.same(update.schedule, { kind: 'everyMinutes', every: 60 }, 'Update runs every 60 minutes by default');
  t.equal(update.settings.applicationUpdateMode, 'downloadOnly');
  t.equal(update.settings.outOfDateDays, 3, 'out of date after 3 days');
  t.equal(update.settings.totallyOutOfDateDays, 7, 'totally out of date after 7 days');
  t.equal(update.settings.healthCheck.timeoutSeconds, 30);

  const schedule = (s: Record<string, unknown>) => normalizedSpec({ type: 'Update', scope: { group: 'g' }, schedule: s }).schedule;
  t.same(schedule({ kind: 'everyMinutes' }), { kind: 'everyMinutes', every: 30 }, 'every N minutes: N=30');
  t.same(schedule({ kind: 'everyHours' }), { kind: 'everyHours', every: 6 }, 'every N hours: N=6');
  t.same(schedule({ kind: 'everyDays' }), { kind: 'everyDays', every: 1 }, 'every N days: N=1');
  t.same(schedule({ kind: 'everyWeeks' }), { kind: 'everyWeeks', every: 1, day: 'monday' }, 'every N weeks: Monday');
  t.same(schedule({ kind: 'dailyNoDst' }), { kind: 'dailyNoDst', every: 1 }, 'daily without DST: every day');
  t.same(schedule({ kind: 'daysOfWeek' }), { kind: 'daysOfWeek', days: ['friday'], time: '18:00:00' }, 'by days of week: Friday 18:00');
  t.same(schedule({ kind: 'monthly' }), { kind: 'monthly', day: 1 }, 'monthly: first day');
  t.same(schedule({ kind: 'monthlyByWeeks', weeks: [1], days: ['monday'] }), { kind: 'monthlyByWeeks', weeks: [1], days: ['monday'], time: '18:00:00' }, 'monthly by weeks: 18:00');
  t.same(schedule({ kind: 'onOutbreak' }), { kind: 'onOutbreak', applicationTypes: ['workstationsAndFileServers', 'perimeter', 'mail'] }, 'outbreak: all application types');
  t.same(schedule({ kind: 'onTaskCompletion', task: 'x' }), { kind: 'onTaskCompletion', task: 'x', outcome: 'success' });

  const delay = (d: Record<string, unknown>) => normalizedSpec({ type: 'Update', scope: { group: 'g' }, randomDelay: d }).randomDelay;
  t.same(delay({}), { minutes: 1 }, 'randomized delay interval defaults to one minute');
  t.same(delay({ automatic: true }), { automatic: true });
  t.same(delay({ minutes: 7 }), { minutes: 7 });
});

t.test('normalization is pure and idempotent', async (t) => {
  const input = task({ type: 'Update', scope: { devices: ['z', 'a'] }, schedule: { kind: 'weekly', day: 'monday', time: '06:30' } });
  const before = structuredClone(input);
  const once = normalizeManifest(input);
  t.same(input, before, 'input is not modified');
  t.same(normalizeManifest(once), once, 'normalizing twice changes nothing');
  t.equal((once.spec.schedule as { time: string }).time, '06:30:00');
});

t.test('stableStringify ignores key order', async (t) => {
  t.equal(stableStringify({ b: 1, a: [{ d: 2, c: 3 }] }), stableStringify({ a: [{ c: 3, d: 2 }], b: 1 }));
  t.not(stableStringify({ a: [1, 2] }), stableStringify({ a: [2, 1] }), 'list order still matters (sources are tried in order)');
});
