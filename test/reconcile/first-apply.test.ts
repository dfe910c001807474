/**
 * docs/design.md 2, acceptance 1: the first apply creates everything; a re-plan is empty; a rewrite
 * that means the same is empty; one changed field is one update with that field; a removed
 * manifest is an orphan unless pruning; and only objects updops recorded are ever deleted.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { planHasChanges } from '../../src/plan/make-plan.js';
import type { Plan } from '../../src/plan/types.js';
import { groupYaml } from '../helpers/manifests.js';
import { DPS, NOW, STACK_FRAME, makeWorld, objectNames, syncedDps, vendorYaml } from './helpers/world.js';

const ALL_OBJECTS = ['Group/branch-a', 'Group/branch-b', 'Group/hq', 'Task/Download branch-a', 'Task/Download branch-b', 'Task/Download hq', 'UpdateSource/vendor'];

/** The same three groups and three tasks, written out long-hand: block style, defaults spelled out, keys reordered, split across files. */
function verboseRewrite(dps: Record<string, string>, url: string): Record<string, string | null> {
  return {
    'groups/groups.yaml': null,
    'groups/hq.yaml': `# The head office, long-hand.
kind: Group
apiVersion: updops/v1
metadata:
  name: hq
spec:
  description: "Head office"
  devices:
    - name: ws-hq-1
      os: windows
      license:
        expires: 2027-12-31
  distributionPoints:
    - os: windows
      name: dp-hq
      repository: "${dps['dp-hq']}"
`,
    'groups/branches.yaml': `apiVersion: updops/v1
kind: Group
metadata: {name: branch-b}
spec: {parent: hq, distributionPoints: [{name: dp-b, os: windows, repository: "${dps['dp-b']}"}]}
---
apiVersion: updops/v1
kind: Group
metadata:
  name: branch-a
spec:
  parent: hq
  distributionPoints:
    - {repository: "${dps['dp-a']}", os: windows, name: dp-a}
  devices:
    - {os: windows, name: ws-a-1}
`,
    // The default timeout (10) omitted this time.
    'sources/vendor.yaml': vendorYaml(url).replace(/^ {2}timeoutSeconds: 10\n/m, ''),
    'tasks/download.yaml': null,
    'tasks/hq.yaml': `apiVersion: updops/v1
kind: Task
metadata: {name: Download hq}
spec:
  type: DownloadUpdatesToDistributionPoints
  scope:
    devices: [dp-hq]
  settings:
    sources: [vendor]
    downloadDiffFiles: false
    legacyScheme: false
  schedule:
    kind: daysOfWeek
    days: [friday]
    time: "18:00"
    timeZone: Europe/Berlin
  runMissed: false
`,
    'tasks/branches.yaml': `apiVersion: updops/v1
kind: Task
metadata: {name: Download branch-b}
spec:
  type: DownloadUpdatesToDistributionPoints
  scope: {group: branch-b, includeSubgroups: true}
  settings: {}
  schedule:
    kind: weekly
    day: monday
    time: "03:00"
    timeZone: Europe/Berlin
---
apiVersion: updops/v1
kind: Task
metadata: {name: Download branch-a}
spec:
  runMissed: false
  schedule: {timeZone: Europe/Berlin, every: 6, kind: everyHours}
  settings: {legacyScheme: false, sources: [vendor], downloadDiffFiles: false}
  scope: {includeSubgroups: true, group: branch-a}
  type: DownloadUpdatesToDistributionPoints
`,
  };
}

