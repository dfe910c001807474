/**
 * `updops validate` and `updops schema` as a user runs them: a real process, real files. Errors are
 * one line each with `FILE:LINE:COL: CODE:` and never a stack trace (docs/design.md 4, docs/style.md 7);
 * `--help` stays fast because commands load lazily (docs/style.md 13).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { MANIFEST_KINDS, validateConfigDir } from '../../src/manifests/index.js';
import { runCli, runCliSync, type ProcessResult } from '../helpers/processes.js';
import { tempDirSync } from '../helpers/temp-dir.js';
import { writeConfig } from './fixtures/base-config.js';
import { BROKEN_CASES, type BrokenCase } from './fixtures/broken-cases.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const mainJs = path.join(repo, 'dist/cli/main.js');
const examples = path.join(repo, 'examples/config');

function newestSource(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, e) => {
    const full = path.join(dir, e.name);
    return Math.max(newest, e.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }, 0);
}

/**
 * `npm test` builds first (pretest); running this file alone must not test a missing or stale
 * dist. tsc still emits when some unrelated file has a type error, so only a missing entry fails.
 */
t.before(() => {
  if (existsSync(mainJs) && statSync(mainJs).mtimeMs >= newestSource(path.join(repo, 'src'))) return;
  const built = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repo, encoding: 'utf8' });
  if (!existsSync(mainJs)) throw new Error(`build failed:\n${built.stdout}${built.stderr}`);
});

const root = tempDirSync(t, 'updops-cli-');

const updops = (args: string[], cwd = repo): ProcessResult => runCliSync(args, { cwd });

/** The same, without blocking, so the broken cases can run side by side. */
const updopsAsync = (args: string[], cwd: string): Promise<ProcessResult> => runCli(args, { cwd });

const STACK_LINE = /^\s+at /m;
const PROBLEM_LINE = /^(?:[^\s:][^:]*:\d+:\d+: )?[A-Z_]+: \S/;

function caseNamed(name: string): BrokenCase {
  const found = BROKEN_CASES.find((c) => c.name === name);
  if (!found) throw new Error(`no broken case named ${name}`);
  return found;
}

t.test('the examples validate: exit 0 and the manifest counts on stdout', async (t) => {
  const expected = validateConfigDir(examples);
  t.same(expected.errors, [], 'in-process the examples are valid too');
  const counts = MANIFEST_KINDS.map((k) => [k, expected.manifests.filter((m) => m.manifest.kind === k).length] as const).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
  const r = updops(['validate', 'examples/config']);
  t.equal(r.code, 0, r.stderr);
  t.equal(r.stdout, `${expected.manifests.length} manifests valid: ${counts}\n`);
  t.equal(r.stdout, '14 manifests valid: 4 Group, 3 UpdateSource, 7 Task\n', 'the documented figure');
  t.notMatch(r.stderr, /^error/m, 'warnings only on stderr');
});

const CLI_CASES = [
  'YAML syntax error: unclosed flow mapping',
  'duplicate key',
  'invalid UTF-8: a truncated sequence is reported at its lead byte',
  'alias bomb (billion laughs)',
  'unknown kind',
  'unknown field with a did-you-mean',
  'unknown schedule kind',
  'a two-group parent cycle is reported once',
  'unknown source in settings.sources',
  'a task chain loop a → b → a is reported once',
  "a DP's updateTask whose scope does not cover it",
  'invalid cron: three fields',
  'inline password in an UpdateSource',
  'an ftp URL with user:pass@',
  'an upstream source whose URL is a folder, not http(s)',
  'no manifest files at all',
];

t.test('broken configs: exit 1, one FILE:LINE:COL: CODE: line per error, no stack trace', async (t) => {
  // Run from inside each config folder, so file names print as the user wrote them: `x-bad.yaml:5:20: …`.
  const runs = await Promise.all(CLI_CASES.map(caseNamed).map(async (c) => ({ c, r: await updopsAsync(['validate', '.'], writeConfig(root, c.files, { base: c.base ?? true })) })));
  for (const { c, r } of runs) {
    t.test(c.name, async (t) => {
      t.equal(r.code, 1);
      t.equal(r.stdout, '', 'nothing on stdout');
      t.notMatch(r.stderr, STACK_LINE, 'no stack trace');
      const lines = r.stderr.trimEnd().split('\n');
      const errorLines = lines.filter((l) => !l.startsWith('warning: ') && !/^\d+ errors? in /.test(l));
      t.equal(errorLines.length, c.errors.length, r.stderr);
      for (const line of errorLines) t.match(line, PROBLEM_LINE, 'one-line problem');
      for (const e of c.errors) {
        const prefix = e.file === undefined ? `${e.code}: ` : `${e.file}:${e.line}:${e.col}: ${e.code}: `;
        t.ok(errorLines.some((l) => l.startsWith(prefix)), `a line starts with ${prefix}`);
      }
      t.match(lines.at(-1), `${c.errors.length} error${c.errors.length === 1 ? '' : 's'} in .`);
      if (c.secret) t.notMatch(r.stdout + r.stderr, c.secret, 'the secret never reaches the output');
    });
  }
});

