/**
 * Which Notifications an event goes to (pure): its type is one the notification names (commit
 * statuses: the reconcile events), it is severe enough, and it passes the task and group filters.
 */
import { ancestorsOf, type ConfigModel, type NotificationSpec } from '../manifests/index.js';
import { atLeast, type EventFacts, type NotifiableType } from './events.js';

export const COMMIT_STATUS_PROVIDERS = ['github', 'gitlab', 'gitea'] as const;
const RECONCILE_EVENTS: readonly NotifiableType[] = ['ReconcileApplied', 'ReconcileFailed'];

export function isCommitStatus(spec: NotificationSpec): boolean {
  return (COMMIT_STATUS_PROVIDERS as readonly string[]).includes(spec.provider.type);
}

export function eventsOf(spec: NotificationSpec): readonly NotifiableType[] {
  return spec.events ?? (isCommitStatus(spec) ? RECONCILE_EVENTS : []);
}

/** The group of a DP or device and that group's ancestors: a filter on a group covers its subgroups. */
function groupsOf(model: ConfigModel, target: string): string[] {
  const group = (model.devices.get(target) ?? model.distributionPoints.get(target))?.group;
  return group === undefined ? [] : [group, ...ancestorsOf(model, group)];
}

export function routes(spec: NotificationSpec, facts: EventFacts, model: ConfigModel): boolean {
  if (!eventsOf(spec).includes(facts.type)) return false;
  // Commit statuses follow every reconcile of the commit, whatever the severity filter says.
  if (!isCommitStatus(spec) && !atLeast(facts.severity, spec.severity ?? 'info')) return false;
  if (spec.tasks?.length && facts.task !== undefined && !spec.tasks.includes(facts.task)) return false;
  if (spec.groups?.length && facts.targets.length > 0) {
    const wanted = new Set(spec.groups);
    if (!facts.targets.some((t) => groupsOf(model, t).some((g) => wanted.has(g)))) return false;
  }
  return true;
}