void t.test('acceptance 1: create, no-op, rewrite, one-field update, orphans and prune', async (t) => {
  const w = await makeWorld(t);
  const planJson = async (...extra: string[]): Promise<{ code: number; plan: Plan; stderr: string }> => {
    const res = await w.cli(['plan', ...w.common, '--now', NOW, '--format', 'json', '--detailed-exitcode', ...extra]);
    t.notMatch(res.stderr, STACK_FRAME);
    return { code: res.code, plan: JSON.parse(res.stdout) as Plan, stderr: res.stderr };
  };

  await t.test('the first apply creates every object, fills every DP repository byte for byte, and records the commit', async (t) => {
    const commit = w.head();
    const result = await w.apply((await w.prepare()).saved);
    t.match(result, { serial: 1, created: 7, updated: 0, deleted: 0 });
    t.same(syncedDps(result), ['dp-a completed', 'dp-b completed', 'dp-hq completed']);
    t.ok(result.runs.every((r) => r.run.trigger === 'apply' && r.run.status === 'completed'), 'one completed apply run per task');
    const dump = await w.dump();
    t.same(objectNames(dump), ALL_OBJECTS);
    t.ok(dump.objects.every((o) => o.appliedCommit === commit), 'every object records the applied commit');
    t.equal(dump.meta.serial, 1);
    t.equal(dump.history.length, 1);
    t.equal(dump.history[0]?.commit, commit);
    t.equal(dump.history[0]?.serial, 1);
    t.equal(dump.lock, null, 'the lock is released');
    for (const dp of DPS) t.same(await w.identicalToVendor(dp), [], `${dp} holds the vendor's version, byte for byte`);
    t.same(dump.observations.map((o) => [o.dp, o.version, o.missing.length + o.corrupt.length]), [['dp-a', '1', 0], ['dp-b', '1', 0], ['dp-hq', '1', 0]]);
  });

  await t.test('a re-plan without changes exits 0 with --detailed-exitcode and says "No changes"', async (t) => {
    const res = await w.cli(['plan', ...w.common, '--now', NOW, '--detailed-exitcode']);
    t.equal(res.code, 0, res.stderr);
    t.match(res.stdout, /No changes/);
    t.notMatch(res.stdout, /to create|↻ sync/);
  });

  await t.test('an apply with nothing to change still takes the lock: a dead apply\'s lock is reported, its runs are ended', async (t) => {
    // A dead apply: its lock (held by a pid that no longer runs) and its run left `running`.
    const orphan = await w.withStore((store) => store.createRun({ task: 'Download hq', trigger: 'apply', status: 'running' }));
    const lock = await w.withStore((store) => store.acquireLock({ owner: 'updops', host: 'test-host', pid: 999_999, ttlMs: 600_000, operation: 'apply' }));
    const refused = await w.cli(['apply', ...w.common, '--now', NOW, '--auto-approve']);
    t.equal(refused.code, 1, 'refused while the lock is held');
    t.match(refused.stderr, /LOCKED.*999999/s, 'naming the holder');
    t.match(await w.withStore((store) => store.getRun(orphan.id)), { status: 'running' }, 'nothing changed without the lock');
    t.equal((await w.cli(['apply', ...w.common, '--force-unlock', lock.id])).code, 0);
    const res = await w.cli(['apply', ...w.common, '--now', NOW, '--auto-approve']);
    t.equal(res.code, 0, res.stderr);
    t.match(res.stdout, /No changes[\s\S]*1 run of an apply that ended before finishing marked interrupted/);
    t.match(await w.withStore((store) => store.getRun(orphan.id)), { status: 'interrupted', reason: /apply that started this run ended/ });
    t.equal((await w.dump()).lock, null, 'the lock is released again');
  });

  await t.test('a terse-to-verbose rewrite of the same config, committed, plans no changes', async (t) => {
    for (const [rel, text] of Object.entries(verboseRewrite(w.dps, w.vendor.url))) {
      if (text === null) w.remove(rel);
      else w.write(rel, text);
    }
    w.commit('Rewrite the config long-hand');
    const { plan } = (await w.prepare()).saved;
    t.notOk(planHasChanges(plan));
    t.same(plan.changes, []);
    t.same(plan.actions.filter((a) => a.action === 'sync'), []);
    t.equal(plan.unchanged, ALL_OBJECTS.length);
  });

  await t.test('one changed field plans exactly one update whose diff is that field', async (t) => {
    const file = path.join(w.config, 'tasks/hq.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('time: "18:00"', 'time: "19:30"'));
    w.commit('Head office downloads at 19:30');
    const { code, plan } = await planJson();
    t.equal(code, 2);
    t.same(plan.changes, [{ action: 'update', kind: 'Task', name: 'Download hq', diff: [{ path: '/spec/schedule/time', before: '18:00:00', after: '19:30:00' }] }]);
    t.same(plan.actions.map((a) => a.action), ['schedule'], 'the schedule change, no sync');
    t.equal(plan.unchanged, ALL_OBJECTS.length - 1);
    // Applied in-process so the next case starts from it.
    const prepared = await w.prepare();
    const result = await w.apply(prepared.saved);
    t.match(result, { updated: 1, created: 0, deleted: 0, runs: [] });
  });

  await t.test('a removed manifest is an orphan without --prune and a delete only with --prune', async (t) => {
    w.write('tasks/branches.yaml', verboseRewrite(w.dps, w.vendor.url)['tasks/branches.yaml']!.split('---\n')[1]!);
    w.commit('Branch b no longer downloads on its own');
    const kept = (await w.prepare()).saved.plan;
    t.notOk(planHasChanges(kept), 'an orphan alone changes nothing');
    t.same(kept.changes, []);
    t.same(kept.orphans, [{ kind: 'Task', name: 'Download branch-b' }]);
    const pruned = await planJson('--prune');
    t.equal(pruned.code, 2);
    t.same(pruned.plan.orphans, []);
    t.same(pruned.plan.changes.map((c) => [c.action, c.kind, c.name]), [['delete', 'Task', 'Download branch-b']]);
    t.match(pruned.plan.actions, [{ action: 'schedule', task: 'Download branch-b', change: 'removed' }]);
  });

  await t.test('only objects updops recorded are deleted: never one that lived only in git, nor anything on disk it did not write', async (t) => {
    // A group committed and removed again without ever being applied, and a repository folder made by hand.
    w.write('groups/temp.yaml', groupYaml('temp-site', { parent: 'hq' }));
    w.commit('A temporary site');
    w.remove('groups/temp.yaml');
    w.commit('No temporary site after all');
    const byHand = path.join(w.dir, 'dps', 'by-hand');
    mkdirSync(byHand, { recursive: true });
    writeFileSync(path.join(byHand, 'keep.txt'), 'made outside updops\n');
    // Branch b's group goes too (its DP with it).
    w.write('groups/branches.yaml', readFileSync(path.join(w.config, 'groups/branches.yaml'), 'utf8').split('---\n')[1]!);
    w.commit('Branch b closed');

    const recorded = objectNames(await w.dump());
    const { code, plan } = await planJson('--prune');
    t.equal(code, 2);
    const deletes = plan.changes.filter((c) => c.action === 'delete').map((c) => `${c.kind}/${c.name}`);
    t.same(deletes, ['Group/branch-b', 'Task/Download branch-b']);
    t.ok(deletes.every((d) => recorded.includes(d)), 'every delete names a recorded object');
    t.notOk(JSON.stringify(plan).includes('temp-site'), 'a name that was never applied appears nowhere');

    t.match(await w.apply((await w.prepare({ prune: true })).saved), { created: 0, updated: 0, deleted: 2 });
    const after = await w.dump();
    t.same(objectNames(after), ALL_OBJECTS.filter((o) => o !== 'Group/branch-b' && o !== 'Task/Download branch-b'));
    t.ok(existsSync(path.join(byHand, 'keep.txt')), 'a folder updops never wrote is untouched');
    t.ok(readdirSync(w.dps['dp-b']).length > 0, "a pruned DP's repository files are not deleted: only records are");
    t.notOk(planHasChanges((await w.prepare({ prune: true })).saved.plan), 'nothing left to do');
  });
});
