/**
 * Event triggers (docs/design.md 1, schedule table; seed 001 "On virus outbreak", "On completing
 * another task", "Immediately"): pure functions from the recorded tasks and an event to the
 * runs to start. The controller starts what they return.
 */
import type { Schedule } from '../manifests/index.js';
import type { RunRecord } from '../state/index.js';
import type { RecordedConfig } from '../state/index.js';
import type { RunRequest } from './types.js';
import { scopeMembers, taskTargets } from './targets.js';

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
    if (shared.length > 0) requests.push({ task: name, trigger: 'chain', targets: shared.map((t) => t.name) });
  }
  return requests;
}

export type OutbreakApplicationType = 'workstationsAndFileServers' | 'perimeter' | 'mail';

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

/**
 * What an apply starts (docs/architecture.md "Apply"; seed 001): each `immediately` task it
 * created or changed, once, on its whole scope; and for every task that is not `manual`, a run
 * on its DPs whose repositories are empty or drifted — with the scope's non-Windows DPs, which
 * fail it with the seed's reason as any run of the task does. A manual task never runs on apply
 * ("the task does not run automatically"): the plan tells how to start it instead.
 */
export function applyStarts(config: RecordedConfig, touched: readonly string[], repairs: readonly { task: string; dp: string }[]): RunRequest[] {
  const whole = new Set(touched.filter((name) => scheduleOf(config, name)?.kind === 'immediately'));
  const byTask = new Map<string, string[]>();
  for (const { task, dp } of repairs) {
    if (whole.has(task) || !config.tasks.has(task) || (scheduleOf(config, task)?.kind ?? 'manual') === 'manual') continue;
    byTask.set(task, [...(byTask.get(task) ?? []), dp]);
  }
  const requests: RunRequest[] = [...whole].map((task) => ({ task, trigger: 'apply' }));
  for (const [task, dps] of byTask) {
    const spec = config.tasks.get(task)!.spec;
    const nonWindows = taskTargets(config.model, task, spec).filter((t) => t.kind === 'distributionPoint' && t.os !== 'windows').map((t) => t.name);
    requests.push({ task, trigger: 'apply', targets: [...dps, ...nonWindows] });
  }
  return requests.sort((a, b) => a.task.localeCompare(b.task));
}

/** Kinds whose runMissed also covers DPs and devices that join the scope later (seed: Manually, Once, Immediately). */
export const ONE_SHOT_KINDS: ReadonlySet<string> = new Set(['manual', 'once', 'immediately']);

/**
 * DPs and devices that joined a one-shot runMissed task's scope with this apply — added to its
 * group, moved into it, or a scope that grew (seed: "immediately after the device is included in
 * the task scope"). `ranSinceStart(task)` is what already ran (completed or failed) for the task's
 * last start, or undefined when it never started: a manual task nobody started has nothing to
 * catch up on, and a target that already did the work for this start never does it twice.
 */
export function joinedScope(before: RecordedConfig, after: RecordedConfig, ranSinceStart: (task: string) => ReadonlySet<string> | undefined): RunRequest[] {
  const requests: RunRequest[] = [];
  for (const [name, task] of after.tasks) {
    if (!task.spec.runMissed || !ONE_SHOT_KINDS.has(task.spec.schedule?.kind ?? 'manual')) continue;
    const ran = ranSinceStart(name);
    if (!ran) continue;
    const previous = before.tasks.get(name);
    const old = new Set(previous ? taskTargets(before.model, name, previous.spec).map((t) => t.name) : []);
    const joined = taskTargets(after.model, name, task.spec).filter((t) => !old.has(t.name) && !ran.has(t.name)).map((t) => t.name);
    if (joined.length > 0) requests.push({ task: name, trigger: 'missed', targets: joined });
  }
  return requests;
}
