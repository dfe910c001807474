/**
 * Mutations of a valid manifest file for the fuzzer: structure-aware ones work on the parsed
 * documents (drop a key, wrong type, 1 MB value, 1000-level nesting) and print YAML again;
 * byte-level ones attack the reader (alias bombs, invalid UTF-8, tabs, BOM, CRLF, a 10 MB file,
 * byte flips, truncation, too many documents). `expect` says what the validator must answer:
 * `error` — at least one error (with the code when given); `any` — valid or located errors.
 */
import { parseAllDocuments, stringify } from 'yaml';
import type { prng } from './common.js';

type Rng = ReturnType<typeof prng>;
export interface Mutation {
  name: string;
  bytes: Buffer | null; // null: the file is deleted
  expect: 'any' | 'error';
  code?: string;
}
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const MB = 1024 * 1024;

/** Every container (map or list) in the tree, with a way to replace or drop one of its entries. */
function containers(value: Json, out: (Json[] | { [k: string]: Json })[] = []): (Json[] | { [k: string]: Json })[] {
  if (value !== null && typeof value === 'object') {
    out.push(value);
    for (const child of Array.isArray(value) ? value : Object.values(value)) containers(child, out);
  }
  return out;
}

function docsOf(text: string): Json[] {
  return parseAllDocuments(text).flatMap((d) => ('toJS' in d ? [d.toJS({ maxAliasCount: 100 }) as Json] : []));
}

