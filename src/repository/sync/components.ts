/**
 * The optional component filter (docs/design.md 1: the Update task takes only `databases` or
 * `modules`; the download task's `components` setting). A target belongs to the component
 * named by its path's first segment (docs/repository-format.md: `<component>/<application>/<file>`)
 * or its `custom.component`; a diff file belongs to the component of the target it rebuilds.
 * Filtered-out targets are neither downloaded nor kept; the metadata is still copied whole.
 */
import type { SelectableTarget } from './selection.js';
import { selectTargets } from './selection.js';

export { componentOf } from './selection.js';

/** The components half of the selection (selection.ts): diff files stay, fetching decides on them. */
export function filterComponents<T extends SelectableTarget>(targets: Map<string, T>, components: readonly string[] | undefined): Map<string, T> {
  return components ? selectTargets(targets, { diffs: true, components }) : targets;
}
