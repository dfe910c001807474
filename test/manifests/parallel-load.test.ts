/**
 * Large configs are loaded on several threads by the CLI (src/manifests/load-parallel.ts). The
 * result must be exactly what one thread gives: same manifests, same problems with the same
 * FILE:LINE:COL, including positions the main thread only finds by re-parsing lazily.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { validateConfigDir } from '../../src/manifests/index.js';
import { PARALLEL_MIN_FILES } from '../../src/manifests/load-parallel.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'updops-parallel-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const FILES = PARALLEL_MIN_FILES + 50;

function group(i: number): string {
  const parent = i === 0 ? '' : `\n  parent: g-${i === 240 ? 'missing' : Math.floor(i / 2)}`;
  const os = i === 120 ? 'solaris' : 'windows';
  return `apiVersion: updops/v1\nkind: Group\nmetadata: {name: g-${i}}\nspec:${parent}\n  distributionPoints:\n    - {name: dp-${i}, os: ${os}, repository: /srv/u/${i}}\n`;
}

for (let i = 0; i < FILES; i++) {
  const sub = path.join(dir, `part-${Math.floor(i / 100)}`);
  mkdirSync(sub, { recursive: true });
  writeFileSync(path.join(sub, `g-${String(i).padStart(4, '0')}.yaml`), group(i));
}

t.test('the CLI loading on threads reports exactly what one thread finds', async (t) => {
  const expected = validateConfigDir(dir).errors.map((p) => ({ code: p.code, message: p.message, file: p.location?.file, line: p.location?.line, col: p.location?.col }));
  t.equal(expected.length, 2, 'one schema error and one unknown parent');
  const run = spawnSync(process.execPath, [path.join(repo, 'bin/updops.js'), 'validate', dir, '--format', 'json'], { encoding: 'utf8' });
  t.equal(run.status, 1);
  const report = JSON.parse(run.stdout) as { errors: { code: string; message: string; file: string; line: number; col: number }[]; manifests: number };
  t.same(report.errors.map(({ code, message, file, line, col }) => ({ code, message, file, line, col })), expected);
  t.ok(report.errors.some((e) => e.code === 'UNKNOWN_PARENT' && e.line === 5 && e.col === 11), 'a cross-reference error found after loading has its exact position');
});
