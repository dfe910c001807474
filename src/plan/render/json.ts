/**
 * The plan for machines (docs/design.md 2, "Outputs"): versioned JSON, described by schemas/plan.json.
 * The keys a reader looks at first come first; secrets are `(sensitive)` like everywhere else.
 */
import type { ObjectChange, Plan } from '../types.js';
import { redactChange } from './redact.js';

function orderedChange(change: ObjectChange): ObjectChange {
  return { action: change.action, kind: change.kind, name: change.name, diff: change.diff.map(redactChange) };
}

/** `JSON.stringify(plan, null, 2)` with a fixed key order, ending with one newline. */
export function renderPlanJson(plan: Plan): string {
  const { formatVersion, commit, changes, actions, warnings, dirty, createdAt, state, prune, unchanged, orphans, schedules, ...later } = plan;
  const ordered = { formatVersion, commit, changes: changes.map(orderedChange), actions, warnings, dirty, createdAt, state, prune, unchanged, orphans, schedules, ...later };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
