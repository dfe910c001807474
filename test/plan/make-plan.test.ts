// makePlan(desired, actual, now) → Plan (docs/design.md 2 "Plan"; docs/style.md 3): pure, from hand-built inputs.
import t from 'tap';
import { makePlan, planHasChanges } from '../../src/plan/make-plan.js';
import type { RepositoryStatus } from '../../src/plan/observation.js';
import type { ScheduleAction, SyncAction } from '../../src/plan/types.js';
import { FRIDAY_EVENING, group, input, NOW, recorded, repository, source, task } from './fixtures/plan-inputs.js';

const berlin = group('berlin-office', { parent: 'head-office' });
const head = group('head-office');
const mirror = source('ftp-mirror', { secretRef: { env: 'FTP_CREDENTIALS' } });
const download = task('Download updates for Berlin', FRIDAY_EVENING);
const all = [berlin, head, mirror, download];

// Fridays 18:00 in Berlin (UTC+1 until the switch on 29 March) after Monday 2 March 10:00 UTC.
const FRIDAYS_1800 = ['2026-03-06T17:00:00.000Z', '2026-03-13T17:00:00.000Z', '2026-03-20T17:00:00.000Z'];

t.test('a first plan creates every object, in the given order, with its top-level fields', async (t) => {
  const plan = makePlan(input({ desired: all }));
  t.same(
    plan.changes.map((c) => [c.action, c.kind, c.name]),
    all.map((o) => ['create', o.kind, o.name]),
  );
  t.same(plan.changes[0]?.diff.map((d) => d.path), ['/metadata', '/spec']);
  t.same(plan.changes[0]?.diff[1]?.after, (berlin.spec as { spec: unknown }).spec);
  t.equal(plan.unchanged, 0);
  t.same(plan.orphans, []);
  t.equal(planHasChanges(plan), true);
});

t.test('the plan carries its identity: version, commit, state, time', async (t) => {
  const plan = makePlan(input({ commit: null, dirty: true, prune: true }));
  t.equal(plan.formatVersion, 1);
  t.equal(plan.commit, null);
  t.equal(plan.dirty, true);
  t.equal(plan.prune, true);
  t.equal(plan.createdAt, NOW.toISOString());
  t.same(plan.state, { lineage: '5b0e7c1e-0000-4000-8000-000000000001', serial: 3 });
});

t.test('the same desired and recorded state has no changes, whatever the store did to key order', async (t) => {
  const plan = makePlan(input({ desired: all, recorded: all.map((o) => recorded(o)) }));
  t.same(plan.changes, []);
  t.same(plan.actions, [], 'no schedule is re-registered');
  t.equal(plan.unchanged, 4);
  t.equal(planHasChanges(plan), false);
  t.same(plan.schedules.map((s) => s.task), ['Download updates for Berlin'], 'current schedules are still listed');
});

t.test('one changed field is exactly one update with that field', async (t) => {
  const moved = group('berlin-office', { parent: 'europe' });
  const plan = makePlan(input({ desired: [moved, head], recorded: [recorded(berlin), recorded(head)] }));
  t.same(plan.changes, [{ action: 'update', kind: 'Group', name: 'berlin-office', diff: [{ path: '/spec/parent', before: 'head-office', after: 'europe' }] }]);
  t.equal(plan.unchanged, 1);
  t.equal(planHasChanges(plan), true);
});

t.test("a DP's os change is addressed by the DP's name", async (t) => {
  const linux = group('berlin-office', { parent: 'head-office', distributionPoints: [{ name: 'dp-berlin-office', os: 'linux', repository: '/srv/berlin-office' }] });
  const plan = makePlan(input({ desired: [linux], recorded: [recorded(berlin)] }));
  t.same(plan.changes[0]?.diff, [{ path: '/spec/distributionPoints[dp-berlin-office]/os', before: 'windows', after: 'linux' }]);
});

t.test('an object removed from the config is an orphan unless pruning', async (t) => {
  const plan = makePlan(input({ desired: [head], recorded: [recorded(berlin), recorded(head)] }));
  t.same(plan.changes, []);
  t.same(plan.orphans, [{ kind: 'Group', name: 'berlin-office' }]);
  t.equal(planHasChanges(plan), false, 'keeping an orphan changes nothing');
});

