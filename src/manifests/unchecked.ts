/**
 * Names declared by documents that failed their schema. Such a document is already an error; if
 * the cross-reference rules also treated its names as undefined, one typo in a Group would add an
 * "unknown group/device" error to every task that uses it. The rules skip references to these.
 */
import type { ManifestKind } from './schemas.js';
import { VENDOR_SOURCE } from './source-refs.js';

export interface UncheckedNames {
  groups: Set<string>;
  sources: Set<string>;
  tasks: Set<string>;
  /** Names of DPs and devices listed in unchecked groups. */
  members: Set<string>;
}

export interface RejectedDocument {
  kind: ManifestKind;
  value: Record<string, unknown>;
}

export function emptyUncheckedNames(): UncheckedNames {
  return { groups: new Set(), sources: new Set(), tasks: new Set(), members: new Set() };
}

const asRecord = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** Best effort: whatever names the rejected document spells out as strings. */
function memberNames(spec: Record<string, unknown> | undefined): string[] {
  const lists = [spec?.distributionPoints, spec?.devices].filter(Array.isArray) as unknown[][];
  return lists.flat().flatMap((item) => {
    const name = asRecord(item)?.name;
    return typeof name === 'string' ? [name] : [];
  });
}

export function collectUncheckedNames(rejected: readonly RejectedDocument[]): UncheckedNames {
  const names = emptyUncheckedNames();
  for (const { kind, value } of rejected) {
    const name = asRecord(value.metadata)?.name;
    const spec = asRecord(value.spec);
    if (kind === 'Group') memberNames(spec).forEach((m) => names.members.add(m));
    if (typeof name !== 'string') continue;
    if (kind === 'Group') names.groups.add(name);
    if (kind === 'Task') names.tasks.add(name);
    if (kind === 'UpdateSource') {
      names.sources.add(name);
      // It might be the source the default `vendor` reference resolves to.
      if (spec?.type === VENDOR_SOURCE) names.sources.add(VENDOR_SOURCE);
    }
  }
  return names;
}
