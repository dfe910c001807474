/**
 * Event triggers (DESIGN.md 1, schedule table; seed 001 "On virus outbreak", "On completing
 * another task", "Immediately"): pure functions from the recorded tasks and an event to the
 * runs to start. The controller starts what they return.
 */
import type { Schedule } from '../manifests/index.js';
import type { Plan } from '../plan/types.js';
import type { RunRecord } from '../state/index.js';
import type { RecordedConfig } from '../state/recorded-config.js';
import type { RunRequest } from './execute.js';
import { scopeMembers, taskTargets } from './targets.js';
import type { OutbreakApplicationType } from '../controller/types.js';

function scheduleOf(config: RecordedConfig, task: string): Schedule | undefined {
  return config.tasks.get(task)?.spec.schedule;
}

/** `success` = the run completed, `failure` = it failed, `any` = either; interrupted and skipped runs trigger nothing. */
function outcomeMatches(outcome: 'success' | 'failure' | 'any', run: RunRecord): boolean {
  if (run.status !== 'completed' && run.status !== 'failed') return false;
  return outcome === 'any' || (outcome === 'success') === (run.status === 'completed');
}

/**
 * After a run of task X finishes: every task chained on X with a matching outcome, on the DPs
 * and devices both tasks' scopes share (seed: "only works if both tasks are assigned to the
 * same devices"). Nothing shared → no run.
 */
export function onTaskCompletion(config: RecordedConfig, finished: RunRecord): RunRequest[] {
  const predecessor = config.tasks.get(finished.task);
  if (!predecessor) return [];
  const predecessorMembers = scopeMembers(config.model, predecessor.spec.scope);
  const requests: RunRequest[] = [];
  for (const [name, task] of config.tasks) {
    const schedule = task.spec.schedule;
    if (schedule?.kind !== 'onTaskCompletion' || schedule.task !== finished.task) continue;
    if (!outcomeMatches(schedule.outcome ?? 'success', finished)) continue;
    const shared = taskTargets(config.model, name, task.spec).filter((t) => predecessorMembers.has(t.name));
    if (shared.length > 0) requests.push({ task: name, trigger: 'chain', devices: shared.map((t) => t.name) });
  }
  return requests;
}

const ALL_TYPES: readonly OutbreakApplicationType[] = ['workstationsAndFileServers', 'perimeter', 'mail'];

/** Every `onOutbreak` task whose application types include `type` (default: all three). */
export function onOutbreak(config: RecordedConfig, type: OutbreakApplicationType): RunRequest[] {
  return [...config.tasks.keys()].flatMap((name) => {
    const schedule = scheduleOf(config, name);
    if (schedule?.kind !== 'onOutbreak') return [];
    const types: readonly string[] = schedule.applicationTypes ?? ALL_TYPES;
    return types.includes(type) ? [{ task: name, trigger: 'outbreak' }] : [];
  });
}

/** `immediately` tasks the apply created or changed start once, right after it (trigger `apply`). */
export function onApply(config: RecordedConfig, plan: Plan): RunRequest[] {
  const touched = new Set(plan.changes.filter((c) => c.kind === 'Task' && c.action !== 'delete').map((c) => c.name));
  return [...touched].filter((name) => scheduleOf(config, name)?.kind === 'immediately').sort().map((task) => ({ task, trigger: 'apply' }));
}

/** Kinds whose runMissed also covers DPs that join the scope later (seed: Manually, Once, Immediately). */
export const ONE_SHOT_KINDS: ReadonlySet<string> = new Set(['manual', 'once', 'immediately']);

/**
 * DPs that joined a one-shot runMissed task's scope with this apply (seed: "immediately after
 * the device is included in the task scope"). Only tasks that have run before: a manual task
 * nobody started has nothing to catch up on.
 */
export function joinedScope(before: RecordedConfig, after: RecordedConfig, hasRun: (task: string) => boolean): RunRequest[] {
  const requests: RunRequest[] = [];
  for (const [name, task] of after.tasks) {
    if (!task.spec.runMissed || !ONE_SHOT_KINDS.has(task.spec.schedule?.kind ?? 'manual') || !hasRun(name)) continue;
    const previous = before.tasks.get(name);
    const old = new Set(previous ? taskTargets(before.model, name, previous.spec).map((t) => t.name) : []);
    const joined = taskTargets(after.model, name, task.spec).filter((t) => t.kind === 'distributionPoint' && !old.has(t.name)).map((t) => t.name);
    if (joined.length > 0) requests.push({ task: name, trigger: 'missed', devices: joined });
  }
  return requests;
}