t.test('with prune a removed object is deleted, listing what it held', async (t) => {
  const plan = makePlan(input({ prune: true, desired: [head], recorded: [recorded(berlin), recorded(head)] }));
  t.same(plan.orphans, []);
  t.same(plan.changes.map((c) => [c.action, c.kind, c.name]), [['delete', 'Group', 'berlin-office']]);
  t.same(plan.changes[0]?.diff.map((d) => d.path), ['/metadata', '/spec']);
  t.notOk(plan.changes[0]?.diff.some((d) => 'after' in d), 'a delete has no after values');
});

t.test('only recorded objects can be deleted: prune with nothing recorded deletes nothing', async (t) => {
  const plan = makePlan(input({ prune: true, desired: [head], recorded: [] }));
  t.same(plan.changes.map((c) => c.action), ['create']);
  t.notOk(plan.changes.some((c) => c.action === 'delete'));
});

t.test('orphans and deletes are sorted by kind, then name', async (t) => {
  const gone = [recorded(task('b-task', FRIDAY_EVENING)), recorded(group('z')), recorded(group('a'))];
  t.same(makePlan(input({ recorded: gone })).orphans.map((o) => `${o.kind}/${o.name}`), ['Group/a', 'Group/z', 'Task/b-task']);
});

const syncCases: { name: string; status: Partial<RepositoryStatus>; reason?: SyncAction['reason']; detail?: string }[] = [
  { name: 'an empty repository is synced', status: { version: undefined, fingerprint: undefined }, reason: 'empty', detail: 'repository is empty' },
  { name: 'missing files are drift', status: { missing: ['targets/av-base.bin'] }, reason: 'drifted', detail: '1 missing file (e.g. targets/av-base.bin)' },
  { name: 'corrupt files are drift', status: { corrupt: ['targets/a.bin', 'targets/b.bin'] }, reason: 'drifted', detail: '2 corrupt files (e.g. targets/a.bin)' },
  { name: 'missing and corrupt files are counted together', status: { missing: ['m'], corrupt: ['c'] }, reason: 'drifted', detail: '1 missing, 1 corrupt files (e.g. m)' },
  { name: "a scheduled task's stale DP is left to its schedule: no sync on apply", status: { probe: { name: 'vendor', reachable: true, fingerprint: 'bbbb', version: 4 } } },
  { name: 'matching fingerprints need no sync', status: {} },
  { name: 'no reachable source is no sync (a warning instead)', status: { probe: undefined, unreachable: [{ name: 'vendor', reachable: false, error: 'ECONNREFUSED' }] } },
];

for (const c of syncCases) {
  t.test(c.name, async (t) => {
    const status = repository(c.status);
    const plan = makePlan(input({ repositories: [status] }));
    const syncs = plan.actions.filter((a): a is SyncAction => a.action === 'sync');
    if (c.reason === undefined) {
      t.same(syncs, []);
      t.equal(planHasChanges(plan), false);
      return;
    }
    t.same(syncs, [{ action: 'sync', dp: status.dp, task: status.task, repository: status.repository, reason: c.reason, detail: c.detail, sources: status.sources }]);
    t.equal(planHasChanges(plan), true, 'a sync alone is a change');
  });
}

const manualCases: { name: string; status: Partial<RepositoryStatus>; reason: SyncAction['reason']; detail: string }[] = [
  { name: "a manual task's empty DP", status: { version: undefined, fingerprint: undefined }, reason: 'empty', detail: 'repository is empty' },
  { name: "a manual task's drifted DP", status: { missing: ['targets/av-base.bin'] }, reason: 'drifted', detail: '1 missing file (e.g. targets/av-base.bin)' },
  { name: "a manual task's stale DP, with the source's version", status: { probe: { name: 'vendor', reachable: true, fingerprint: 'bbbb', version: 4 } }, reason: 'stale', detail: 'vendor has v3 → v4' },
  { name: "a manual task's stale DP, without a version, still says why", status: { probe: { name: 'ftp-mirror', reachable: true, fingerprint: 'bbbb' } }, reason: 'stale', detail: 'ftp-mirror has a newer version' },
];

for (const c of manualCases) {
  t.test(`${c.name} is a note naming the command, not a change (apply never starts a manual task)`, async (t) => {
    const status = repository({ ...c.status, manual: true });
    const plan = makePlan(input({ repositories: [status] }));
    t.same(plan.actions.filter((a) => a.action === 'sync'), []);
    t.same(plan.actions.filter((a) => a.action === 'manualStart'), [{ action: 'manualStart', task: status.task, dps: [{ dp: status.dp, reason: c.reason, detail: c.detail }], command: `updops run "${status.task}"` }]);
    t.equal(planHasChanges(plan), false);
  });
}

