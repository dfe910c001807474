/**
 * Maps a JSON pointer inside a parsed YAML document back to a line and column, so every error
 * can say `FILE:LINE:COL` (docs/style.md 6). Works on the `yaml` package's node ranges.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { SourceLocation } from '../errors.js';

export interface Locator {
  /** Location of the value at `pointer`, or of the nearest existing ancestor when it is missing. */
  locate(pointer: string): SourceLocation;
  /** Location of the key naming `pointer` (for unknown-field errors), falling back to `locate`. */
  locateKey(pointer: string): SourceLocation;
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function joinPointer(base: string, segment: string | number): string {
  return `${base}/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

interface Found {
  node: Node | null;
  key: Node | null;
}

function child(node: Node, segment: string): Found | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key;
      const name = isScalar(key) ? String(key.value) : String(key);
      if (name === segment) return { node: (pair.value as Node | null) ?? null, key: key as Node };
    }
    return undefined;
  }
  if (isSeq(node)) {
    const item = node.items[Number(segment)];
    if (item === undefined) return undefined;
    const value = isPair(item) ? (item.value as Node | null) : (item as Node);
    return { node: value ?? null, key: null };
  }
  return undefined;
}

export function makeLocator(file: string, doc: Document, lineCounter: LineCounter): Locator {
  const at = (offset: number, pointer: string): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col, path: pointer || '/' };
  };
  const docStart = (doc.contents)?.range?.[0] ?? doc.range?.[0] ?? 0;

  const walk = (pointer: string): { offset: number; keyOffset: number | undefined } => {
    let node = doc.contents;
    let offset = node?.range?.[0] ?? docStart;
    let keyOffset: number | undefined;
    for (const segment of pointerSegments(pointer)) {
      if (!node) break;
      const found = child(node, segment);
      if (!found) {
        keyOffset = undefined;
        break;
      }
      keyOffset = found.key?.range?.[0];
      node = found.node;
      offset = node?.range?.[0] ?? keyOffset ?? offset;
    }
    return { offset, keyOffset };
  };

  return {
    locate: (pointer) => at(walk(pointer).offset, pointer),
    locateKey: (pointer) => {
      const { offset, keyOffset } = walk(pointer);
      return at(keyOffset ?? offset, pointer);
    },
  };
}
