/**
 * The fast path for valid-looking files. The `yaml` package keeps every node's position, which
 * errors need, but building that tree is most of the time of validating a large config; js-yaml
 * reads YAML about 2.5× faster without positions. So a file is read with js-yaml first, and the
 * careful parser (parse.ts) runs only when a position is needed: for any YAML error, for
 * constructs where the two readers are known to differ, and lazily when a later check reports
 * a problem in the file.
 *
 * The two must give the user the same result (test/manifests/parse-parity.test.ts): the same
 * documents with the same values, and the same problems at the same FILE:LINE:COL. Scalars are
 * resolved with a copy of the `yaml` package's YAML 1.2 core schema (`yes`, `0b1`, `1_000` and
 * `2027-06-30` stay strings, `+.5` is a number); everything js-yaml reads differently or
 * accepts where `yaml` reports an error goes to the careful parser (see `needsCarefulParser`).
 */
import jsyaml from 'js-yaml';
import { MANIFEST_LIMITS } from './limits.js';
import type { ParsedDocument, ParsedFile } from './parse.js';
import type { Locator } from './positions.js';

/**
 * The `yaml` package's core-schema tests and conversions (yaml/dist/schema/core), in js-yaml's
 * terms. js-yaml tries each type on every plain scalar, so the cheap checks come first: most
 * scalars are names, and a number starts with a digit, a sign or a dot.
 */
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const BOOLS = new Map([['true', true], ['True', true], ['TRUE', true], ['false', false], ['False', false], ['FALSE', false]]);
const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;
const mayBeNumber = (s: string): boolean => {
  const c = s.charCodeAt(0);
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e; // 0-9 + - .
};
const CORE_SCALARS = [
  new jsyaml.Type('tag:yaml.org,2002:null', { kind: 'scalar', resolve: (s: string) => NULLS.has(s), construct: () => null }),
  new jsyaml.Type('tag:yaml.org,2002:bool', { kind: 'scalar', resolve: (s: string) => BOOLS.has(s), construct: (s: string) => BOOLS.get(s) }),
  new jsyaml.Type('tag:yaml.org,2002:int', {
    kind: 'scalar',
    resolve: (s: string) => mayBeNumber(s) && INT.test(s),
    construct: (s: string) => (s.startsWith('0o') ? parseInt(s.slice(2), 8) : s.startsWith('0x') ? parseInt(s.slice(2), 16) : parseInt(s, 10)),
  }),
  new jsyaml.Type('tag:yaml.org,2002:float', {
    kind: 'scalar',
    resolve: (s: string) => mayBeNumber(s) && FLOAT.test(s),
    construct: (s: string) => (s.slice(-3).toLowerCase() === 'nan' ? NaN : /inf$/i.test(s) ? (s.startsWith('-') ? -Infinity : Infinity) : parseFloat(s)),
  }),
];
const CORE_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: CORE_SCALARS });

/**
 * Text the careful parser must read, because js-yaml reads it differently or accepts what the
 * `yaml` package reports as an error. Each is rare in a real config, so falling back costs little:
 * - anchors (`&a`), aliases (`*a`) and tags (`!t`, a lone `!`): alias limits live there. They
 *   start a node, so they follow a line start, a space, `[`, `{` or `,`; a `*` inside a cron
 *   expression ("0 18 * * 5") is followed by a space and stays on the fast path;
 * - directives (`%YAML 1.1` switches the `yaml` package to 1.1 scalars, `yes` is true there);
 * - a CR that does not end a CRLF (js-yaml breaks lines there, YAML 1.2 with `yaml` does not);
 * - explicit keys (`? `) and collections as keys (`[a, b]: c`): the readers turn them into
 *   different strings;
 * - content after `---` / `...` on the same line (a block mapping there is an error in `yaml`,
 *   and `---x` is a plain scalar to it, a document start to js-yaml);
 * - a tab in a line's indentation (an error in `yaml`, not always in js-yaml), and a byte order
 *   mark after the start of the file;
 * - a flow collection or quoted scalar over several lines (see `continuesOnNextLine`).
 */
