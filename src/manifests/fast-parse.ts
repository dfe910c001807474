/**
 * The fast path for valid-looking files. The `yaml` package keeps every node's position, which
 * errors need, but building that tree is most of the time of validating a large config; js-yaml
 * reads the same YAML 1.2 core schema about 2.5× faster without positions. So a file is read
 * with js-yaml first, and the careful parser (parse.ts) runs only when a position is needed:
 * for any YAML error, for anchors, aliases or tags (alias limits live there), and lazily when
 * a later check reports a problem in the file.
 */
import jsyaml from 'js-yaml';
import { MANIFEST_LIMITS } from './limits.js';
import type { ParsedDocument, ParsedFile } from './parse.js';
import type { Locator } from './positions.js';

/**
 * Anchors (`&a`), aliases (`*a`) and tags (`!t`) go to the careful parser, which limits aliases.
 * They start a node, so they follow a line start, a space, `[`, `{` or `,`; a `*` inside a
 * cron expression ("0 18 * * 5") is followed by a space and stays on the fast path.
 */
const NEEDS_CAREFUL_PARSER = /(?:^|[\s[{,])[&*!][^\s\]},]/m;

function deeperThan(value: unknown, limit: number, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth >= limit) return true;
  for (const child of Array.isArray(value) ? value : Object.values(value)) if (deeperThan(child, limit, depth + 1)) return true;
  return false;
}

/** Positions from the careful parser, computed on first use; the nth document of both parsers is the same document. */
function lazyLocator(file: string, nth: number, careful: () => ParsedFile): Locator {
  let real: Locator | undefined;
  const resolve = (): Locator => {
    if (!real) {
      const fallback = (path: string): { file: string; line: number; col: number; path: string } => ({ file, line: 1, col: 1, path: path || '/' });
      real = careful().documents[nth]?.locator ?? { locate: fallback, locateKey: fallback };
    }
    return real;
  };
  return { locate: (pointer) => resolve().locate(pointer), locateKey: (pointer) => resolve().locateKey(pointer) };
}

/**
 * The documents of `text` read with js-yaml, or undefined when the careful parser must read the
 * file (any error, anchors/aliases/tags, too many documents, too deep).
 */
export function fastDocuments(file: string, text: string, careful: () => ParsedFile): ParsedDocument[] | undefined {
  if (NEEDS_CAREFUL_PARSER.test(text)) return undefined;
  const values: unknown[] = [];
  try {
    jsyaml.loadAll(text, (doc) => values.push(doc), { schema: jsyaml.CORE_SCHEMA, json: false });
  } catch {
    return undefined;
  }
  if (values.length > MANIFEST_LIMITS.maxDocumentsPerFile) return undefined;
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.some((v) => deeperThan(v, MANIFEST_LIMITS.maxDepth))) return undefined;
  return present.map((value, nth) => ({ file, index: nth, value, locator: lazyLocator(file, nth, careful) }));
}
