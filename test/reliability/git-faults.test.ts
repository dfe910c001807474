/**
 * Git faults with the real CLI (docs/design.md 2 "Desired state: all manifests at one git commit";
 * "Apply: validates everything first (nothing is written if any manifest is invalid)").
 * The config is a bare remote reached by file:// URL, so pushes — forced ones too — happen as
 * they would on a git server; the CLI keeps its own cache clone (cwd/.updops/git-cache).
 *
 * - remote unreachable (dead port, missing path) → one `error: GIT:` line, state unchanged
 *   (the same check at acceptance level: test/reconcile/bad-input.test.ts);
 * - main force-pushed to a rewritten history → the next plan/apply reads the new head;
 * - a commit with an invalid manifest → exit 1, state unchanged; the next good commit applies.
 *
 * Controller (keeps the last applied state, records ReconcileFailed, recovers on the next good
 * commit): test/controller/reconcile.test.ts covers it in-process; no `updops controller` CLI yet.
 */
import path from 'node:path';
import t from 'tap';
import type { StateDump } from '../../src/state/index.js';
import { makeWorld, NOW, TASKS_YAML } from '../reconcile/helpers/world.js';
import { STACK_FRAME } from './helpers/common.js';
import { git } from '../helpers/git-repo.js';
import { freeLoopbackPort as deadPort } from '../helpers/loopback.js';

const BROKEN_TASK = `apiVersion: updops/v1
kind: Task
metadata: {name: Broken}
spec:
  type: DownloadUpdatesToDistributionPoints
  scope: {group: hq}
  schedule: {kind: weekly, day: caturday, time: "25:61"}
`;

/** The commit of the newest history entry (highest serial). */
function latest(dump: StateDump): string | undefined {
  return [...dump.history].sort((a, b) => b.serial - a.serial || b.id - a.id)[0]?.commit;
}

void t.test('git faults through the CLI: unreachable, force-pushed, invalid commit', async (t) => {
  const w = await makeWorld(t);
  const bare = path.join(w.dir, 'remote.git');
  git(w.dir, 'clone', '-q', '--bare', w.config, bare);
  git(w.config, 'remote', 'add', 'origin', bare);
  const push = (force = false): void => void git(w.config, 'push', '-q', ...(force ? ['--force'] : []), 'origin', 'main');
  const remote = `file://${bare}`;
  const args = (command: string, ...extra: string[]): string[] => [command, '--config', remote, '--ref', 'main', '--state', w.state, '--now', NOW, ...extra];

  const first = await w.cli(args('apply', '--auto-approve'));
  t.equal(first.code, 0, `first apply from the remote: ${first.stderr}`);
  const applied = await w.dump();
  t.equal(latest(applied), w.head(), 'history records the remote head');

  await t.test('remote unreachable: dead port, missing path → one GIT line, state unchanged', async (t) => {
    const port = await deadPort();
    for (const url of [`http://127.0.0.1:${port}/config.git`, `file://${path.join(w.dir, 'no-such-remote.git')}`, `git://127.0.0.1:${port}/config.git`]) {
      for (const command of ['plan', 'apply']) {
        const res = await w.cli([command, '--config', url, '--ref', 'main', '--state', w.state, '--now', NOW, ...(command === 'apply' ? ['--auto-approve'] : [])], { timeoutMs: 30_000 });
        t.equal(res.code, 1, `${command} ${url}: exit 1`);
        t.match(res.stderr, /^error: GIT: /, `${command} ${url}: ${res.stderr.trim()}`);
        t.equal(res.stderr.trim().split('\n').length, 1, 'one line');
        t.notMatch(res.stderr, STACK_FRAME);
      }
    }
    t.same(await w.dump(), applied, 'state unchanged');
  });

  await t.test('main force-pushed to a rewritten history → the next apply reads the new head', async (t) => {
    // Rewrite: drop every commit, start an unrelated history whose only change is a new branch-c group.
    git(w.config, 'checkout', '-q', '--orphan', 'rewritten');
    w.write('groups/branch-c.yaml', `apiVersion: updops/v1\nkind: Group\nmetadata: {name: branch-c}\nspec:\n  parent: hq\n  devices:\n    - {name: ws-c-1, os: windows}\n`);
    git(w.config, 'add', '-A');
    git(w.config, 'commit', '-q', '-m', 'Rewritten history');
    git(w.config, 'branch', '-q', '-M', 'rewritten', 'main');
    const rewritten = w.head();
    push(true);
    const plan = await w.cli(args('plan', '--format', 'json'));
    t.equal(plan.code, 0, plan.stderr);
    t.equal((JSON.parse(plan.stdout) as { commit: string }).commit, rewritten, 'the plan is for the rewritten head');
    const res = await w.cli(args('apply', '--auto-approve'));
    t.equal(res.code, 0, res.stderr);
    const after = await w.dump();
    t.equal(latest(after), rewritten, 'history records the rewritten head');
    t.ok(after.objects.some((o) => o.kind === 'Group' && o.name === 'branch-c'), 'the new group is recorded');
  });

  await t.test('a commit with an invalid manifest → exit 1, state unchanged; the next good commit applies', async (t) => {
    const before = await w.dump();
    w.write('tasks/broken.yaml', BROKEN_TASK);
    w.commit('A broken task');
    push();
    for (const command of ['plan', 'apply']) {
      const res = await w.cli(args(command, ...(command === 'apply' ? ['--auto-approve'] : [])));
      t.equal(res.code, 1, `${command}: exit 1`);
      t.match(res.stderr, /^tasks\/broken\.yaml:\d+:\d+: SCHEMA: /m, `${command}: located error`);
      t.match(res.stderr, /^error: SCHEMA: \d+ problems? in the configuration; nothing was changed$/m);
      t.notMatch(res.stderr, STACK_FRAME);
    }
    t.same(await w.dump(), before, 'state unchanged');
    w.remove('tasks/broken.yaml');
    w.write('tasks/download.yaml', TASKS_YAML.replace('Download branch-b}', 'Download branch-b fixed}'));
    const good = w.commit('Fixed, and a renamed task');
    push();
    const res = await w.cli(args('apply', '--auto-approve'));
    t.equal(res.code, 0, res.stderr);
    const after = await w.dump();
    t.equal(latest(after), good, 'the good commit is recorded');
    t.ok(after.objects.some((o) => o.name === 'Download branch-b fixed'), 'its change is applied');
  });
});

// Can fail: every assertion above compares with real CLI output and the real state; e.g. make
// src/manifests/git-source.ts fetch without `--force` (or only fast-forward) and the force-push
// test fails ("the plan is for the rewritten head").