const CAREFUL_CONSTRUCTS = /(?:^|[\s[{,])(?:[&*][^\s\]},]|!)|^%|\r(?!\n)|(?:^|[\s[{,])\?(?:[\s]|$)|[\]}][ \t]*:(?:\s|$)|^(?:---|\.\.\.)(?:[ \t]+[^\s#]|[^\s])|^[ \t]*\t|\ufeff/m;

const [LF, TAB, SPACE, HASH, DQUOTE, SQUOTE, BACKSLASH] = [0x0a, 0x09, 0x20, 0x23, 0x22, 0x27, 0x5c];
const [OPEN_SEQ, CLOSE_SEQ, OPEN_MAP, CLOSE_MAP, COMMA, COLON, CR] = [0x5b, 0x5d, 0x7b, 0x7d, 0x2c, 0x3a, 0x0d];
/** Where a quoted scalar may start: after a space or a flow indicator. */
const quoteMayStartAfter = (c: number): boolean => c === SPACE || c === TAB || c === OPEN_SEQ || c === OPEN_MAP || c === COMMA;
/** What may follow a closing quote; anything else (`"x"# c`) is an error in `yaml` only. */
const separatorAfterQuote = (c: number): boolean => Number.isNaN(c) || c === SPACE || c === TAB || c === LF || c === CR || c === COLON || c === COMMA || c === CLOSE_SEQ || c === CLOSE_MAP;

/**
 * A flow collection or a quoted scalar that goes on past the end of its line: `yaml` checks the
 * indentation of the lines it continues on, js-yaml does not. Conservative: a bracket in a
 * plain scalar counts too, and a quote counts where a quoted scalar could start (line start,
 * after a space or a flow indicator); comments are skipped.
 */
function continuesOnNextLine(text: string): boolean {
  let depth = 0;
  let prev = SPACE; // a line start counts as a space
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) {
      if (depth > 0) return true;
      prev = SPACE;
      continue;
    }
    if (c === OPEN_SEQ || c === OPEN_MAP) depth++;
    else if (c === CLOSE_SEQ || c === CLOSE_MAP) depth--;
    else if (c === HASH && (prev === SPACE || prev === TAB)) {
      const eol = text.indexOf('\n', i);
      if (eol < 0) break;
      i = eol - 1; // the newline is handled next
    } else if ((c === DQUOTE || c === SQUOTE) && quoteMayStartAfter(prev)) {
      const close = closingQuote(text, i);
      if (close < 0 || !separatorAfterQuote(text.charCodeAt(close + 1))) return true;
      i = close;
    }
    prev = text.charCodeAt(i);
  }
  return depth > 0;
}

/** Index of the quote closing the one at `open` on the same line, or -1. */
function closingQuote(text: string, open: number): number {
  const quote = text.charCodeAt(open);
  for (let j = open + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === LF) return -1;
    if (quote === DQUOTE && c === BACKSLASH) j++;
    else if (c === quote) {
      if (quote === SQUOTE && text.charCodeAt(j + 1) === SQUOTE) j++;
      else return j;
    }
  }
  return -1;
}

export function needsCarefulParser(text: string): boolean {
  return CAREFUL_CONSTRUCTS.test(text) || continuesOnNextLine(text);
}

/** `yaml` refuses implicit keys over 1,024 characters; js-yaml turns a null key into "null" where `yaml` makes "". */
const LONG_KEY = 1000;

/** A document that is not a mapping (not a manifest, so an error anyway), too deep, or with a key the two readers would spell differently. */
function unusualDocument(value: unknown): boolean {
  return value === null || typeof value !== 'object' || Array.isArray(value) || unusual(value);
}

function unusual(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth >= MANIFEST_LIMITS.maxDepth) return true;
  if (Array.isArray(value)) return value.some((child) => unusual(child, depth + 1));
  for (const [key, child] of Object.entries(value)) {
    if (key === 'null' || key.length > LONG_KEY || unusual(child, depth + 1)) return true;
  }
  return false;
}

/** Positions from the careful parser, computed on first use; both readers number a file's documents alike. */
function lazyLocator(file: string, index: number, careful: () => ParsedFile): Locator {
  let real: Locator | undefined;
  const resolve = (): Locator => {
    if (!real) {
      const fallback = (path: string): { file: string; line: number; col: number; path: string } => ({ file, line: 1, col: 1, path: path || '/' });
      real = careful().documents.find((doc) => doc.index === index)?.locator ?? { locate: fallback, locateKey: fallback };
    }
    return real;
  };
  return { locate: (pointer) => resolve().locate(pointer), locateKey: (pointer) => resolve().locateKey(pointer) };
}

/**
 * The documents of `text` read with js-yaml, or undefined when the careful parser must read the
 * file (any error, a construct listed above, too many documents, too deep). Empty documents
 * (null, e.g. after a trailing `---`) are left out and not counted, as parse.ts does.
 */
export function fastDocuments(file: string, text: string, careful: () => ParsedFile): ParsedDocument[] | undefined {
  if (needsCarefulParser(text)) return undefined;
  const values: unknown[] = [];
  try {
    jsyaml.loadAll(text, (doc) => values.push(doc), { schema: CORE_SCHEMA, json: false });
  } catch {
    return undefined;
  }
  if (values.length > MANIFEST_LIMITS.maxDocumentsPerFile) return undefined;
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.some(unusualDocument)) return undefined;
  return present.map((value, index) => ({ file, index, value, locator: lazyLocator(file, index, careful) }));
}