t.test('an unreachable source is one SOURCE_UNREACHABLE warning, however many DPs use it', async (t) => {
  const down = { name: 'ftp-mirror', reachable: false, error: 'timeout after 10s' };
  const plan = makePlan(
    input({
      warnings: [{ code: 'NON_WINDOWS_DP', message: 'distribution point "dp-x" is not Windows', at: 'groups.yaml:3:7' }],
      repositories: [repository({ unreachable: [down] }), repository({ dp: 'dp-berlin-2', unreachable: [down, { name: 'vendor', reachable: false }] })],
    }),
  );
  t.same(plan.warnings, [
    { code: 'NON_WINDOWS_DP', message: 'distribution point "dp-x" is not Windows', at: 'groups.yaml:3:7' },
    { code: 'SOURCE_UNREACHABLE', message: 'update source "ftp-mirror" is unreachable: timeout after 10s' },
    { code: 'SOURCE_UNREACHABLE', message: 'update source "vendor" is unreachable: no answer' },
  ]);
});

const schedules = (plan: ReturnType<typeof makePlan>): ScheduleAction[] => plan.actions.filter((a): a is ScheduleAction => a.action === 'schedule');

t.test('a new task adds its schedule with the next 3 starts from now', async (t) => {
  const plan = makePlan(input({ desired: [download] }));
  t.same(schedules(plan), [{ action: 'schedule', change: 'added', task: download.name, description: 'every Friday at 18:00 (Europe/Berlin)', nextStarts: FRIDAYS_1800 }]);
  t.same(plan.schedules, [{ task: download.name, description: 'every Friday at 18:00 (Europe/Berlin)', nextStarts: FRIDAYS_1800 }]);
});

t.test('a changed schedule is re-registered with its new starts', async (t) => {
  const later = task(download.name, { ...FRIDAY_EVENING, time: '19:00' });
  const plan = makePlan(input({ desired: [later], recorded: [recorded(download)] }));
  t.same(plan.changes[0]?.diff, [{ path: '/spec/schedule/time', before: '18:00', after: '19:00' }]);
  t.same(schedules(plan), [
    { action: 'schedule', change: 'changed', task: download.name, description: 'every Friday at 19:00 (Europe/Berlin)', nextStarts: ['2026-03-06T18:00:00.000Z', '2026-03-13T18:00:00.000Z', '2026-03-20T18:00:00.000Z'] },
  ]);
});

t.test('a task change that leaves the schedule alone registers nothing', async (t) => {
  const edited = task(download.name, FRIDAY_EVENING, { runMissed: true });
  const plan = makePlan(input({ desired: [edited], recorded: [recorded(download)] }));
  t.equal(plan.changes.length, 1);
  t.same(schedules(plan), []);
});

t.test('a deleted task removes its schedule; an orphaned one keeps it', async (t) => {
  const pruned = makePlan(input({ prune: true, recorded: [recorded(download)] }));
  t.same(schedules(pruned), [{ action: 'schedule', task: download.name, change: 'removed', description: 'every Friday at 18:00 (Europe/Berlin)', nextStarts: [] }]);
  t.same(schedules(makePlan(input({ recorded: [recorded(download)] }))), []);
});

t.test('an unchanged task anchors "first applied" defaults at its recorded apply time', async (t) => {
  // everyHours without start counts from when the task was applied: 09:30 → 10:30, 11:30, 12:30.
  const hourly = task('hourly', { kind: 'everyHours', every: 1 });
  const plan = makePlan(input({ desired: [hourly], recorded: [recorded(hourly, '2026-03-02T09:30:00.000Z')] }));
  t.same(plan.schedules[0]?.nextStarts, ['2026-03-02T10:30:00.000Z', '2026-03-02T11:30:00.000Z', '2026-03-02T12:30:00.000Z']);
  const fresh = makePlan(input({ desired: [hourly] }));
  t.same(fresh.schedules[0]?.nextStarts, ['2026-03-02T11:00:00.000Z', '2026-03-02T12:00:00.000Z', '2026-03-02T13:00:00.000Z'], 'a new task counts from now');
});

t.test('the controller zone applies to schedules without their own', async (t) => {
  const plan = makePlan(input({ timeZone: 'America/New_York', desired: [task('ny', { kind: 'weekly', day: 'friday', time: '18:00' })] }));
  t.equal(plan.schedules[0]?.nextStarts[0], '2026-03-06T23:00:00.000Z');
});

t.test('makePlan is deterministic for the same input', async (t) => {
  const make = () => makePlan(input({ desired: all, recorded: [recorded(head)], repositories: [repository({ version: undefined })] }));
  t.same(make(), make());
});
