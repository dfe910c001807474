/** Next starts of every task, and which schedules an apply adds, changes or removes (docs/design.md 2). */
import { describeSchedule, nextStarts, randomDelayView } from '../schedule/index.js';
import { decodeManifest, type Schedule, type Task } from '../manifests/index.js';
import { specHash, stableStringify, type StoredObject } from '../state/index.js';
import type { DesiredObject, ScheduleAction, TaskSchedule } from './types.js';

export const NEXT_STARTS_SHOWN = 3;

/** A task object's spec, decoded against the Task schema (docs/architecture.md "Recorded state"). */
function taskSpecOf(object: { name: string; spec: unknown } | undefined): Task['spec'] | undefined {
  if (!object) return undefined;
  const manifest = decodeManifest('Task', object.spec, `Task "${object.name}"`);
  return manifest.kind === 'Task' ? manifest.spec : undefined;
}

const scheduleOf = (object: { name: string; spec: unknown } | undefined): Schedule | undefined => taskSpecOf(object)?.schedule;

/** What `plan --devices` needs beyond the objects: each task's targets and its manual starts so far. */
export interface DelayInputs {
  targets: ReadonlyMap<string, readonly string[]>;
  manualStarts: ReadonlyMap<string, number>;
}

export interface ScheduleInput {
  desired: DesiredObject[];
  recorded: StoredObject[];
  now: Date;
  timeZone: string;
  /** Given: each schedule shows its randomized-delay offsets per target. */
  delays?: DelayInputs;
}

/**
 * The anchor of a task's "current time" defaults is when its settings last changed: an unchanged
 * task keeps its recorded time, a new or edited one starts from now (seed: the calculated start
 * time changes when task settings are edited).
 */
function anchorOf(task: DesiredObject, recorded: StoredObject | undefined, now: Date): Date {
  // Compared by stable JSON: the store hands specs back with sorted keys.
  return recorded && stableStringify(recorded.spec) === stableStringify(task.spec) ? new Date(recorded.appliedAt) : now;
}

export function taskSchedules({ desired, recorded, now, timeZone, delays }: ScheduleInput): { schedules: TaskSchedule[]; actions: ScheduleAction[] } {
  const recordedTasks = new Map(recorded.filter((o) => o.kind === 'Task').map((o) => [o.name, o]));
  const schedules: TaskSchedule[] = [];
  const actions: ScheduleAction[] = [];
  const computed = new Map<string, string[]>();
  for (const task of desired.filter((o) => o.kind === 'Task')) {
    const spec = taskSpecOf(task);
    const schedule = spec?.schedule;
    if (!spec || !schedule) continue;
    const before = recordedTasks.get(task.name);
    const anchor = anchorOf(task, before, now);
    // Many tasks share a schedule and an anchor (one apply); cron look-ups cost ~1 ms each.
    const key = `${stableStringify(schedule)}\u0000${anchor.getTime()}`;
    let starts = computed.get(key);
    if (!starts) {
      starts = nextStarts(schedule, now, NEXT_STARTS_SHOWN, { anchor, defaultTimeZone: timeZone }).map((d) => d.toISOString());
      computed.set(key, starts);
    }
    const entry = { task: task.name, description: describeSchedule(schedule), nextStarts: [...starts] };
    // The revision is the spec hash apply will record for this spec, as the executor reads it.
    const delay = delays
      ? randomDelayView({ taskName: task.name, schedule, randomDelay: spec.randomDelay, targets: delays.targets.get(task.name) ?? [], settingsRevision: specHash(task.spec), manualStarts: delays.manualStarts.get(task.name) ?? 0, now, anchor, defaultTimeZone: timeZone })
      : undefined;
    schedules.push(delay ? { ...entry, randomDelay: delay } : entry);
    const previous = scheduleOf(before);
    if (!previous) actions.push({ action: 'schedule', change: 'added', ...entry });
    else if (stableStringify(previous) !== stableStringify(schedule)) actions.push({ action: 'schedule', change: 'changed', ...entry });
  }
  return { schedules, actions };
}

export function removedSchedules(deletedTasks: string[], recorded: StoredObject[]): ScheduleAction[] {
  return recorded
    .filter((o) => o.kind === 'Task' && deletedTasks.includes(o.name))
    .flatMap((o) => {
      const schedule = scheduleOf(o);
      return schedule ? [{ action: 'schedule' as const, task: o.name, change: 'removed' as const, description: describeSchedule(schedule), nextStarts: [] }] : [];
    });
}
