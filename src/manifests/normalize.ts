/**
 * Normalization (docs/design.md 2): a pure function from a valid manifest to its canonical form, so
 * the same configuration written tersely or spelled out in full compares equal, and an omitted
 * default never shows up as a change in a plan. Defaults come from the schemas; this adds only
 * canonical spellings (times as HH:MM:SS, unordered sets sorted, empty maps dropped).
 */
import type { Manifest } from './types.generated.js';
import { KIND_SCHEMA_FILES } from './schemas.js';
import { applySchemaDefaults } from './schema-defaults.js';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEKS: (number | string)[] = [1, 2, 3, 4, 'last'];
const OUTBREAK_TYPES = ['workstationsAndFileServers', 'perimeter', 'mail'];

function sortBy<T>(values: T[], order: readonly T[]): T[] {
  return [...new Set(values)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

function canonicalTime(time: string): string {
  return time.length === 5 ? `${time}:00` : time;
}

/** Sets are sorted, times get seconds; everything else is kept as written. */
function canonicalize(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonicalize(v));
    if (key === 'days') return sortBy(items, WEEKDAYS);
    if (key === 'weeks') return sortBy(items, WEEKS);
    if (key === 'applicationTypes') return sortBy(items, OUTBREAK_TYPES);
    if (key === 'devices' && items.every((v) => typeof v === 'string')) return [...new Set(items)].sort();
    if (key === 'components') return [...new Set(items as string[])].sort();
    return items;
  }
  if (value === null || typeof value !== 'object') {
    return key === 'time' && typeof value === 'string' ? canonicalTime(value) : value;
  }
  const result: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if ((k === 'labels' || k === 'annotations') && v !== null && typeof v === 'object' && Object.keys(v).length === 0) continue;
    result[k] = canonicalize(v, k);
  }
  return result;
}

export function normalizeManifest<M extends Manifest>(manifest: M): M {
  return canonicalize(applySchemaDefaults(manifest, KIND_SCHEMA_FILES[manifest.kind])) as M;
}

export { stableStringify } from '../util/index.js';
