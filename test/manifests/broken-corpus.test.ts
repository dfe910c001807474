/**
 * Acceptance: every check of the manifest validator (docs/design.md 2) against a corpus of broken
 * configs, each the small valid base config with exactly one defect, asserting the error's code
 * and `FILE:LINE:COL` (docs/style.md 6) and that no other error rides along.
 */
import path from 'node:path';
import t, { type Test } from 'tap';
import { formatProblem, type Problem } from '../../src/errors.js';
import { validateConfigDir } from '../../src/manifests/index.js';
import { BASE_FILES, writeConfig, yaml } from './fixtures/base-config.js';
import { BROKEN_CASES, type BrokenCase, type ExpectedError } from './fixtures/broken-cases.js';
import { tempDirSync } from '../helpers/temp-dir.js';

const root = tempDirSync(t, 'updops-broken-');

/** A problem in the shape of an expectation: file relative to the config folder, only the fields asked for. */
function actual(problem: Problem, dir: string, expected: ExpectedError): Record<string, unknown> {
  const { location } = problem;
  return {
    code: problem.code,
    file: location ? path.relative(dir, location.file).split(path.sep).join('/') : undefined,
    line: location?.line,
    col: location?.col,
    ...(expected.path === undefined ? {} : { path: location?.path }),
  };
}

function expectedShape(e: ExpectedError): Record<string, unknown> {
  return { code: e.code, file: e.file, line: e.line, col: e.col, ...(e.path === undefined ? {} : { path: e.path }) };
}

function checkCase(tt: Test, c: BrokenCase): void {
  const dir = writeConfig(root, c.files, { base: c.base ?? true });
  const { errors } = validateConfigDir(dir);
  const shown = errors.map(formatProblem).join('\n');
  tt.equal(errors.length, c.errors.length, `exactly ${c.errors.length} error(s)${c.why ? ` (${c.why})` : ''}; got:\n${shown}`);
  c.errors.forEach((expected, i) => {
    const problem = errors[i];
    if (!problem) return;
    tt.same(actual(problem, dir, expected), expectedShape(expected), `error ${i + 1}: ${formatProblem(problem)}`);
    if (expected.message) tt.match(problem.message, expected.message, 'message says what helps');
  });
  if (c.secret) {
    for (const e of errors) tt.notMatch(`${formatProblem(e)} ${JSON.stringify(e)}`, c.secret, 'the secret value is never echoed');
  }
}

t.test('the base config is valid, without warnings', async (t) => {
  const result = validateConfigDir(writeConfig(root, {}));
  t.same(result.errors, []);
  t.same(result.warnings, []);
  t.equal(result.manifests.length, 6);
});

t.test(`broken corpus: ${BROKEN_CASES.length} configs with one defect each`, async (t) => {
  t.ok(BROKEN_CASES.length >= 40, 'the acceptance bar: at least 40 broken manifests');
  t.equal(new Set(BROKEN_CASES.map((c) => c.name)).size, BROKEN_CASES.length, 'case names are unique');
  for (const c of BROKEN_CASES) t.test(c.name, async (tt) => checkCase(tt, c));
});

t.test('every error code of the manifest checks has a broken case', async (t) => {
  const covered = new Set(BROKEN_CASES.flatMap((c) => c.errors.map((e) => e.code)));
  const manifestCodes = ['YAML_SYNTAX', 'DUPLICATE_KEY', 'YAML_LIMIT', 'API_VERSION', 'UNKNOWN_KIND', 'SCHEMA', 'DUPLICATE_NAME', 'UNKNOWN_PARENT', 'GROUP_CYCLE', 'UNKNOWN_SOURCE', 'UNKNOWN_TASK', 'TASK_CHAIN_CYCLE', 'DUPLICATE_DP', 'UPDATE_TASK_SCOPE', 'TASK_NAME', 'SCHEDULE_EMPTY', 'TIME_ZONE', 'CRON', 'INLINE_SECRET', 'UNKNOWN_GROUP', 'UNKNOWN_DEVICE', 'UPSTREAM_NOT_HTTP', 'NO_MANIFESTS'] as const;
  t.same(manifestCodes.filter((c) => !covered.has(c)), [], 'no check without a case');
});

t.test('near misses are valid', async (t) => {
  const valid = (name: string, files: Record<string, string | Uint8Array>): void => {
    const result = validateConfigDir(writeConfig(root, files));
    t.same(result.errors.map(formatProblem), [], name);
  };
  valid('a task name of exactly 100 characters', {
    'x-ok.yaml': `apiVersion: updops/v1\nkind: Task\nmetadata: {name: ${'n'.repeat(100)}}\nspec: {type: Update, scope: {group: hq}}\n`,
  });
  valid('a UTF-8 BOM before a valid file', { 'groups.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(BASE_FILES['groups.yaml']!)]) });
  valid('a 6-field cron with seconds, in a real time zone', {
    'x-ok.yaml': yaml`
      apiVersion: updops/v1
      kind: Task
      metadata: {name: cron}
      spec: {type: Update, scope: {devices: [ws-1, dp-2]}, schedule: {kind: cron, expression: "0 30 6 * * 1-5", timeZone: America/New_York}}
      `,
  });
  valid('the default vendor source resolves to the only source of type vendor', {
    'sources.yaml': BASE_FILES['sources.yaml']!.replace('{name: vendor}', '{name: primary}'),
    'tasks.yaml': 'apiVersion: updops/v1\nkind: Task\nmetadata: {name: update}\nspec: {type: Update, scope: {group: hq}}\n',
  });
});

t.test('every error, not just the first: three defects in three files give three errors', async (t) => {
  const dir = writeConfig(root, {
    'groups.yaml': BASE_FILES['groups.yaml']!.replace('parent: hq', 'parent: hq-office'),
    'sources.yaml': BASE_FILES['sources.yaml']!.replace('timeoutSeconds: 20', 'timeoutSeconds: 500'),
    'tasks.yaml': BASE_FILES['tasks.yaml']!.replace('timeZone: Europe/Berlin', 'timeZone: Mars/Olympus'),
  });
  const { errors } = validateConfigDir(dir);
  t.same(
    errors.map((e) => `${path.basename(e.location?.file ?? '')}:${e.location?.line}:${e.code}`).sort(),
    ['groups.yaml:14:UNKNOWN_PARENT', 'sources.yaml:9:SCHEMA', 'tasks.yaml:8:TIME_ZONE'],
  );
});

t.test('an unreadable config folder is the only thing that throws', async (t) => {
  t.throws(() => validateConfigDir(path.join(root, 'does-not-exist')), { code: 'FILE_READ' });
});
