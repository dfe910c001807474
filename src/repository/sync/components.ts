/**
 * The optional component filter (docs/design.md 1: the Update task takes only `databases` or
 * `modules`; the download task's `components` setting). A target belongs to the component
 * named by its path's first segment (docs/repository-format.md: `<component>/<application>/<file>`)
 * or its `custom.component`; a diff file belongs to the component of the target it rebuilds.
 * Filtered-out targets are neither downloaded nor kept; the metadata is still copied whole.
 */
import type { TargetEntry } from './dest-state.js';

export function componentOf(name: string, entry: TargetEntry): string {
  const delta = entry.custom.delta as { target?: unknown } | undefined;
  const subject = typeof delta?.target === 'string' ? delta.target : name;
  if (subject === name && typeof entry.custom.component === 'string') return entry.custom.component;
  return subject.split('/')[0] ?? '';
}

export function filterComponents(targets: Map<string, TargetEntry>, components: readonly string[] | undefined): Map<string, TargetEntry> {
  if (!components) return targets;
  return new Map([...targets].filter(([name, entry]) => components.includes(componentOf(name, entry))));
}

/** Old scheme: only the path says the component. */
export function pathInComponents(name: string, components: readonly string[] | undefined): boolean {
  return !components || components.includes(name.split('/')[0] ?? '');
}