function print(docs: Json[]): Buffer {
  return Buffer.from(docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n'));
}

const DEEP_MARKER = 'DEEP-NESTING-MARKER-7f3a';

/** Edits one random entry of one random container of one random document. */
function structural(text: string, rng: Rng, edit: (holder: Json[] | { [k: string]: Json }, key: string | number) => void): Buffer {
  const docs = docsOf(text);
  const doc = rng.int(docs.length);
  const all = containers(docs[doc] ?? null).filter((c) => (Array.isArray(c) ? c.length : Object.keys(c).length) > 0);
  if (all.length === 0) return Buffer.from(text);
  const holder = rng.pick(all);
  const key = Array.isArray(holder) ? rng.int(holder.length) : rng.pick(Object.keys(holder));
  edit(holder, key);
  return print(docs);
}

function set(holder: Json[] | { [k: string]: Json }, key: string | number, value: Json): void {
  (holder as Record<string | number, Json>)[key] = value;
}

const WRONG_VALUES: Json[] = [null, true, 0, -1, 1e308, '', 'x', [], {}, [1, 2], { a: 1 }, '2026-13-45', 'HH:MM', '\u0000', '../../etc/passwd'];

export const MUTATIONS: readonly { name: string; expect: 'any' | 'error'; code?: string; make(text: string, rng: Rng): Buffer | null }[] = [
  { name: 'drop-key', expect: 'any', make: (text, rng) => structural(text, rng, (h, k) => (Array.isArray(h) ? h.splice(k as number, 1) : delete h[k as string])) },
  { name: 'wrong-type', expect: 'any', make: (text, rng) => structural(text, rng, (h, k) => set(h, k, rng.pick(WRONG_VALUES))) },
  { name: 'huge-string-1mb', expect: 'any', make: (text, rng) => structural(text, rng, (h, k) => set(h, k, 'A'.repeat(MB))) },
  {
    // The yaml printer itself recurses, so the deep value goes in as flow text in place of a marker.
    name: 'deep-nesting-1000-flow',
    expect: 'error',
    code: 'YAML_LIMIT',
    make: (text, rng) => {
      const asMap = rng.next() < 0.5;
      const deep = asMap ? `${'{k: '.repeat(1000)}x${'}'.repeat(1000)}` : `${'['.repeat(1000)}x${']'.repeat(1000)}`;
      return Buffer.from(structural(text, rng, (h, k) => set(h, k, DEEP_MARKER)).toString('utf8').replace(DEEP_MARKER, deep));
    },
  },
  {
    name: 'deep-nesting-1000-block',
    expect: 'error',
    code: 'YAML_LIMIT',
    make: (text) => Buffer.from(`${text.trimEnd()}\n---\n${Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}k:`).join('\n')} x\n`),
  },
  {
    // Text level, so the key really appears twice (JS objects cannot hold duplicates).
    name: 'duplicate-key',
    expect: 'error',
    make: (text, rng) => {
      const lines = text.split('\n');
      const keyed = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[A-Za-z]+:\s*\S/.test(l) && !l.trimStart().startsWith('-'));
      if (keyed.length === 0) return Buffer.from(`${text}\nspec: {}\nspec: {}\n`);
      const [line, at] = rng.pick(keyed);
      lines.splice(at + 1, 0, line);
      return Buffer.from(lines.join('\n'));
    },
  },
  {
    name: 'alias-bomb',
    expect: 'error',
    code: 'YAML_LIMIT',
    make: (text) => {
      // Billion laughs: 10 levels of 9 references each would expand to 9^10 strings.
      const levels = ['  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let i = 1; i < 10; i++) levels.push(`  l${i}: &l${i} [${Array<string>(9).fill(`*l${i - 1}`).join(', ')}]`);
      return Buffer.from(`${text.trimEnd()}\n---\napiVersion: updops/v1\nkind: Group\nmetadata: {name: bomb}\nspec:\n${levels.join('\n')}\n`);
    },
  },
  {
    name: 'alias-many',
    expect: 'error',
    code: 'YAML_LIMIT',
    make: (text) => Buffer.from(`${text.trimEnd()}\n---\nanchor: &v value\nrefs: [${Array(500).fill('*v').join(', ')}]\n`),
  },
  {
    name: 'invalid-utf8',
    expect: 'error',
    code: 'YAML_SYNTAX',
    make: (text, rng) => {
      const bytes = Buffer.from(text);
      const at = rng.int(bytes.length + 1);
      const bad = rng.pick([[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82], [0xc0, 0xaf]]);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]);
    },
  },
  {
    name: 'tab-indent',
    expect: 'any',
    make: (text, rng) => {
      const lines = text.split('\n');
      const indented = lines.map((l, i) => [l, i] as const).filter(([l]) => /^ +\S/.test(l));
      if (indented.length === 0) return Buffer.from(`\t${text}`);
      const [line, at] = rng.pick(indented);
      lines[at] = line.replace(/^ +/, '\t');
      return Buffer.from(lines.join('\n'));
    },
  },
  { name: 'bom', expect: 'any', make: (text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) },
  { name: 'crlf', expect: 'any', make: (text) => Buffer.from(text.replace(/\n/g, '\r\n')) },
  { name: 'bom-crlf-tabs', expect: 'any', make: (text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace(/\n {2}/g, '\r\n\t'))]) },
  {
    name: 'file-10mb',
    expect: 'error',
    code: 'YAML_LIMIT',
    make: (text) => Buffer.concat([Buffer.from(text), Buffer.from(`\n# ${'x'.repeat(78)}\n`.repeat((10 * MB) / 81))]),
  },
  {
    name: 'byte-flips',
    expect: 'any',
    make: (text, rng) => {
      const bytes = Buffer.from(text);
      for (let n = 1 + rng.int(8); n > 0 && bytes.length > 0; n--) {
        const at = rng.int(bytes.length);
        bytes[at] = (bytes[at] ?? 0) ^ (1 << rng.int(8));
      }
      return bytes;
    },
  },
  { name: 'truncate', expect: 'any', make: (text, rng) => Buffer.from(text).subarray(0, rng.int(Buffer.byteLength(text))) },
  {
    name: 'yaml-punctuation',
    expect: 'any',
    make: (text, rng) => {
      const bytes = Buffer.from(text);
      const at = rng.int(bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(rng.pick(['{', '[', ']', ':', '&', '*', '!', '!!binary ', '%YAML 1.1\n', '|', '>', '"', "'", '? ', '- ', '<<: *x', '!!js/function ', '#'])), bytes.subarray(at)]);
    },
  },
  { name: 'too-many-documents', expect: 'error', code: 'YAML_LIMIT', make: (text) => Buffer.from(`${text.trimEnd()}\n${'---\n{}\n'.repeat(10_001)}`) },
  { name: 'duplicate-document', expect: 'error', make: (text) => Buffer.from(`${text.trimEnd()}\n---\n${text}`) },
  { name: 'empty-file', expect: 'any', make: () => Buffer.alloc(0) },
  { name: 'delete-file', expect: 'any', make: () => null },
  { name: 'binary-garbage', expect: 'any', make: (_text, rng) => Buffer.from(Array.from({ length: 1 + rng.int(4096) }, () => rng.int(256))) },
];

export function mutate(text: string, rng: Rng): Mutation {
  const m = rng.pick(MUTATIONS);
  return { name: m.name, bytes: m.make(text, rng), expect: m.expect, ...(m.code ? { code: m.code } : {}) };
}
