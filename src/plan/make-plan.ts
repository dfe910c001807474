/**
 * `makePlan(desired, actual, now) → Plan` (docs/style.md 3, docs/design.md 2). Pure: every input is data,
 * the clock is a parameter, and the output depends on nothing else, so a plan can be shown on a
 * pull request, saved, and applied later exactly as shown.
 */
import type { StoredObject } from '../state/index.js';
import { compareKeys } from './desired.js';
import { fieldDiff } from './field-diff.js';
import type { RepositoryStatus } from './observation.js';
import { rolloutView, type RolloutInputs } from './rollout.js';
import { removedSchedules, taskSchedules, type DelayInputs } from './schedules.js';
import { PLAN_FORMAT_VERSION, type DesiredObject, type ObjectChange, type ObjectKind, type ManualStartAction, type Plan, type PlanWarning, type SyncAction } from './types.js';

export interface PlanInput {
  desired: DesiredObject[];
  recorded: StoredObject[];
  state: { lineage: string; serial: number };
  commit: string | null;
  dirty: boolean;
  prune: boolean;
  now: Date;
  timeZone: string;
  repositories: RepositoryStatus[];
  warnings: PlanWarning[];
  /** `plan --devices`: per-target randomized-delay offsets in `schedules`. */
  delays?: DelayInputs;
  /** Rings and link caps from the config (rollout.ts); absent: the rollout view lists only links, uncapped. */
  rollout?: RolloutInputs;
}

const key = (o: { kind: string; name: string }): string => `${o.kind}\u0000${o.name}`;

function objectChanges(desired: DesiredObject[], recorded: StoredObject[], prune: boolean): Pick<Plan, 'changes' | 'unchanged' | 'orphans'> {
  const before = new Map(recorded.map((o) => [key(o), o]));
  const wanted = new Set(desired.map(key));
  const changes: ObjectChange[] = [];
  let unchanged = 0;
  for (const object of desired) {
    const previous = before.get(key(object));
    if (!previous) {
      changes.push({ action: 'create', kind: object.kind, name: object.name, diff: fieldDiff(undefined, object.spec) });
      continue;
    }
    const diff = fieldDiff(previous.spec, object.spec);
    if (diff.length === 0) unchanged++;
    else changes.push({ action: 'update', kind: object.kind, name: object.name, diff });
  }
  // Only objects updops itself recorded can be deleted, and only when pruning (docs/design.md 2).
  const gone = recorded.filter((o) => !wanted.has(key(o))).sort(compareKeys);
  const orphans = prune ? [] : gone.map((o) => ({ kind: o.kind as ObjectKind, name: o.name }));
  if (prune) for (const o of gone) changes.push({ action: 'delete', kind: o.kind as ObjectKind, name: o.name, diff: fieldDiff(o.spec, undefined) });
  return { changes, unchanged, orphans };
}

function syncAction(status: RepositoryStatus): SyncAction | undefined {
  const base = { action: 'sync' as const, dp: status.dp, task: status.task, repository: status.repository, sources: status.sources };
  if (status.version === undefined) return { ...base, reason: 'empty', detail: 'repository is empty' };
  const broken = status.missing.length + status.corrupt.length;
  if (broken > 0) {
    const parts = [status.missing.length ? `${status.missing.length} missing` : '', status.corrupt.length ? `${status.corrupt.length} corrupt` : ''].filter(Boolean);
    return { ...base, reason: 'drifted', detail: `${parts.join(', ')} file${broken === 1 ? '' : 's'} (e.g. ${[...status.missing, ...status.corrupt][0]})` };
  }
  const probe = status.probe;
  if (probe?.fingerprint !== undefined && probe.fingerprint !== status.fingerprint) {
    const versions = probe.version !== undefined ? `v${status.version} → v${probe.version}` : 'a newer version';
    return { ...base, reason: 'stale', detail: `${probe.name} has ${versions}` };
  }
  return undefined;
}

/** One action per manual task with DPs to sync, naming the command that starts it. */
function manualStartActions(repositories: RepositoryStatus[]): ManualStartAction[] {
  const byTask = new Map<string, ManualStartAction>();
  for (const status of repositories) {
    const sync = syncAction(status);
    if (!sync) continue;
    const action = byTask.get(status.task) ?? { action: 'manualStart' as const, task: status.task, dps: [], command: `updops run ${JSON.stringify(status.task)}` };
    action.dps.push({ dp: sync.dp, reason: sync.reason, detail: sync.detail });
    byTask.set(status.task, action);
  }
  return [...byTask.values()];
}

function repositoryWarnings(repositories: RepositoryStatus[]): PlanWarning[] {
  const seen = new Set<string>();
  const warnings: PlanWarning[] = [];
  for (const status of repositories) {
    for (const probe of status.unreachable) {
      if (seen.has(probe.name)) continue;
      seen.add(probe.name);
      const unreachable = !probe.code || probe.code === 'SOURCE_UNREACHABLE' || probe.code === 'DOWNLOAD_TIMEOUT';
      const message = `update source "${probe.name}" ${unreachable ? 'is unreachable' : 'cannot be used'}: ${probe.error ?? 'no answer'}`;
      warnings.push({ code: probe.code ?? 'SOURCE_UNREACHABLE', message, ...(probe.fix ? { fix: probe.fix } : {}) });
    }
  }
  return warnings;
}

export function makePlan(input: PlanInput): Plan {
  const { changes, unchanged, orphans } = objectChanges(input.desired, input.recorded, input.prune);
  const { schedules, actions: scheduleActions } = taskSchedules(input);
  const deletedTasks = changes.filter((c) => c.action === 'delete' && c.kind === 'Task').map((c) => c.name);
  // A scheduled task's stale DP waits for its schedule (seed 001: the schedule says when downloads happen); apply repairs only empty and drifted ones.
  const syncs = input.repositories.filter((r) => !r.manual).map(syncAction).filter((a): a is SyncAction => a !== undefined && a.reason !== 'stale');
  const manualStarts = manualStartActions(input.repositories.filter((r) => r.manual));
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    commit: input.commit,
    dirty: input.dirty,
    createdAt: input.now.toISOString(),
    state: input.state,
    prune: input.prune,
    changes,
    unchanged,
    orphans,
    actions: [...syncs, ...manualStarts, ...scheduleActions, ...removedSchedules(deletedTasks, input.recorded)],
    warnings: [...input.warnings, ...repositoryWarnings(input.repositories)],
    schedules,
    rollout: rolloutView(input.rollout, input.repositories, input.now),
  };
}

/**
 * A plan changes something when it writes an object or apply runs an action (for
 * `--detailed-exitcode`). A manual task's empty DPs are reported, not counted: apply will not
 * change them, so counting them would keep the plan from ever converging.
 */
export function planHasChanges(plan: Plan): boolean {
  return plan.changes.length > 0 || plan.actions.some((a) => a.action === 'sync');
}
