/**
 * DESIGN.md 2 "Actual state … missing/corrupt files (drift)", acceptance 5: a DP repository
 * that lost or damaged a file is planned as `drifted` and repaired by apply; a newer vendor
 * version makes every DP `stale` and apply brings them up to it.
 */
import { readdirSync, rmSync, truncateSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { planHasChanges } from '../../src/plan/make-plan.js';
import type { Plan, SyncAction } from '../../src/plan/types.js';
import { DPS, NOW, makeWorld, type World } from './helpers/world.js';

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
    t.match(result.syncs, [{ dp: 'dp-a', status: 'completed' }]);
    t.same(await w.identicalToVendor('dp-a'), [], 'the file is back, byte-identical');
    t.notOk(planHasChanges((await w.prepare()).saved.plan), 'then nothing to do');
  });

  await t.test('a truncated file in a DP repository is drifted (corrupt) and repaired', async (t) => {
    truncateSync(targetFile(w, 'dp-b', 'main.avc'), 100);
    const plan = (await w.prepare()).saved.plan;
    t.match(syncs(plan), [{ dp: 'dp-b', reason: 'drifted', detail: /1 corrupt file \(e\.g\. databases\/kes\/main\.avc\)/ }]);
    t.equal(syncs(plan).length, 1);
    t.match((await w.apply((await w.prepare()).saved)).syncs, [{ dp: 'dp-b', status: 'completed' }]);
    t.same(await w.identicalToVendor('dp-b'), []);
    t.notOk(planHasChanges((await w.prepare()).saved.plan));
  });

  await t.test('a new vendor version makes every DP stale; apply syncs them all', async (t) => {
    t.equal(await w.vendor.publish(2), 2);
    const res = await w.cli(['plan', ...w.common, '--now', NOW, '--format', 'json', '--detailed-exitcode']);
    t.equal(res.code, 2, res.stderr);
    const plan = JSON.parse(res.stdout) as Plan;
    t.same(syncs(plan).map((s) => [s.dp, s.reason, s.detail]).sort(), DPS.map((dp) => [dp, 'stale', 'vendor has v1 → v2']).sort());
    const result = await w.apply((await w.prepare()).saved);
    t.same(result.syncs.map((s) => `${s.dp} ${s.status}`).sort(), ['dp-a completed', 'dp-b completed', 'dp-hq completed']);
    for (const dp of DPS) t.same(await w.identicalToVendor(dp), [], `${dp} at v2`);
    const observed = await w.withStore((store) => store.listObservations());
    t.same(observed.map((o) => o.version), ['2', '2', '2']);
    t.notOk(planHasChanges((await w.prepare()).saved.plan));
  });
});
