/** Next starts of every task, and which schedules an apply adds, changes or removes (docs/design.md 2). */
import { describeSchedule, nextStarts } from '../schedule/index.js';
import { decodeManifest, type Schedule } from '../manifests/index.js';
import { stableStringify, type StoredObject } from '../state/index.js';
import type { DesiredObject, ScheduleAction, TaskSchedule } from './types.js';

export const NEXT_STARTS_SHOWN = 3;

/** A task object's schedule, decoded against the Task schema (docs/architecture.md "Recorded state"). */
function scheduleOf(object: { name: string; spec: unknown } | undefined): Schedule | undefined {
  if (!object) return undefined;
  const manifest = decodeManifest('Task', object.spec, `Task "${object.name}"`);
  return manifest.kind === 'Task' ? manifest.spec.schedule : undefined;
}

export interface ScheduleInput {
  desired: DesiredObject[];
  recorded: StoredObject[];
  now: Date;
  timeZone: string;
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

export function taskSchedules({ desired, recorded, now, timeZone }: ScheduleInput): { schedules: TaskSchedule[]; actions: ScheduleAction[] } {
  const recordedTasks = new Map(recorded.filter((o) => o.kind === 'Task').map((o) => [o.name, o]));
  const schedules: TaskSchedule[] = [];
  const actions: ScheduleAction[] = [];
  const computed = new Map<string, string[]>();
  for (const task of desired.filter((o) => o.kind === 'Task')) {
    const schedule = scheduleOf(task);
    if (!schedule) continue;
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
    schedules.push(entry);
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
