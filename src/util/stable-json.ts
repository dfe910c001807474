/**
 * Stable JSON: object keys sorted at every level, no whitespace, `undefined` members dropped
 * (as JSON.stringify does). Two specs that mean the same thing give the same text, so equal
 * normalized specs compare and hash equal whatever order they were written or stored in
 * (docs/design.md 2: "an omitted default never shows as a change").
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value));
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
