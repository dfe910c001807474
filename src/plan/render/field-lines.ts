/**
 * Field changes as display lines, shared by the text and Markdown renderers. A created or
 * deleted object (or list item) is spread into one line per leaf field, Terraform-style, so a
 * reader sees `+ /spec/parent: "head-office"` rather than one long JSON value.
 */
import { isSensitivePath, pointerSegment } from '../field-diff.js';
import type { FieldChange } from '../types.js';
import { redactValue, SENSITIVE } from './redact.js';

export type Sign = '+' | '-' | '~';

export interface FieldLine {
  sign: Sign;
  path: string;
  /** Display values (already quoted / redacted). */
  before?: string;
  after?: string;
  /** Unified-diff lines for multi-line values, each starting with ` `, `-`, `+` or `@@`. */
  block?: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isNamedList(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every((v) => isRecord(v) && typeof v.name === 'string');
}

function show(value: unknown, path: string, sensitive: boolean): string {
  if (sensitive || isSensitivePath(path)) return SENSITIVE;
  return JSON.stringify(redactValue(value, path)) ?? 'null';
}

function leaves(path: string, value: unknown): { path: string; value: unknown }[] {
  if (isSensitivePath(path)) return [{ path, value }];
  if (isRecord(value) && Object.keys(value).length > 0) {
    return Object.keys(value).sort().flatMap((key) => leaves(`${path}/${pointerSegment(key)}`, value[key]));
  }
  if (isNamedList(value)) return value.flatMap((item) => leaves(`${path}[${String(item.name)}]`, item));
  return [{ path, value }];
}

function isMultiline(value: unknown): value is string {
  return typeof value === 'string' && value.includes('\n');
}

/** The patch without its `---`/`+++` file headers (the path is on the line above) or trailing blank. */
function patchLines(patch: string): string[] {
  return patch.split('\n').filter((line, i) => !(i < 2 && /^(---|\+\+\+) /.test(line)) && line !== '' && !line.startsWith('\\ No newline'));
}

function oneSided(sign: '+' | '-', path: string, value: unknown, sensitive: boolean): FieldLine[] {
  const side = sign === '+' ? 'after' : 'before';
  if (sensitive) return [{ sign, path, [side]: SENSITIVE }];
  return leaves(path, value).map((leaf) => {
    if (!isSensitivePath(leaf.path) && isMultiline(leaf.value)) return { sign, path: leaf.path, block: leaf.value.split('\n').map((line) => `${sign}${line}`) };
    return { sign, path: leaf.path, [side]: show(leaf.value, leaf.path, false) };
  });
}

export function fieldLines(change: FieldChange): FieldLine[] {
  const sensitive = change.sensitive === true;
  const hasBefore = change.before !== undefined;
  const hasAfter = change.after !== undefined;
  if (hasAfter && !hasBefore) return oneSided('+', change.path, change.after, sensitive);
  if (hasBefore && !hasAfter) return oneSided('-', change.path, change.before, sensitive);
  if (change.patch !== undefined && !sensitive) return [{ sign: '~', path: change.path, block: patchLines(change.patch) }];
  return [{ sign: '~', path: change.path, before: show(change.before, change.path, sensitive), after: show(change.after, change.path, sensitive) }];
}
