/**
 * Which of a repository's targets a destination should hold (docs/design.md 1, the download
 * task's `downloadDiffFiles` and `components`): every full file of the wanted components, and
 * their diff files only when diffs are wanted. One rule, read by the sync (what to fetch, when
 * a sync is a no-op) and by the inspection of a DP folder (what is missing or corrupt), so a DP
 * a sync has just completed is never drift.
 */
export interface TargetSelection {
  /** Diff files too (`downloadDiffFiles`). */
  diffs: boolean;
  /** Only these components; absent: all. */
  components?: readonly string[] | undefined;
}

/** What a target carries that the rule reads; old-scheme files carry nothing (`{}`): only their path says the component. */
export interface SelectableTarget {
  custom: Record<string, unknown>;
}

export function isDelta(entry: SelectableTarget): boolean {
  return typeof entry.custom.delta === 'object' && entry.custom.delta !== null;
}

/**
 * The component named by the path's first segment (docs/repository-format.md:
 * `<component>/<application>/<file>`) or `custom.component`; a diff file belongs to the
 * component of the target it rebuilds.
 */
export function componentOf(name: string, entry: SelectableTarget): string {
  const delta = entry.custom.delta as { target?: unknown } | undefined;
  const subject = typeof delta?.target === 'string' ? delta.target : name;
  if (subject === name && typeof entry.custom.component === 'string') return entry.custom.component;
  return subject.split('/')[0] ?? '';
}

export function isSelected(name: string, entry: SelectableTarget, selection: TargetSelection): boolean {
  if (!selection.diffs && isDelta(entry)) return false;
  return !selection.components || selection.components.includes(componentOf(name, entry));
}

export function selectTargets<T extends SelectableTarget>(targets: ReadonlyMap<string, T>, selection: TargetSelection): Map<string, T> {
  return new Map([...targets].filter(([name, entry]) => isSelected(name, entry, selection)));
}
