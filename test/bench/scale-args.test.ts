/**
 * The scale bench's arguments (bench/scale.ts; not timed, nothing is measured here): sections
 * run in their fixed order, none named means all, an unknown word is refused naming the choices;
 * and `npm run bench` (bench/run.ts) refuses a word that is neither a bench nor meant for one.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { parseScaleArgs, SECTIONS, table } from '../../bench/scale.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

t.test('sections: none named is all; named ones run in the fixed order; unknown ones are refused', async (t) => {
  t.same(parseScaleArgs([]), ['apply', 'heartbeats', 'queue', 'size']);
  t.same(parseScaleArgs([]), [...SECTIONS]);
  t.same(parseScaleArgs(['size', 'apply']), ['apply', 'size']);
  t.same(parseScaleArgs(['queue', 'queue']), ['queue']);
  t.throws(() => parseScaleArgs(['heartbeat', 'apply']), { message: 'unknown scale section "heartbeat": choose from apply, heartbeats, queue, size' });
  t.throws(() => parseScaleArgs(['x', 'y']), { message: /^unknown scale sections "x", "y": / });
});

t.test('tables line up: text left, figures right', async (t) => {
  t.same(table([['state', 'size', 'how'], ['SQLite', '5.0 MB', 'file'], ['PostgreSQL', '45.9 MB', 'tables']], true), ['state          size  how', 'SQLite       5.0 MB  file', 'PostgreSQL  45.9 MB  tables']);
});

t.test('bench/run.ts refuses a word that names no bench when no bench is named', async (t) => {
  const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(repo, 'bench', 'run.ts'), 'heartbeats'], { cwd: repo, encoding: 'utf8', timeout: 30_000 });
  t.equal(res.status, 2);
  t.match(res.stderr, /^unknown bench heartbeats: choose from validate, plan, .*, scale\n$/);
  t.equal(res.stdout, '');
});
