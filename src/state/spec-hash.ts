import { createHash } from 'node:crypto';

/**
 * Stable JSON: object keys sorted at every level, no whitespace, `undefined` members dropped
 * (as JSON.stringify does). Two specs that mean the same thing give the same text, so the
 * recorded hash only changes when the normalized spec really changes (DESIGN.md 2: "an omitted
 * default never shows as a change").
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** sha256 (hex) of the stable JSON of a normalized spec — the `specHash` recorded per object. */
export function specHash(spec: unknown): string {
  return createHash('sha256').update(stableStringify(spec)).digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : sortKeys(item)));
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return sortKeys((value as { toJSON: () => unknown }).toJSON());
  }
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) sorted[key] = sortKeys(member);
  }
  return sorted;
}
