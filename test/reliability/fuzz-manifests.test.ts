/**
 * Bad manifests fuzzer (docs/design.md 2 "validated … loaded with source positions", docs/style.md 4
 * "Validation returns problems, never throws", README "Limits against hostile input").
 *
 * Seeded mutations of the valid `examples/config` manifests (see helpers/manifest-mutations.ts)
 * go through `validateConfigDir` in-process: each case ends valid, or with errors that all carry
 * FILE:LINE:COL; never a throw, never more than 5 s. A sample goes through the real CLI:
 * `validate` exits 0/1 with only `FILE:LINE:COL: CODE:` / `error:` lines, and `apply` of an
 * invalid config exits 1 and leaves the state dump exactly as it was.
 *
 * Replay: UPDOPS_FUZZ_SEED=<printed seed> npx tap test/reliability/fuzz-manifests.test.ts
 * More cases: UPDOPS_FUZZ_CASES=20000.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { listManifestFiles, validateConfigDir, type ValidationResult } from '../../src/manifests/index.js';
import { openStateStore, type StateDump } from '../../src/state/index.js';
import { LOCATED_ERROR_LINE, ROOT, badStderrLines, inParallel, prng, runCli, seedFrom, STACK_FRAME, tempDir } from './helpers/common.js';
import { mutate, type Mutation } from './helpers/manifest-mutations.js';

// 2,000 in-process cases plus ~100 CLI runs: over tap's 120 s default on a loaded 2-core machine.
t.setTimeout(600_000);

const SEED = seedFrom('UPDOPS_FUZZ_SEED');
const CASES = Number(process.env.UPDOPS_FUZZ_CASES ?? 2000);
const CLI_CASES = 50;
const CASE_LIMIT_MS = 5_000;
const EXAMPLES = path.join(ROOT, 'examples/config');

/** What is wrong with one case's outcome; empty when the validator behaved. */
export function violations(outcome: ValidationResult | Error, ms: number, mutation: Pick<Mutation, 'expect' | 'code'>, dir: string): string[] {
  const found: string[] = [];
  if (ms > CASE_LIMIT_MS) found.push(`took ${ms} ms (limit ${CASE_LIMIT_MS})`);
  if (outcome instanceof Error) return [...found, `threw ${outcome.name}: ${outcome.message.slice(0, 200)}`];
  for (const error of outcome.errors) {
    if (error.code === 'NO_MANIFESTS') continue; // about the folder, not a file
    const at = error.location;
    if (!at) found.push(`${error.code} without a location: ${error.message.slice(0, 120)}`);
    else if (!at.file.startsWith(dir) || !Number.isInteger(at.line) || at.line < 1 || !Number.isInteger(at.col) || at.col < 1) found.push(`${error.code} with a bad location ${JSON.stringify(at)}`);
  }
  if (mutation.expect === 'error' && outcome.errors.length === 0) found.push('expected at least one error, got a valid config');
  if (mutation.code && outcome.errors.length > 0 && !outcome.errors.some((e) => e.code === mutation.code)) found.push(`expected a ${mutation.code} error, got ${outcome.errors.map((e) => e.code).join(', ')}`);
  return found;
}

interface Sample {
  index: number;
  file: string;
  mutation: string;
  bytes: Buffer | null;
  errors: number;
  /** Errors that carry a FILE:LINE:COL (all but a folder-level NO_MANIFESTS). */
  located: number;
}

