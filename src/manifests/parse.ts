/**
 * Reads one manifest file into YAML documents with positions. Bad bytes, YAML syntax errors,
 * duplicate keys and resource-exhaustion tricks become problems with `FILE:LINE:COL`; nothing throws.
 */
import { isCollection, isPair, LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Problem } from '../errors.js';
import { MANIFEST_LIMITS } from './limits.js';
import { makeLocator, type Locator } from './positions.js';
import { fastDocuments } from './fast-parse.js';

export interface ParsedDocument {
  file: string;
  /** 0-based index of the document among its file's non-empty documents. */
  index: number;
  value: unknown;
  locator: Locator;
}

export interface ParsedFile {
  documents: ParsedDocument[];
  problems: Problem[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Byte offset where the first invalid UTF-8 sequence starts. `fatal` decoding says only that the
 * text is bad, and a truncated sequence is reported at the byte after its lead byte, so walk the
 * sequences ourselves: the error must point at the lead byte (0xC3 in `C3 28`).
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const [length, min, max] = lead < 0x80 ? [1, 0, 0] : lead >= 0xc2 && lead <= 0xdf ? [2, 0x80, 0xbf]
      : lead === 0xe0 ? [3, 0xa0, 0xbf] : lead === 0xed ? [3, 0x80, 0x9f] : lead >= 0xe1 && lead <= 0xef ? [3, 0x80, 0xbf]
      : lead === 0xf0 ? [4, 0x90, 0xbf] : lead === 0xf4 ? [4, 0x80, 0x8f] : lead >= 0xf1 && lead <= 0xf3 ? [4, 0x80, 0xbf] : [0, 0, 0];
    if (length === 0) return i;
    // The second byte has the tighter range (no overlongs, surrogates or > U+10FFFF); the rest are plain continuations.
    for (let k = 1; k < length; k++) {
      const b = bytes[i + k];
      const [lo, hi] = k === 1 ? [min, max] : [0x80, 0xbf];
      if (b === undefined || b < lo || b > hi) return i;
    }
    i += length;
  }
  return bytes.length;
}

/** Line and column of a byte offset, the column counted in characters like every other error's. */
function lineColOfByte(bytes: Uint8Array, byteOffset: number): { line: number; col: number } {
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < byteOffset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // The prefix is valid UTF-8 (it ends before the first bad sequence); drop a BOM on line 1 as the YAML reader does.
  const text = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, byteOffset));
  return { line, col: text.length + 1 };
}

function decode(file: string, bytes: Uint8Array): { text?: string; problem?: Problem } {
  if (bytes.length > MANIFEST_LIMITS.maxFileBytes) {
    const limit = `${MANIFEST_LIMITS.maxFileBytes / 1024 / 1024} MiB`;
    return { problem: { code: 'YAML_LIMIT', message: `file is ${bytes.length} bytes; manifest files are limited to ${limit}`, location: { file, line: 1, col: 1 } } };
  }
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    const { line, col } = lineColOfByte(bytes, firstInvalidUtf8(bytes));
    return { problem: { code: 'YAML_SYNTAX', message: 'file is not valid UTF-8 text', location: { file, line, col } } };
  }
}

const NESTING_MESSAGE = `nesting deeper than ${MANIFEST_LIMITS.maxDepth} levels`;

function depthOf(node: unknown, depth = 0): number {
  if (depth > MANIFEST_LIMITS.maxDepth) return depth;
  if (isPair(node)) return Math.max(depthOf(node.key, depth), depthOf(node.value, depth));
  if (!isCollection(node)) return depth;
  let max = depth + 1;
  for (const item of node.items) max = Math.max(max, depthOf(item, depth + 1));
  return max;
}

function documentProblems(file: string, doc: Document, lineCounter: LineCounter): Problem[] {
  // Deeply nested collections (`[[[[…`) exhaust the yaml composer's stack at a depth that
  // depends on how much stack the caller left, so the level it fails at is not a place to
  // report. It is the nesting limit: one YAML_LIMIT where toValue reports the same limit, at
  // the document's start, whatever the stack.
  if (doc.errors.some((error) => error.code === 'RESOURCE_EXHAUSTION')) {
    return [{ code: 'YAML_LIMIT', message: NESTING_MESSAGE, location: makeLocator(file, doc, lineCounter).locate('') }];
  }
  return doc.errors.map((error) => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    const code = error.code === 'DUPLICATE_KEY' ? 'DUPLICATE_KEY' : 'YAML_SYNTAX';
    const message = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML';
    return { code, message, location: { file, line, col } } satisfies Problem;
  });
}

function toValue(file: string, doc: Document, locator: Locator): { value?: unknown; problem?: Problem } {
  if (depthOf(doc.contents) > MANIFEST_LIMITS.maxDepth) {
    return { problem: { code: 'YAML_LIMIT', message: NESTING_MESSAGE, location: locator.locate('') } };
  }
  try {
    return { value: doc.toJS({ maxAliasCount: MANIFEST_LIMITS.maxAliasCount }) };
  } catch (error) {
    const message = error instanceof ReferenceError
      ? `too many alias references (more than ${MANIFEST_LIMITS.maxAliasCount}); alias bombs are refused`
      : `cannot read document: ${(error as Error).message}`;
    return { problem: { code: 'YAML_LIMIT', message, location: locator.locate('') } };
  }
}

/** Reads a file's documents without positions, or answers undefined to leave it to the careful parser. */
export type FastReader = (file: string, text: string, careful: () => ParsedFile) => ParsedDocument[] | undefined;

export interface ParseOptions {
  /** The fast path (default: js-yaml, fast-parse.ts); false: the careful parser reads every file, as the parity test's reference. */
  fast?: FastReader | false;
}

export function parseManifestFile(file: string, bytes: Uint8Array, options: ParseOptions = {}): ParsedFile {
  const decoded = decode(file, bytes);
  if (decoded.problem || decoded.text === undefined) return { documents: [], problems: decoded.problem ? [decoded.problem] : [] };
  const text = decoded.text;
  let careful: ParsedFile | undefined;
  const carefully = (): ParsedFile => (careful ??= parseCarefully(file, text));
  const fast = options.fast === false ? undefined : (options.fast ?? fastDocuments)(file, text, carefully);
  return fast ? { documents: fast, problems: [] } : carefully();
}

/** The `yaml` package with every node's position: for errors, and for files the fast path leaves. */
export function parseCarefully(file: string, text: string): ParsedFile {
  const decoded = { text };
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(decoded.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const all = Array.isArray(docs) ? docs : [];
  const problems: Problem[] = [];
  const documents: ParsedDocument[] = [];
  if (all.length > MANIFEST_LIMITS.maxDocumentsPerFile) {
    return { documents, problems: [{ code: 'YAML_LIMIT', message: `more than ${MANIFEST_LIMITS.maxDocumentsPerFile} documents in one file`, location: { file, line: 1, col: 1 } }] };
  }
  // Numbered as fast-parse.ts numbers them: empty documents (a trailing `---`, a lone `~`) are
  // neither manifests nor problems, and are not counted.
  let index = 0;
  for (const doc of all) {
    const errors = documentProblems(file, doc, lineCounter);
    if (errors.length > 0) {
      problems.push(...errors);
      index++;
      continue;
    }
    const locator = makeLocator(file, doc, lineCounter);
    const { value, problem } = toValue(file, doc, locator);
    if (problem) {
      problems.push(problem);
      index++;
    } else if (value !== null && value !== undefined) {
      documents.push({ file, index: index++, value, locator });
    }
  }
  return { documents, problems };
}
