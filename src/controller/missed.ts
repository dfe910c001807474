/**
 * Run missed tasks (seed 001; docs/design.md 1; docs/architecture.md "Run missed tasks"): DPs and
 * devices that were not visible at a task's start — and, for one-shot tasks (manual, once,
 * immediately), those that joined its scope after it ran — are remembered, and when they are
 * next seen they run the task, once, as one `missed` run per task. Only for tasks with
 * `runMissed: true`. What is remembered lives in the store (`missed_targets`), so it survives a
 * controller restart; this class is a cache over it that the scheduler can ask synchronously
 * whether anything is waiting.
 */
import type { MissedTarget, RecordedConfig, RunRecord, StateStore } from '../state/index.js';
import type { Presence, RunRequest } from '../runs/index.js';
import { joinedScope, ONE_SHOT_KINDS, skippedEveryTarget, taskTargets } from '../runs/index.js';

/** How far back a task's runs are read to find its last start. */
const RUNS_READ = 1000;

export interface RunSettled {
  run: RunRecord;
  /** Targets that did the work, completed or failed: nothing is owed any more. */
  ran: readonly string[];
  /** Targets skipped because they were not visible (or had no agent) at their start. */
  missed: readonly string[];
}

export class MissedTargets {
  readonly #store: StateStore;
  readonly #byTask = new Map<string, Map<string, MissedTarget>>();

  constructor(store: StateStore) {
    this.#store = store;
  }

  /** Reads what the store remembers (the controller calls it at start, before the scheduler). */
  async load(): Promise<void> {
    this.#byTask.clear();
    for (const m of await this.#store.listMissed()) this.#cache(m);
  }

  /** Something is waiting to be seen (the scheduler then checks presence on every tick). */
  get pending(): boolean {
    return this.#byTask.size > 0;
  }

  /** Targets remembered for `task`, sorted (tests and diagnostics). */
  of(task: string): string[] {
    return [...(this.#byTask.get(task)?.keys() ?? [])].sort();
  }

  /**
   * After a run of `task`: what ran is forgotten — never twice for one start — and what it missed
   * is remembered, if the task asks for missed runs. Resolves to whether something new is waiting.
   */
  async settle(config: RecordedConfig, task: string, outcome: RunSettled, now: Date): Promise<boolean> {
    const owed = this.#byTask.get(task);
    const ran = outcome.ran.filter((t) => owed?.has(t));
    if (ran.length > 0) await this.#forget(task, ran);
    return this.remember(config, task, outcome.missed, outcome.run.id, now);
  }

  /** Remembers `targets` of `task` as missed, if the task asks for missed runs; resolves to whether any is new. */
  async remember(config: RecordedConfig, task: string, targets: readonly string[], runId: string | undefined, now: Date): Promise<boolean> {
    if (config.tasks.get(task)?.spec.runMissed !== true) return false;
    const known = this.#byTask.get(task);
    const fresh = [...new Set(targets)].filter((t) => !known?.has(t)).map((target): MissedTarget => ({ task, target, since: now.toISOString(), ...(runId ? { runId } : {}) }));
    if (fresh.length === 0) return false;
    await this.#store.rememberMissed(fresh);
    for (const m of fresh) this.#cache(m);
    return true;
  }

  /**
   * After an apply: the targets that joined a one-shot runMissed task's scope are remembered (they
   * run when visible, which may be at once). Resolves to whether any is new.
   */
  async joined(before: RecordedConfig, after: RecordedConfig, now: Date): Promise<boolean> {
    const starts = new Map<string, { start: RunRecord; ran: Set<string> }>();
    for (const [name, task] of after.tasks) {
      if (!task.spec.runMissed || !ONE_SHOT_KINDS.has(task.spec.schedule?.kind ?? 'manual')) continue;
      const last = await this.#lastStart(name);
      if (last) starts.set(name, last);
    }
    let any = false;
    for (const request of joinedScope(before, after, (task) => starts.get(task)?.ran)) {
      if (await this.remember(after, request.task, request.targets ?? [], starts.get(request.task)?.start.id, now)) any = true;
    }
    return any;
  }

  /**
   * Remembered targets now visible, as one `missed` run per task. They stay remembered until
   * that run settles (`settle`), so a controller that dies meanwhile still owes them; a task
   * that is running is left for a later tick. Targets no longer in the task's scope, and tasks
   * that no longer ask for missed runs, are forgotten.
   */
  async due(config: RecordedConfig, presence: Presence, isRunning: (task: string) => boolean = () => false): Promise<RunRequest[]> {
    const requests: RunRequest[] = [];
    for (const [task, owed] of [...this.#byTask]) {
      const spec = config.tasks.get(task)?.spec;
      if (!spec?.runMissed) {
        await this.#forget(task, [...owed.keys()]);
        continue;
      }
      const inScope = new Set(taskTargets(config.model, task, spec).map((t) => t.name));
      const gone = [...owed.keys()].filter((t) => !inScope.has(t));
      if (gone.length > 0) await this.#forget(task, gone);
      if (isRunning(task)) continue;
      const visible: string[] = [];
      for (const name of [...owed.keys()].sort()) if (await presence.isVisible(name)) visible.push(name);
      if (visible.length > 0) requests.push({ task, trigger: 'missed', targets: visible });
    }
    return requests;
  }

  /**
   * The task's last start and what ran for it since: the newest run that is not a `missed` run
   * (nor a start refused because the task was already running), with the targets that
   * completed or failed in it and in the missed runs after it. Undefined: it never started.
   */
  async #lastStart(task: string): Promise<{ start: RunRecord; ran: Set<string> } | undefined> {
    const ran = new Set<string>();
    let oldest: RunRecord | undefined;
    for (const run of await this.#store.listRuns({ task, limit: RUNS_READ })) {
      if (run.status === 'skipped' && !skippedEveryTarget(run)) continue;
      for (const r of await this.#store.listDeviceResults(run.id)) if (r.status === 'completed' || r.status === 'failed') ran.add(r.device);
      oldest = run;
      if (run.trigger !== 'missed') break;
    }
    // Only missed runs (a start made up after a controller restart): the oldest of them is the start.
    return oldest ? { start: oldest, ran } : undefined;
  }

  async #forget(task: string, targets: readonly string[]): Promise<void> {
    await this.#store.forgetMissed(task, targets);
    const owed = this.#byTask.get(task);
    for (const t of targets) owed?.delete(t);
    if (owed?.size === 0) this.#byTask.delete(task);
  }

  #cache(m: MissedTarget): void {
    const owed = this.#byTask.get(m.task) ?? new Map<string, MissedTarget>();
    owed.set(m.target, m);
    this.#byTask.set(m.task, owed);
  }
}
