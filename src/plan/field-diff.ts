/**
 * Field-level differences between two normalized specs (docs/design.md 2: "update (field-level diff;
 * multi-line values as unified diffs)"). Lists of named items (DPs, devices) are matched by name,
 * so inserting one device does not show every later device as changed.
 */
import { createPatch } from 'diff';
import { stableStringify } from '../state/index.js';
import type { FieldChange } from './types.js';

const SENSITIVE_SEGMENTS = new Set(['secretRef']);

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isNamedList(value: Json): value is { name: string }[] {
  return Array.isArray(value) && value.every((v) => isRecord(v) && typeof v.name === 'string');
}

// Recorded specs come back from the store with sorted keys (stableStringify), desired ones in
// normalization order: key order must never count as a change.
function equal(a: Json, b: Json): boolean {
  return stableStringify(a) === stableStringify(b);
}

/** RFC 6901 escaping, so a label key such as `app/tier` stays one segment. */
export function pointerSegment(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function isMultiline(value: Json): value is string {
  return typeof value === 'string' && value.includes('\n');
}

/** True for a path at or under a secret (renderers use it for values nested in a created object). */
export function isSensitivePath(path: string): boolean {
  return path.split('/').some((s) => SENSITIVE_SEGMENTS.has(s));
}

function leaf(path: string, before: Json, after: Json): FieldChange {
  const sensitive = isSensitivePath(path);
  const change: FieldChange = { path };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  if (sensitive) change.sensitive = true;
  else if (isMultiline(before) || isMultiline(after)) {
    change.patch = createPatch(path, typeof before === 'string' ? before : '', typeof after === 'string' ? after : '', '', '', { context: 3 })
      .split('\n')
      .slice(2) // drop the "Index:" and "====" header lines
      .join('\n');
  }
  return change;
}

function walk(path: string, before: Json, after: Json, out: FieldChange[]): void {
  if (equal(before, after)) return;
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) walk(`${path}/${pointerSegment(key)}`, before[key], after[key], out);
    return;
  }
  // An empty list matches too when the other side has names, so a first device shows as `[name]`.
  if (isNamedList(before) && isNamedList(after) && before.length + after.length > 0) {
    const names = [...new Set([...before.map((v) => v.name), ...after.map((v) => v.name)])];
    const found = out.length;
    for (const name of names) {
      walk(`${path}[${name}]`, before.find((v) => v.name === name), after.find((v) => v.name === name), out);
    }
    // Only a change of order is left to report when no item itself changed.
    if (out.length > found) return;
  }
  out.push(leaf(path, before, after));
}

/** Changes from `before` to `after`; `before` undefined means create, `after` undefined delete. */
export function fieldDiff(before: Json, after: Json): FieldChange[] {
  const out: FieldChange[] = [];
  if (before === undefined || after === undefined) {
    // Creates and deletes list every top-level field so the plan shows what is being added or removed.
    const whole = (before ?? after);
    if (isRecord(whole)) {
      for (const key of Object.keys(whole).sort()) out.push(leaf(`/${pointerSegment(key)}`, before === undefined ? undefined : whole[key], after === undefined ? undefined : whole[key]));
      return out;
    }
  }
  walk('', before, after, out);
  return out;
}
