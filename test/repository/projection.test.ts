/**
 * What a sync would move, from metadata alone (src/repository/sync/projection.ts): the rule of
 * fetch-targets.ts — held files cost nothing, a diff file stands in for its full file only when
 * the base is held and diffs are wanted, unselected components and (without diffs) diff files
 * are not fetched.
 */
import t from 'tap';
import { projectTransfer, type HeldTarget, type ProjectedTarget } from '../../src/repository/index.js';

const full = (length: number, sha256: string, component = 'databases'): ProjectedTarget => ({ length, sha256, custom: { component } });
const delta = (length: number, target: string, base: string, result: string): ProjectedTarget => ({ length, sha256: `d-${base}-${result}`, custom: { delta: { target, base, result } } });

const next = new Map<string, ProjectedTarget>([
  ['databases/kes/daily.avc', full(1000, 'new-daily')],
  ['databases/kes/base.avc', full(500, 'base')],
  ['modules/kes/agent.bin', full(300, 'agent', 'modules')],
  ['deltas/databases/kes/daily.avc/old-new', delta(40, 'databases/kes/daily.avc', 'old-daily', 'new-daily')],
]);

void t.test('an empty destination fetches every selected full file', async (t) => {
  t.same(projectTransfer(next, new Map(), { diffs: false }), { files: 3, bytes: 1800, fromDiffs: 0 });
  t.same(projectTransfer(next, new Map(), { diffs: false, components: ['databases'] }), { files: 2, bytes: 1500, fromDiffs: 0 }, 'the module is not selected');
  t.same(projectTransfer(next, new Map(), { diffs: true, components: ['databases'] }), { files: 3, bytes: 1540, fromDiffs: 0 }, 'with diffs the diff file is fetched too, but without the base it rebuilds nothing');
});

void t.test('held files cost nothing; a diff from a held base stands in for its full file', async (t) => {
  const held = new Map<string, HeldTarget>([
    ['databases/kes/daily.avc', { length: 990, sha256: 'old-daily' }],
    ['databases/kes/base.avc', { length: 500, sha256: 'base' }],
  ]);
  t.same(projectTransfer(next, held, { diffs: false, components: ['databases'] }), { files: 1, bytes: 1000, fromDiffs: 0 }, 'without diffs the changed file comes whole');
  t.same(projectTransfer(next, held, { diffs: true, components: ['databases'] }), { files: 1, bytes: 40, fromDiffs: 1 }, 'with diffs only the diff file moves');
  const wrongBase = new Map(held).set('databases/kes/daily.avc', { length: 990, sha256: 'older-daily' });
  t.same(projectTransfer(next, wrongBase, { diffs: true, components: ['databases'] }), { files: 2, bytes: 1040, fromDiffs: 0 }, 'a diff from another base does not help');
  const same = new Map(held).set('databases/kes/daily.avc', { length: 1000, sha256: 'new-daily' });
  t.same(projectTransfer(next, same, { diffs: false, components: ['databases'] }), { files: 0, bytes: 0, fromDiffs: 0 }, 'current: nothing');
});
