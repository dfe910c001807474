/**
 * docs/design.md 2 "Actual state … missing/corrupt files (drift)", acceptance 5: a DP repository
 * that lost or damaged a file is planned as `drifted` and repaired by apply; a newer vendor
 * version makes every DP `stale` and apply brings them up to it.
 */
import { readdirSync, rmSync, truncateSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { planHasChanges } from '../../src/plan/make-plan.js';
import type { Plan, SyncAction } from '../../src/plan/types.js';
import { DPS, NOW, makeWorld, syncedDps, type World } from './helpers/world.js';

function targetFile(w: World, dp: 'dp-a' | 'dp-b', name: string): string {
  const dir = path.join(w.dps[dp], 'targets', 'databases', 'kes');
  const file = readdirSync(dir).find((f) => f.endsWith(`.${name}`));
  if (!file) throw new Error(`no ${name} in ${dir}`);
  return path.join(dir, file);
}

const syncs = (plan: Plan): SyncAction[] => plan.actions.filter((a): a is SyncAction => a.action === 'sync');

void t.test('acceptance 5: drift and stale DP repositories', async (t) => {
  const w = await makeWorld(t);
  await w.apply((await w.prepare()).saved);

  await t.test('a file deleted from a DP repository: plan lists that DP as drifted, apply puts it back byte for byte', async (t) => {
    rmSync(targetFile(w, 'dp-a', 'daily.avc'));
    const res = await w.cli(['plan', ...w.common, '--now', NOW, '--format', 'json', '--detailed-exitcode']);
    t.equal(res.code, 2, res.stderr);
    const plan = JSON.parse(res.stdout) as Plan;
    t.same(plan.changes, []);
    t.match(syncs(plan), [{ dp: 'dp-a', task: 'Download branch-a', reason: 'drifted', detail: /1 missing file \(e\.g\. databases\/kes\/daily\.avc\)/ }]);
    t.equal(syncs(plan).length, 1, 'only that DP');
    const result = await w.apply((await w.prepare()).saved);
    t.same(syncedDps(result), ['dp-a completed']);
    t.same(await w.identicalToVendor('dp-a'), [], 'the file is back, byte-identical');
    t.notOk(planHasChanges((await w.prepare()).saved.plan), 'then nothing to do');
  });

  await t.test('a truncated file in a DP repository is drifted (corrupt) and repaired', async (t) => {
    truncateSync(targetFile(w, 'dp-b', 'main.avc'), 100);
    const plan = (await w.prepare()).saved.plan;
    t.match(syncs(plan), [{ dp: 'dp-b', reason: 'drifted', detail: /1 corrupt file \(e\.g\. databases\/kes\/main\.avc\)/ }]);
    t.equal(syncs(plan).length, 1);
    t.same(syncedDps(await w.apply((await w.prepare()).saved)), ['dp-b completed']);
    t.same(await w.identicalToVendor('dp-b'), []);
    t.notOk(planHasChanges((await w.prepare()).saved.plan));
  });

  await t.test('a new vendor version is left to the tasks\' schedules: apply syncs nothing, a start brings each DP to it', async (t) => {
    t.equal(await w.vendor.publish(2), 2);
    const res = await w.cli(['plan', ...w.common, '--now', NOW, '--format', 'json', '--detailed-exitcode']);
    t.equal(res.code, 0, `a scheduled task's stale DP is no change for apply (seed 001: the schedule says when downloads happen): ${res.stderr}`);
    t.same(syncs(JSON.parse(res.stdout) as Plan), []);
    for (const task of ['Download hq', 'Download branch-a', 'Download branch-b']) {
      const run = await w.cli(['run', task, '--state', w.state, '--config', w.config, '--format', 'json']);
      t.equal(run.code, 0, run.stderr);
    }
    for (const dp of DPS) t.same(await w.identicalToVendor(dp), [], `${dp} at v2`);
    const observed = await w.withStore((store) => store.listObservations());
    t.same(observed.map((o) => o.version), ['2', '2', '2']);
    t.notOk(planHasChanges((await w.prepare()).saved.plan));
  });
});
