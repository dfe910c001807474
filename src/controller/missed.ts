/**
 * Run missed tasks (seed 001; docs/design.md 1): DPs that were not visible at a task's start are
 * remembered, and when a later check sees them they run the task — only for tasks with
 * `runMissed: true`; without it, only what was visible at the start runs.
 */
import type { RecordedConfig } from '../state/index.js';
import type { RunRequest } from '../runs/index.js';
import { taskTargets } from '../runs/index.js';
import type { Presence } from '../runs/index.js';

export class MissedTargets {
  #byTask = new Map<string, Set<string>>();

  /** Remembers `targets` of `task` as missed, if the task asks for missed runs. */
  remember(config: RecordedConfig, task: string, targets: readonly string[]): void {
    if (targets.length === 0 || config.tasks.get(task)?.spec.runMissed !== true) return;
    const set = this.#byTask.get(task) ?? new Set<string>();
    for (const t of targets) set.add(t);
    this.#byTask.set(task, set);
  }

  /** Something is waiting to be seen (the scheduler then checks presence on every tick). */
  get pending(): boolean {
    return this.#byTask.size > 0;
  }

  /**
   * Missed targets now visible, as one `missed` run per task; they are forgotten here (a run
   * that misses them again remembers them again). Targets no longer in the task's scope, and
   * tasks that no longer ask for missed runs, are dropped.
   */
  async due(config: RecordedConfig, presence: Presence): Promise<RunRequest[]> {
    const requests: RunRequest[] = [];
    for (const [task, set] of [...this.#byTask]) {
      const spec = config.tasks.get(task)?.spec;
      if (!spec?.runMissed) {
        this.#byTask.delete(task);
        continue;
      }
      const inScope = new Set(taskTargets(config.model, task, spec).map((t) => t.name));
      const visible: string[] = [];
      for (const name of [...set].sort()) {
        if (!inScope.has(name)) set.delete(name);
        else if (await presence.isVisible(name)) visible.push(name);
      }
      for (const name of visible) set.delete(name);
      if (set.size === 0) this.#byTask.delete(task);
      if (visible.length > 0) requests.push({ task, trigger: 'missed', targets: visible });
    }
    return requests;
  }
}
