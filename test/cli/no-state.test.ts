/**
 * Read-only commands never create a state (issue 14): with no state, status, history, runs,
 * events, an in-process run and `apply --force-unlock` fail with one NO_STATE line and exit 1,
 * and no file or folder appears.
 * `plan` previews a first apply against an empty state, still writing nothing, and its saved plan
 * applies to the state that apply then creates.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { runCli } from '../helpers/processes.js';
import { tempDirSync } from '../helpers/temp-dir.js';
import { NOW, STACK_FRAME, makeWorld } from '../reconcile/helpers/world.js';

const READ_ONLY: string[][] = [['status'], ['status', '--format', 'json'], ['history'], ['runs'], ['runs', 'some-id'], ['events'], ['run', 'Download hq'], ['apply', '--force-unlock', 'some-lock']];

void t.test('with no state, read-only commands fail with NO_STATE and create nothing', async (t) => {
  const cwd = tempDirSync(t);
  const defaultState = path.join(cwd, '.updops', 'state.db');
  for (const args of READ_ONLY) {
    const res = await runCli(args, { cwd, t, env: { UPDOPS_STATE: undefined, UPDOPS_CONTROLLER: undefined } });
    t.equal(res.code, 1, `${args.join(' ')} exits 1`);
    t.equal(res.stderr, `error: NO_STATE: no state at ${defaultState}; run updops apply first\n`, `${args.join(' ')}: one line`);
    t.equal(res.stdout, '');
    t.notOk(existsSync(path.join(cwd, '.updops')), `${args.join(' ')}: no .updops folder afterwards`);
  }
  const named = path.join(cwd, 'elsewhere', 'state.db');
  for (const [how, args, env] of [
    ['--state', ['history', '--state', named], {}],
    ['UPDOPS_STATE', ['status'], { UPDOPS_STATE: named }],
  ] as const) {
    const res = await runCli([...args], { cwd, t, env });
    t.equal(res.code, 1, how);
    t.equal(res.stderr, `error: NO_STATE: no state at ${named}; run updops apply first\n`, `${how} names the file it looked for`);
    t.notOk(existsSync(path.dirname(named)), `${how}: nothing created`);
  }
});

void t.test('plan with no state previews the first apply; its saved plan applies once the state exists', async (t) => {
  const w = await makeWorld(t);
  const planFile = path.join(w.dir, 'first.plan.json');
  const planned = await w.cli(['plan', ...w.common, '--now', NOW, '--detailed-exitcode', '--out', planFile]);
  t.equal(planned.code, 2, `changes to make (stderr: ${planned.stderr})`);
  t.match(planned.stdout, /Plan: \d+ to create, 0 to update, 0 to delete/);
  t.notOk(existsSync(w.state), 'plan wrote no state');
  t.notOk(existsSync(path.dirname(w.state)), 'nor its folder');

  const applied = await w.cli(['apply', planFile, '--state', w.state, '--now', NOW]);
  t.equal(applied.code, 0, applied.stderr);
  t.match(applied.stdout, /Apply complete/);
  const status = await w.cli(['status', '--state', w.state, '--format', 'json']);
  t.equal(status.code, 0, status.stderr);
  t.match(JSON.parse(status.stdout) as unknown, { lastApplied: { serial: 1 } });
  t.equal((await w.cli(['history', '--state', w.state])).code, 0, 'history reads the state apply created');

  // The same plan again: the state was applied since, so it no longer fits.
  const again = await w.cli(['apply', planFile, '--state', w.state, '--now', NOW]);
  t.equal(again.code, 1);
  t.match(again.stderr, /^error: PLAN_STALE: the plan was made before any state existed, and this state has been applied since; make a new plan$/m);
  t.notMatch(again.stderr, STACK_FRAME);
});
