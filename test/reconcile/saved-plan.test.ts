/**
 * docs/design.md 2 "Saved plans", acceptance 2: `plan --out FILE` then `apply FILE` applies exactly
 * that plan, and is refused (PLAN_STALE, nothing written) when the config or the state moved.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { NOW, STACK_FRAME, makeWorld } from './helpers/world.js';

void t.test('acceptance 2: saved plans', async (t) => {
  const w = await makeWorld(t);
  await w.apply((await w.prepare()).saved);
  const setTime = (time: string): void => {
    const file = path.join(w.config, 'tasks/download.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/time: "[\d:]+"/, `time: "${time}"`));
  };

  await t.test('a saved plan is refused with PLAN_STALE once another change was applied, and the refused apply writes nothing', async (t) => {
    setTime('19:00');
    w.commit('Head office at 19:00');
    const planFile = path.join(w.dir, 'a.plan.json');
    const planned = await w.cli(['plan', ...w.common, '--now', NOW, '--out', planFile]);
    t.equal(planned.code, 0, planned.stderr);
    t.match(planned.stderr, /Saved the plan to .*a\.plan\.json/);

    const file = path.join(w.config, 'tasks/download.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('every: 6', 'every: 8'));
    w.commit('Branch a every 8 hours');
    t.match(await w.apply((await w.prepare()).saved), { serial: 2, updated: 2 });

    const before = await w.dump();
    const res = await w.cli(['apply', planFile, '--state', w.state, '--now', NOW]);
    t.equal(res.code, 1);
    t.match(res.stderr, /^error: PLAN_STALE: .*make a new plan$/m);
    t.notMatch(res.stderr, STACK_FRAME);
    t.notMatch(res.stdout, /Apply complete/);
    t.same(await w.dump(), before, 'objects, history, meta, runs and lock are exactly as before');
  });

  await t.test('a saved plan is refused when the state moved at the same commit', async (t) => {
    setTime('20:00');
    w.commit('Head office at 20:00');
    const planFile = path.join(w.dir, 'b.plan.json');
    t.equal((await w.cli(['plan', ...w.common, '--now', NOW, '--out', planFile])).code, 0);
    // Someone applies the same commit first: the state serial moves on.
    t.match(await w.apply((await w.prepare()).saved), { serial: 3, updated: 1 });
    const before = await w.dump();
    const res = await w.cli(['apply', planFile, '--state', w.state, '--now', NOW]);
    t.equal(res.code, 1);
    t.match(res.stderr, /^error: PLAN_STALE: the state changed since the plan was made \(plan is for serial 2, state is at serial 3\)/m);
    t.same(await w.dump(), before);
  });

  await t.test('a saved plan applies exactly what it showed when nothing moved', async (t) => {
    setTime('21:00');
    const commit = w.commit('Head office at 21:00');
    const planFile = path.join(w.dir, 'c.plan.json');
    t.equal((await w.cli(['plan', ...w.common, '--now', NOW, '--out', planFile])).code, 0);
    const res = await w.cli(['apply', planFile, '--state', w.state, '--now', NOW]);
    t.equal(res.code, 0, res.stderr);
    t.match(res.stdout, /Apply complete: 0 created, 1 updated, 0 deleted; 0 repositories synced, 0 failed \(state serial 4\)/);
    const dump = await w.dump();
    t.equal(dump.meta.serial, 4);
    t.same(dump.history.map((h) => h.serial), [1, 2, 3, 4]);
    t.equal(dump.history.at(-1)?.commit, commit);
    const task = dump.objects.find((o) => o.name === 'Download hq');
    t.match(task?.spec, { spec: { schedule: { time: '21:00:00' } } });
    t.equal(task?.appliedCommit, commit);
  });
});
