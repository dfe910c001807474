/**
 * Parity of the two manifest readers (src/manifests/fast-parse.ts and parse.ts; docs/design.md 2,
 * "loaded with source positions"): a file read by js-yaml first must give the user exactly what
 * the positional `yaml` reader alone gives, through the loader: the same problems with the same
 * code, message and FILE:LINE:COL, the same manifests (document count, order, index and
 * strictly deep-equal values), the same rejected documents, and the same position for every
 * JSON pointer a later check may report (present or missing).
 *
 * Corpus: the example configs, the broken corpus and its base config, a YAML edge-case table
 * (YAML 1.1 against 1.2 scalars, tags, anchors, merge and duplicate keys, directives, empty
 * documents, tabs, quoting), seeded mutations of the examples from the bad-manifests fuzzer,
 * and seeded random YAML. Replay or widen: UPDOPS_PARITY_SEED=N UPDOPS_PARITY_CASES=N.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import jsyaml from 'js-yaml';
import t, { type Test } from 'tap';
import { fastDocuments } from '../../src/manifests/fast-parse.js';
import { loadManifestFiles, listManifestFiles } from '../../src/manifests/load.js';
import { parseManifestFile, type FastReader, type ParseOptions } from '../../src/manifests/parse.js';
import { joinPointer, type Locator } from '../../src/manifests/positions.js';
import { prng, ROOT, tempDir } from '../reliability/helpers/common.js';
import { MUTATIONS } from '../reliability/helpers/manifest-mutations.js';
import { BASE_FILES } from './fixtures/base-config.js';
import { BROKEN_CASES } from './fixtures/broken-cases.js';
import { YAML_EDGE_CASES } from './fixtures/yaml-edge-cases.js';
import { mappingLines, tokenSoup } from './fixtures/yaml-soup.js';

// A fixed seed by default: the corpus is the same on every run, so a failure is never luck.
const SEED = Number(process.env.UPDOPS_PARITY_SEED ?? 20261201) >>> 0;
const CASES = Number(process.env.UPDOPS_PARITY_CASES ?? 250);
/** Mutations that cost up to a second a case and do the same thing every time: a few of each are enough. */
const COSTLY_MUTATIONS = new Set(['too-many-documents', 'deep-nesting-1000-block', 'huge-string-1mb', 'file-10mb']);
const COSTLY_EACH = 3;
const EXAMPLES = path.join(ROOT, 'examples/config');
/** Pointers checked per manifest; the examples have fewer. */
const MAX_POINTERS = 200;


interface Case {
  name: string;
  bytes: Uint8Array;
}

/** Every pointer in `value`, and one missing child of each (located at its nearest ancestor). */
function pointersOf(value: unknown, base = '', out: string[] = []): string[] {
  if (out.length >= MAX_POINTERS) return out;
  out.push(base);
  if (value !== null && typeof value === 'object') {
    out.push(joinPointer(base, 'no-such-field'));
    for (const [key, child] of Object.entries(value)) pointersOf(child, joinPointer(base, key), out);
  }
  return out;
}

function positions(locator: Locator, value: unknown): string[] {
  return pointersOf(value).flatMap((pointer) => [locator.locate(pointer), locator.locateKey(pointer)].map((at) => `${at.line}:${at.col} ${at.path ?? ''}`));
}

/**
 * What one file gives: the parsed documents (index, value, the position of every pointer) and,
 * through the loader, what validate, plan and apply see of it (problems, manifests, rejected).
 */
function userView(file: string, options: ParseOptions): unknown {
  const parsed = parseManifestFile(file, readFileSync(file), options);
  const loaded = loadManifestFiles([file], options);
  return {
    documents: parsed.documents.map((d) => ({ index: d.index, value: d.value, at: positions(d.locator, d.value) })),
    problems: loaded.problems,
    manifests: loaded.manifests.map((m) => ({ file: m.file, index: m.index, manifest: m.manifest })),
    rejected: loaded.rejected,
  };
}

