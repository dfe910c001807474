/**
 * docs/design.md 2 "the controller records every applied commit, so updops history lists them" and
 * docs/design.md 4 `status`, acceptance 7: after an apply, status shows groups, DPs with their
 * version and no drift, tasks with next start and last run, and the last applied commit.
 */
import t from 'tap';
import type { StatusReport } from '../../src/status/index.js';
import { NOW, makeWorld } from './helpers/world.js';

void t.test('acceptance 7: status and history after an apply', async (t) => {
  const w = await makeWorld(t);
  const commit = w.head();
  await w.apply((await w.prepare()).saved);

  await t.test('status --format json: groups, DPs at v1 with no drift, tasks with next start and last run, last commit', async (t) => {
    const res = await w.cli(['status', '--state', w.state, '--now', NOW, '--format', 'json'], { env: { TZ: 'Europe/Berlin' } });
    t.equal(res.code, 0, res.stderr);
    const report = JSON.parse(res.stdout) as StatusReport;
    t.match(report.lastApplied, { commit, dirty: false, serial: 1 });
    t.same(report.groups.map((g) => [g.name, g.parent, g.depth, g.distributionPoints]), [['hq', null, 0, 1], ['branch-a', 'hq', 1, 1], ['branch-b', 'hq', 1, 1]]);
    t.same(report.distributionPoints.map((d) => [d.name, d.group, d.version, d.drift]).sort(), [['dp-a', 'branch-a', '1', []], ['dp-b', 'branch-b', '1', []], ['dp-hq', 'hq', '1', []]]);
    const tasks = new Map(report.tasks.map((task) => [task.name, task]));
    t.equal(tasks.size, 3);
    // Friday 18:00 in Berlin (CET in November) after Monday 2026-11-23.
    t.equal(tasks.get('Download hq')?.nextStarts[0], '2026-11-27T17:00:00.000Z');
    t.equal(tasks.get('Download branch-a')?.nextStarts.length, 3);
    // Monday 03:00 in Berlin: the first after 2026-11-23 is a week later (the world's branch-b task runs weekly, so apply fills its DP).
    t.same(tasks.get('Download branch-b')?.nextStarts[0], '2026-11-30T02:00:00.000Z');
    for (const task of tasks.values()) t.match(task.lastRun, { status: 'completed', trigger: 'apply' }, `${task.name} ran on apply`);
  });

  await t.test('status text shows the same', async (t) => {
    const res = await w.cli(['status', '--state', w.state, '--now', NOW]);
    t.equal(res.code, 0, res.stderr);
    t.match(res.stdout, new RegExp(`^Last applied: ${commit.slice(0, 12)} at .* \\(serial 1\\)$`, 'm'));
    t.match(res.stdout, /^ {2}hq {2}\(1 DPs, 1 devices\)$/m);
    t.match(res.stdout, /^ {4}branch-a {2}\(1 DPs, 1 devices\)$/m);
    t.match(res.stdout, /^ {2}dp-hq +hq +windows +v1 +-?\d+h +none +vendor +-$/m, "the source that served the DP's last update; freshness unknown without a DP agent");
    t.match(res.stdout, /^ {2}Download hq +.* +completed \(apply, [^)]+\) +2026-11-27T17:00:00\.000Z$/m);
  });

  await t.test('history lists the applied commit, text and JSON', async (t) => {
    const text = await w.cli(['history', '--state', w.state]);
    t.equal(text.code, 0, text.stderr);
    t.match(text.stdout, new RegExp(`^#1 +\\S+ +${commit.slice(0, 12)} +serial 1 +7 created, 0 updated, 0 deleted; 3 repositories to sync$`, 'm'));
    const json = await w.cli(['history', '--state', w.state, '--format', 'json', '--plans']);
    t.equal(json.code, 0, json.stderr);
    const entries = JSON.parse(json.stdout) as { id: number; commit: string; serial: number; plan?: { commit: string; changes: unknown[] } }[];
    t.equal(entries.length, 1);
    t.match(entries[0], { id: 1, commit, serial: 1, plan: { commit } });
    t.equal(entries[0]?.plan?.changes.length, 7);
  });
});
