/**
 * Secrets are always shown as `(sensitive)` (docs/design.md 2). The planner only ever holds secret
 * *references*, but even those stay out of every output: a reference names where the secret
 * lives, which is more than a PR comment needs to show.
 */
import { isSensitivePath, pointerSegment } from '../field-diff.js';
import type { FieldChange } from '../types.js';

export const SENSITIVE = '(sensitive)';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A copy of `value` (found at `path`) with everything under a secret replaced by `(sensitive)`. */
export function redactValue(value: unknown, path = ''): unknown {
  if (value === undefined) return undefined;
  if (isSensitivePath(path)) return SENSITIVE;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, path));
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, redactValue(member, `${path}/${pointerSegment(key)}`)]));
}

/** The change as it may be shown: sensitive values replaced, nested secrets (in a created object) too. */
export function redactChange(change: FieldChange): FieldChange {
  const hidden = change.sensitive === true;
  const shown: FieldChange = { path: change.path };
  if ('before' in change) shown.before = hidden ? SENSITIVE : redactValue(change.before, change.path);
  if ('after' in change) shown.after = hidden ? SENSITIVE : redactValue(change.after, change.path);
  if (change.patch !== undefined && !hidden) shown.patch = change.patch;
  if (hidden) shown.sensitive = true;
  return shown;
}