void t.test(`validateConfigDir survives ${CASES} mutated configs (seed ${SEED})`, async (t) => {
  t.comment(`fuzz seed ${SEED} (replay: UPDOPS_FUZZ_SEED=${SEED})`);
  const dir = path.join(tempDir(t, 'fuzz'), 'config');
  cpSync(EXAMPLES, dir, { recursive: true });
  t.same(validateConfigDir(dir).errors, [], 'the unmutated examples are valid');
  const files = listManifestFiles(dir);
  const originals = new Map(files.map((f) => [f, readFileSync(f)]));
  const rng = prng(SEED);
  const failures: string[] = [];
  const perMutation = new Map<string, { cases: number; invalid: number; maxMs: number }>();
  const samples: Sample[] = [];
  const sampleEvery = Math.max(1, Math.floor(CASES / CLI_CASES));
  let slowest = 0;
  let invalid = 0;
  const started = Date.now();

  for (let index = 0; index < CASES; index++) {
    const file = rng.pick(files);
    const original = originals.get(file)!;
    const mutation = mutate(original.toString('utf8'), rng);
    if (mutation.bytes === null) rmSync(file);
    else writeFileSync(file, mutation.bytes);
    const caseStart = performance.now();
    let outcome: ValidationResult | Error;
    try {
      outcome = validateConfigDir(dir);
    } catch (error) {
      outcome = error instanceof Error ? error : new Error(String(error));
    }
    const ms = Math.round(performance.now() - caseStart);
    slowest = Math.max(slowest, ms);
    const problems = violations(outcome, ms, mutation, dir);
    const errors = outcome instanceof Error ? -1 : outcome.errors.length;
    if (errors > 0) invalid++;
    const stat = perMutation.get(mutation.name) ?? { cases: 0, invalid: 0, maxMs: 0 };
    perMutation.set(mutation.name, { cases: stat.cases + 1, invalid: stat.invalid + (errors > 0 ? 1 : 0), maxMs: Math.max(stat.maxMs, ms) });
    if (problems.length > 0) failures.push(`case ${index} ${mutation.name} on ${path.relative(dir, file)}: ${problems.join('; ')}`);
    if (index % sampleEvery === 0 && samples.length < CLI_CASES) samples.push({ index, file: path.relative(dir, file), mutation: mutation.name, bytes: mutation.bytes, errors, located: outcome instanceof Error ? 0 : outcome.errors.filter((e) => e.location).length });
    writeFileSync(file, original);
  }

  t.comment(`fuzz: ${CASES} cases in ${((Date.now() - started) / 1000).toFixed(1)} s, ${invalid} invalid, ${CASES - invalid} valid, slowest case ${slowest} ms, failures ${failures.length}`);
  for (const [name, s] of [...perMutation].sort()) t.comment(`  ${name.padEnd(20)} ${String(s.cases).padStart(5)} cases, ${String(s.invalid).padStart(5)} invalid, max ${s.maxMs} ms`);
  t.same(failures.slice(0, 20), [], `no throw, no unlocated error, no case over ${CASE_LIMIT_MS} ms (seed ${SEED})`);
  t.ok(perMutation.size >= 15, `${perMutation.size} kinds of mutation were tried`);

  await t.test(`${samples.length} sampled cases through the real CLI: exit 0/1, one located line per problem, state unchanged`, async (t) => {
    const work = tempDir(t, 'fuzz-cli');
    // A non-empty state to compare against: one group applied from a plain directory (nothing to sync).
    const baseConfig = path.join(work, 'base-config');
    const baseState = path.join(work, 'base.db');
    mkdirSync(baseConfig);
    copyFileSync(path.join(EXAMPLES, 'groups/head-office.yaml'), path.join(baseConfig, 'head-office.yaml'));
    const base = await runCli(['apply', '--config', baseConfig, '--state', baseState, '--auto-approve'], { cwd: work });
    t.equal(base.code, 0, `base state applied: ${base.stderr}`);
    const dump = async (state: string): Promise<Omit<StateDump, 'lock'>> => {
      const store = await openStateStore({ path: state });
      try {
        return await store.dump();
      } finally {
        await store.close();
      }
    };
    const baseDump = await dump(baseState);
    t.equal(baseDump.objects.length, 1, 'the base state holds one object');

    const results = await inParallel(samples, 2, async (sample) => {
      const caseDir = path.join(work, `case-${sample.index}`);
      const config = path.join(caseDir, 'config');
      cpSync(EXAMPLES, config, { recursive: true });
      if (sample.bytes === null) rmSync(path.join(config, sample.file));
      else writeFileSync(path.join(config, sample.file), sample.bytes);
      const what = `case ${sample.index} ${sample.mutation} on ${sample.file}`;
      const problems: string[] = [];
      const validate = await runCli(['validate', config], { cwd: caseDir });
      const wantCode = sample.errors > 0 ? 1 : 0;
      if (validate.code !== wantCode) problems.push(`validate exit ${validate.code}, in-process says ${sample.errors} errors`);
      if (STACK_FRAME.test(validate.stderr)) problems.push('validate printed a stack trace');
      problems.push(...badStderrLines(validate.stderr).slice(0, 3).map((l) => `validate stderr line: ${l.slice(0, 160)}`));
      const locatedLines = validate.stderr.split('\n').filter((l) => LOCATED_ERROR_LINE.test(l)).length;
      if (locatedLines !== sample.located) problems.push(`validate printed ${locatedLines} located error lines for ${sample.located} located errors`);
      const state = path.join(caseDir, 'state.db');
      copyFileSync(baseState, state);
      if (existsSync(`${baseState}-wal`)) copyFileSync(`${baseState}-wal`, `${state}-wal`);
      // Valid configs only get a plan (offline, nothing contacted); invalid ones must be refused by apply.
      const second = sample.errors > 0
        ? await runCli(['apply', '--config', config, '--state', state, '--auto-approve'], { cwd: caseDir })
        : await runCli(['plan', '--config', config, '--state', state, '--offline'], { cwd: caseDir });
      if (second.code !== wantCode) problems.push(`${sample.errors > 0 ? 'apply' : 'plan'} exit ${second.code}: ${second.stderr.slice(0, 200)}`);
      if (STACK_FRAME.test(second.stderr)) problems.push('apply/plan printed a stack trace');
      problems.push(...badStderrLines(second.stderr).slice(0, 3).map((l) => `apply/plan stderr line: ${l.slice(0, 160)}`));
      const after = await dump(state);
      if (JSON.stringify(after) !== JSON.stringify(baseDump)) problems.push('the state dump changed');
      rmSync(caseDir, { recursive: true, force: true });
      return problems.length > 0 ? `${what}: ${problems.join('; ')}` : undefined;
    });
    const bad = results.filter((r): r is string => r !== undefined);
    t.comment(`fuzz CLI: ${samples.length} sampled cases (${samples.filter((s) => s.errors > 0).length} invalid), failures ${bad.length}`);
    t.same(bad, [], 'every sampled case behaved through the CLI');
  });
});

