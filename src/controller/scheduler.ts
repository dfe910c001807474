/**
 * The scheduler loop (docs/design.md 1, Schedules; docs/design.md 4): from the recorded tasks, each
 * task's next start (anchor: the task's `appliedAt`, as `plan` and `status` compute it); sleep
 * on the injected clock until the earliest, start what is due (trigger `schedule`), repeat.
 * Wakes early when the recorded tasks change, presence changes, or the controller stops.
 * Missed DPs and devices (Run missed tasks) are checked on every tick.
 */
import { nextStarts } from '../schedule/index.js';
import type { StateStore } from '../state/index.js';
import type { RecordedConfig, RecordedTask } from '../state/index.js';
import type { Activity } from './activity.js';
import type { MissedTargets } from './missed.js';
import type { Presence } from '../runs/index.js';
import type { Applied, TaskRunner } from './runner.js';
import type { Clock, ControllerObserver } from './types.js';

export interface SchedulerDeps {
  store: StateStore;
  clock: Clock;
  activity: Activity;
  runner: TaskRunner;
  missed: MissedTargets;
  presence: Presence;
  timeZone: string;
  signal: AbortSignal;
  /** How often missed DPs and devices are looked for while some are waiting to be seen. */
  presenceCheckMs: number;
  observer?: ControllerObserver;
  applied(): Promise<Applied>;
}

interface Cursor {
  specHash: string;
  /** Starts strictly after this instant (ms) are still to come. */
  after: number;
  /** Cached next start (ms), or undefined when the schedule has none (manual, events, a past `once`). */
  next: number | undefined;
}

export class Scheduler {
  readonly #deps: SchedulerDeps;
  readonly #cursors = new Map<string, Cursor>();
  #wake = new AbortController();
  /** Set by `poke`; a poke during a tick makes the loop tick again instead of sleeping. */
  #poked = false;

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
  }

  /** Recorded tasks or presence changed: recompute now instead of at the next planned wake. */
  poke(): void {
    this.#poked = true;
    this.#wake.abort();
  }

  /**
   * Restart recovery (docs/design.md 1 "Run missed tasks"): a start that fell between a task's last
   * scheduled (or missed) run — or its apply — and now was missed while the controller was down.
   * With runMissed it runs once (trigger `missed`); without, nothing is recorded.
   */
  async recover(): Promise<void> {
    const { config } = await this.#deps.applied();
    const now = this.#deps.clock.now().getTime();
    const lastRuns = await this.#lastScheduledRuns();
    for (const task of config.tasks.values()) {
      const after = Math.max(Date.parse(task.appliedAt), lastRuns.get(task.name) ?? -Infinity);
      const next = this.#nextAfter(task, after);
      if (next !== undefined && next <= now && task.spec.runMissed === true) this.#deps.runner.startQuietly({ task: task.name, trigger: 'missed' });
      const resumeAfter = next !== undefined && next <= now ? now : after;
      this.#cursors.set(task.name, { specHash: task.specHash, after: resumeAfter, next: this.#nextAfter(task, resumeAfter) });
    }
  }

  async loop(): Promise<void> {
    const { signal, clock, activity } = this.#deps;
    while (!signal.aborted) {
      this.#poked = false;
      if (this.#wake.signal.aborted) this.#wake = new AbortController();
      const earliest = await this.tick();
      const now = clock.now().getTime();
      let wait = earliest === undefined ? Infinity : earliest - now;
      if (this.#deps.missed.pending) wait = Math.min(wait, this.#deps.presenceCheckMs);
      if (wait <= 0 || this.#poked) continue;
      const both = AbortSignal.any([signal, this.#wake.signal]);
      // Infinity: nothing is scheduled; sleep until poked (a year is "until poked" in practice).
      await activity.sleep(clock, Number.isFinite(wait) ? wait : 365 * 86_400_000, both).catch(() => undefined);
    }
  }

  /** Starts what is due; resolves to the earliest next start (ms) of any task. */
  async tick(): Promise<number | undefined> {
    const { config } = await this.#deps.applied();
    const now = this.#deps.clock.now().getTime();
    this.#sync(config);
    let earliest: number | undefined;
    for (const [name, cursor] of this.#cursors) {
      if (cursor.next !== undefined && cursor.next <= now) {
        // Several due instants (a stalled process) start once: a schedule is not a backlog.
        this.#deps.runner.startQuietly({ task: name, trigger: 'schedule', scheduledAt: new Date(cursor.next) });
        cursor.after = now;
        cursor.next = this.#nextAfter(config.tasks.get(name), now);
      }
      if (cursor.next !== undefined && (earliest === undefined || cursor.next < earliest)) earliest = cursor.next;
    }
    for (const request of await this.#deps.missed.due(config, this.#deps.presence, (task) => this.#deps.runner.isRunning(task))) this.#deps.runner.startQuietly(request);
    return earliest;
  }

  /** New tasks start counting from their apply; changed tasks from their new apply; removed ones go. */
  #sync(config: RecordedConfig): void {
    for (const name of [...this.#cursors.keys()]) if (!config.tasks.has(name)) this.#cursors.delete(name);
    for (const task of config.tasks.values()) {
      const cursor = this.#cursors.get(task.name);
      if (cursor && cursor.specHash === task.specHash) continue;
      const after = Math.max(cursor?.after ?? -Infinity, Date.parse(task.appliedAt));
      this.#cursors.set(task.name, { specHash: task.specHash, after, next: this.#nextAfter(task, after) });
    }
  }

  #nextAfter(task: RecordedTask | undefined, after: number): number | undefined {
    const schedule = task?.spec.schedule;
    if (!task || !schedule) return undefined;
    try {
      return nextStarts(schedule, new Date(after), 1, { anchor: new Date(task.appliedAt), defaultTimeZone: this.#deps.timeZone })[0]?.getTime();
    } catch (error) {
      this.#deps.observer?.log?.('error', `cannot compute the next start of "${task.name}": ${(error as Error).message}`, { task: task.name });
      return undefined;
    }
  }

  async #lastScheduledRuns(): Promise<Map<string, number>> {
    const last = new Map<string, number>();
    for (const run of await this.#deps.store.listRuns({ limit: 100_000 })) {
      if (run.trigger !== 'schedule' && run.trigger !== 'missed') continue;
      const at = Date.parse(run.startedAt);
      if (at > (last.get(run.task) ?? -Infinity)) last.set(run.task, at);
    }
    return last;
  }
}