t.test('--format json: every error with code, file, line, col and path', async (t) => {
  const c = caseNamed('a schema error in a Group, Task and UpdateSource adds no unknown-name errors where they are used');
  const dir = writeConfig(root, c.files);
  const r = updops(['validate', dir, '--format', 'json']);
  t.equal(r.code, 1);
  const report = JSON.parse(r.stdout) as { valid: boolean; errors: Record<string, unknown>[] };
  t.equal(report.valid, false);
  t.same(
    report.errors.map((e) => ({ code: e.code, file: path.relative(dir, String(e.file)), line: e.line, col: e.col, path: e.path })),
    c.errors.map((e) => ({ code: e.code, file: e.file, line: e.line, col: e.col, path: e.path })),
  );
  for (const e of report.errors) t.type(e.message, 'string');

  const secret = caseNamed('inline password in an UpdateSource');
  const secretRun = updops(['validate', writeConfig(root, secret.files), '--format', 'json']);
  t.equal(secretRun.code, 1);
  t.notMatch(secretRun.stdout + secretRun.stderr, secret.secret!, 'no secret in JSON either');

  const valid = updops(['validate', 'examples/config', '--format', 'json']);
  t.equal(valid.code, 0);
  t.match(JSON.parse(valid.stdout), { valid: true, manifests: 14, errors: [] });
});

t.test('usage errors and a missing folder: exit 1, one line', async (t) => {
  const xml = updops(['validate', 'examples/config', '--format', 'xml']);
  t.equal(xml.code, 1);
  t.match(xml.stderr, /^error: USAGE: .*--format.*\n$/);
  t.equal(xml.stderr.split('\n').length, 2, 'one line');

  const missing = updops(['validate', path.join(root, 'no-such-folder')]);
  t.equal(missing.code, 1);
  t.match(missing.stderr, /^error: FILE_READ: .*no-such-folder.*\n$/);
  t.equal(missing.stderr.split('\n').length, 2, 'one line');
  t.notMatch(missing.stderr, STACK_LINE);
});

t.test('--debug adds the stack trace that a plain failure never shows', async (t) => {
  const missing = path.join(root, 'no-such-folder');
  const plain = updops(['validate', missing]);
  const debug = updops(['validate', missing, '--debug']);
  t.equal(plain.code, 1);
  t.equal(debug.code, 1);
  t.notMatch(plain.stderr, /^\s+at /m, 'no stack without --debug');
  t.match(debug.stderr, /FILE_READ/, 'the same one-line error comes first');
  t.match(debug.stderr, /^\s+at /m, 'the stack follows with --debug');
});

t.test('updops schema', async (t) => {
  const task = updops(['schema', 'task']);
  t.equal(task.code, 0, task.stderr);
  t.equal((JSON.parse(task.stdout) as { title?: string }).title, 'Task');
  t.match(task.stdout, /"title": "Task"/);

  const nope = updops(['schema', 'nope']);
  t.equal(nope.code, 1);
  t.match(nope.stderr, /^error: USAGE: .*nope.*\n$/);
  t.notMatch(nope.stderr, STACK_LINE);
});

/** Median wall time of 5 runs, after one warm-up run (cold disk cache is not what we measure). */
function medianMs(run: () => void): { median: number; all: number[] } {
  run();
  const all: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    run();
    all.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { median: [...all].sort((a, b) => a - b)[2]!, all };
}

/** The bundle files a CLI call loads (recorded by node's loader hooks), and whether any package outside the bundle was. */
function loaded(args: string[], dir: string): { files: string[]; bytes: number; packages: string[] } {
  const record = path.join(dir, `imports-${args[0]}.txt`);
  const r = spawnSync(process.execPath, ['--import', path.join(repo, 'test/helpers/record-imports.mjs'), path.join(repo, 'bin/updops.js'), ...args], { cwd: repo, env: { ...process.env, UPDOPS_RECORD_IMPORTS: record }, encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`updops ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const urls = [...new Set(readFileSync(record, 'utf8').split('\n').filter(Boolean))].filter((u) => u.startsWith('file:'));
  const files = urls.map((u) => fileURLToPath(u)).filter((f) => f.startsWith(path.join(repo, 'dist', 'bundle')));
  return { files, bytes: files.reduce((n, f) => n + statSync(f).size, 0), packages: urls.filter((u) => u.includes('/node_modules/')) };
}

t.test('updops --help is fast: commands load lazily', async (t) => {
  // What --help loads, not how long it takes (a timed check flakes on a loaded box): the entry and
  // the few chunks it shares, never a command's code or a package. Loading every command eagerly
  // was the whole bundle; `validate` alone loads about ten times what --help does.
  const bundle = readdirSync(path.join(repo, 'dist', 'bundle')).filter((f) => f.endsWith('.js'));
  const total = bundle.reduce((n, f) => n + statSync(path.join(repo, 'dist', 'bundle', f)).size, 0);
  const dir = tempDirSync(t, 'updops-imports-');
  const help = loaded(['--help'], dir);
  const validate = loaded(['validate', 'examples/config'], dir);
  t.comment(`--help loads ${help.files.length} bundle files, ${(help.bytes / 1024).toFixed(0)} KB of ${(total / 1024).toFixed(0)} KB; validate ${validate.files.length} files, ${(validate.bytes / 1024).toFixed(0)} KB`);
  t.same(help.packages, [], 'no package is loaded for --help');
  t.ok(help.bytes < total / 10, `--help loads under a tenth of the bundle (${help.bytes} of ${total} bytes)`);
  t.ok(validate.bytes > help.bytes * 4, 'a command loads its own code on demand');
  t.notOk(help.files.some((f) => validate.files.includes(f) === false), 'what --help loads, validate loads too (the shared entry)');

  const timed = medianMs(() => {
    const r = updops(['--help']);
    t.equal(r.code, 0);
    t.match(r.stdout, /validate/);
  });
  const bare = medianMs(() => spawnSync(process.execPath, ['-e', '0']));
  t.comment(`updops --help: median ${timed.median.toFixed(0)} ms (${timed.all.map((x) => x.toFixed(0)).join(', ')}); bare node: ${bare.median.toFixed(0)} ms; target < 300 ms (measured, not asserted)`);
});