void t.test('the fuzzer can fail: a broken validator is caught', async (t) => {
  const dir = path.join(tempDir(t, 'fuzz-canfail'), 'config');
  cpSync(EXAMPLES, dir, { recursive: true });
  const file = path.join(dir, 'groups/head-office.yaml');
  writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from([0xff, 0xfe])]));
  const real = validateConfigDir(dir);
  t.same(violations(real, 10, { expect: 'error', code: 'YAML_SYNTAX' }, dir), [], 'the real validator passes the check');
  // Broken variants: locations stripped, an exception, a slow answer, an error swallowed.
  const stripped = { ...real, errors: real.errors.map(({ location: _location, ...rest }) => rest) };
  t.match(violations(stripped, 10, { expect: 'any' }, dir), [/YAML_SYNTAX without a location/], 'an error without FILE:LINE:COL is caught');
  t.match(violations(new RangeError('Maximum call stack size exceeded'), 10, { expect: 'any' }, dir), [/threw RangeError/], 'a throw is caught');
  t.match(violations(real, 6_000, { expect: 'any' }, dir), [/took 6000 ms/], 'a case over 5 s is caught');
  t.match(violations({ ...real, errors: [] }, 10, { expect: 'error', code: 'YAML_SYNTAX' }, dir), [/expected at least one error/], 'a bad file reported valid is caught');
  t.match(badStderrLines('    at parseDocument (file.js:1:1)\nTypeError: boom'), ['    at parseDocument (file.js:1:1)', 'TypeError: boom'], 'a stack trace on stderr is caught');
});
