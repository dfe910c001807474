/** The one-line summary shared by the text and Markdown renderers (Terraform's "Plan: …" line). */
import { planHasChanges } from '../make-plan.js';
import type { Plan } from '../types.js';

export const NO_CHANGES = 'No changes. Your configuration matches the recorded state.';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function syncCount(plan: Plan): number {
  return plan.actions.filter((a) => a.action === 'sync').length;
}

export function summaryLine(plan: Plan): string {
  if (!planHasChanges(plan)) return NO_CHANGES;
  const count = (action: string): number => plan.changes.filter((c) => c.action === action).length;
  return `Plan: ${count('create')} to create, ${count('update')} to update, ${count('delete')} to delete, ${plan.unchanged} unchanged; ${plural(syncCount(plan), 'repository', 'repositories')} to sync.`;
}

/** `Plan for commit abc1234` / `Plan for directory (uncommitted)`. */
export function headerLine(plan: Plan): string {
  if (plan.commit === null) return 'Plan for directory (uncommitted)';
  return `Plan for commit ${plan.commit.slice(0, 7)}${plan.dirty ? ' (with uncommitted changes)' : ''}`;
}

export function orphansNote(plan: Plan): string | undefined {
  const n = plan.orphans.length;
  if (plan.prune || n === 0) return undefined;
  return n === 1
    ? '1 object recorded but no longer in the config is kept; run with --prune to delete it'
    : `${n} objects recorded but no longer in the config are kept; run with --prune to delete them`;
}