/** JSON that keeps what strict equality sees: -0, NaN and ±Infinity. */
function show(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && (Object.is(v, -0) || !Number.isFinite(v)) ? `<number ${Object.is(v, -0) ? '-0' : String(v)}>` : v));
}

/** A one-line description of how `fast` disagrees with the careful reader on `c`, or undefined when it does not. */
function disagreement(dir: string, c: Case, fast?: FastReader): string | undefined {
  const file = path.join(dir, 'case.yaml');
  writeFileSync(file, c.bytes);
  const careful = userView(file, { fast: false });
  const tried = userView(file, fast ? { fast } : {});
  if (isDeepStrictEqual(tried, careful)) return undefined;
  const [a, b] = [show(tried), show(careful)];
  let at = 0;
  while (at < a.length && a[at] === b[at]) at++;
  const from = Math.max(0, at - 80);
  const input = JSON.stringify(Buffer.from(c.bytes).toString('utf8').slice(0, 160));
  return `${c.name}: fast …${a.slice(from, at + 160)}… careful …${b.slice(from, at + 160)}… (input ${input})`;
}

function checkAll(t: Test, dir: string, cases: Case[], what: string): void {
  const started = Date.now();
  const found = cases.map((c) => disagreement(dir, c)).filter((d): d is string => d !== undefined);
  t.same(found.slice(0, 10), [], `${cases.length} ${what}: both readers give the same result (${found.length} disagree)`);
  t.comment(`${cases.length} ${what} compared in ${Date.now() - started} ms`);
}

const utf8 = (name: string, text: string): Case => ({ name, bytes: Buffer.from(text) });
const exampleFiles = listManifestFiles(EXAMPLES);

t.test('the fast path still reads the example configs and the base config, and agrees there', async (t) => {
  const dir = tempDir(t, 'parity-examples');
  const cases = [
    ...exampleFiles.map((f) => ({ name: path.relative(EXAMPLES, f), bytes: readFileSync(f) })),
    ...Object.entries(BASE_FILES).map(([name, text]) => utf8(`base ${name}`, text)),
  ];
  for (const c of cases) {
    const text = Buffer.from(c.bytes).toString('utf8');
    const documents = fastDocuments(c.name, text, () => ({ documents: [], problems: [] }));
    t.ok(documents && documents.length > 0, `${c.name} is read by js-yaml`);
  }
  checkAll(t, dir, cases, 'example and base files');
});

t.test('YAML edge cases: 1.1 and 1.2 scalars, tags, anchors, merge and duplicate keys, directives, empty documents', async (t) => {
  const dir = tempDir(t, 'parity-edge');
  const cases = Object.entries(YAML_EDGE_CASES).map(([name, text]) => utf8(name, text));
  const fast = cases.filter((c) => fastDocuments(c.name, Buffer.from(c.bytes).toString('utf8'), () => ({ documents: [], problems: [] })) !== undefined);
  t.comment(`${fast.length} of ${cases.length} edge cases stay on the fast path`);
  checkAll(t, dir, cases, 'edge cases');
});

t.test('the broken corpus: every file of every case', async (t) => {
  const dir = tempDir(t, 'parity-broken');
  const cases = BROKEN_CASES.flatMap((bc) =>
    Object.entries(bc.files).flatMap(([file, content]) => (content === null ? [] : [{ name: `${bc.name} ${file}`, bytes: typeof content === 'string' ? Buffer.from(content) : content }])),
  );
  checkAll(t, dir, cases, 'broken-corpus files');
});

