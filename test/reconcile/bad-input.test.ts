/**
 * docs/design.md 2 "Apply: validates everything first (nothing is written if any manifest is
 * invalid)" and docs/design.md 4 "Errors are one clear line each with file:line:col", acceptance 4.
 */
import t from 'tap';
import { NOW, STACK_FRAME, makeWorld } from './helpers/world.js';
import { freeLoopbackPort as deadPort } from '../helpers/loopback.js';

const BAD_TASK = `apiVersion: updops/v1
kind: Task
metadata: {name: Broken}
spec:
  type: DownloadUpdatesToDistributionPoints
  scope: {group: hq}
  schedule: {kind: daysOfWeek, days: [funday], time: "18:00"}
`;

void t.test('acceptance 4: bad input changes nothing and is reported in one line, never a stack trace', async (t) => {
  const w = await makeWorld(t);
  await w.apply((await w.prepare()).saved);

  await t.test('an invalid manifest committed: plan and apply exit 1 naming the repository-relative FILE:LINE:COL', async (t) => {
    w.write('tasks/broken.yaml', BAD_TASK);
    w.commit('A broken task');
    const before = await w.dump();
    for (const args of [
      ['plan', ...w.common, '--now', NOW],
      ['apply', ...w.common, '--now', NOW],
      // The work tree itself (no --ref): named the same way.
      ['plan', '--config', w.config, '--state', w.state, '--now', NOW, '--detailed-exitcode'],
    ]) {
      const res = await w.cli(args);
      const what = args.slice(0, 4).join(' ');
      t.equal(res.code, 1, what);
      t.match(res.stderr, /^tasks\/broken\.yaml:7:39: SCHEMA: must be one of .*\(at \/spec\/schedule\/days\/0\)$/m, `${what}: FILE:LINE:COL relative to the repository`);
      t.notMatch(res.stderr, w.dir, `${what}: no cache or temp path`);
      t.match(res.stderr, /^error: SCHEMA: 1 problem in the configuration; nothing was changed$/m);
      t.notMatch(res.stderr, STACK_FRAME);
      t.equal(res.stdout, '', `${what}: no plan printed`);
    }
    t.same(await w.dump(), before, 'state unchanged');
    w.remove('tasks/broken.yaml');
    w.commit('Fixed');
  });

  await t.test('an unreachable git remote: exit 1 with one GIT line, state unchanged', async (t) => {
    const before = await w.dump();
    const port = await deadPort();
    for (const remote of ['file:///nonexistent/config.git', `http://127.0.0.1:${port}/config.git`]) {
      for (const command of ['plan', 'apply']) {
        const res = await w.cli([command, '--config', remote, '--ref', 'main', '--state', w.state, '--now', NOW]);
        t.equal(res.code, 1, `${command} ${remote}`);
        t.match(res.stderr, /^error: GIT: /, `${command} ${remote}: a GIT error`);
        t.equal(res.stderr.trim().split('\n').length, 1, `${command} ${remote}: one line: ${res.stderr}`);
        t.notMatch(res.stderr, STACK_FRAME);
      }
    }
    t.same(await w.dump(), before, 'state unchanged');
  });
});