t.test(`the fuzzer's mutations of the example and base files: ${CASES} cases (seed ${SEED})`, async (t) => {
  const dir = tempDir(t, 'parity-fuzz');
  const rng = prng(SEED);
  const originals = [...exampleFiles.map((f) => readFileSync(f, 'utf8')), ...Object.values(BASE_FILES)];
  const cases: Case[] = [];
  const costly = new Map<string, number>();
  for (let i = 0; i < CASES; i++) {
    const mutation = rng.pick(MUTATIONS);
    const bytes = mutation.make(rng.pick(originals), rng);
    if (COSTLY_MUTATIONS.has(mutation.name)) {
      const seen = costly.get(mutation.name) ?? 0;
      costly.set(mutation.name, seen + 1);
      if (seen >= COSTLY_EACH) continue;
    }
    if (bytes) cases.push({ name: `case ${i} ${mutation.name}`, bytes });
  }
  t.ok(new Set(cases.map((c) => c.name.split(' ')[2])).size >= 15, 'many kinds of mutation were tried');
  checkAll(t, dir, cases, `mutated files (seed ${SEED})`);
});

t.test(`random YAML: ${CASES * 4} token soups and ${CASES * 4} mapping-shaped files (seed ${SEED})`, async (t) => {
  const dir = tempDir(t, 'parity-soup');
  const rng = prng(SEED ^ 0x5eed);
  const cases: Case[] = [];
  for (let i = 0; i < CASES * 4; i++) cases.push(utf8(`soup ${i}`, tokenSoup(rng)), utf8(`lines ${i}`, mappingLines(rng)));
  checkAll(t, dir, cases, 'random files');
});

t.test('the nesting limit is reported at the same place however much stack the caller leaves', async (t) => {
  const text = `apiVersion: updops/v1\nkind: Group\nmetadata: {name: deep}\nspec:\n  description: ${'['.repeat(5000)}x${']'.repeat(5000)}\n`;
  const nested = (depth: number): unknown => (depth === 0 ? parseManifestFile('deep.yaml', Buffer.from(text)).problems : nested(depth - 1));
  const results = [0, 1000, 3000].map(nested);
  t.same(results[0], [{ code: 'YAML_LIMIT', message: 'nesting deeper than 64 levels', location: { file: 'deep.yaml', line: 1, col: 1, path: '/' } }], 'one YAML_LIMIT at the document');
  t.same(results.slice(1), [results[0], results[0]], 'the same problem with a deeper caller');
});

/** The fast path as it was before the parity work: js-yaml's own core schema, every non-null document kept. */
const naiveReader: FastReader = (file, text, careful) => {
  let values: unknown[];
  try {
    values = jsyaml.loadAll(text, undefined, { schema: jsyaml.CORE_SCHEMA });
  } catch {
    return undefined;
  }
  const at = (pointer: string): { file: string; line: number; col: number; path: string } => ({ file, line: 1, col: 1, path: pointer || '/' });
  return values
    .filter((v) => v !== null && v !== undefined)
    .map((value, index) => ({ file, index, value, locator: careful().documents[index]?.locator ?? { locate: at, locateKey: at } }));
};

t.test('the parity check can fail: a fast path on js-yaml\'s own core schema, without fallbacks, is caught', async (t) => {
  const dir = tempDir(t, 'parity-canfail');
  const found = Object.entries(YAML_EDGE_CASES)
    .map(([name, text]) => disagreement(dir, utf8(name, text), naiveReader))
    .filter((d): d is string => d !== undefined);
  const names = found.map((d) => d.slice(0, d.indexOf(': fast ')));
  for (const name of ['plain scalar 0b101', 'plain scalar 1_000', 'plain scalar +.5', 'directive %YAML 1.1', 'a comment right after a quote', 'a flow sequence over lines, not indented', 'a mapping on the --- line', 'a lone !']) {
    t.ok(names.includes(name), `caught: ${name}`);
  }
  t.comment(`the naive fast path disagrees on ${found.length} of ${Object.keys(YAML_EDGE_CASES).length} edge cases, e.g. ${found.find((d) => d.startsWith('plain scalar 0b101')) ?? ''}`);
});
