/**
 * The scheduler loop (docs/design.md 1, Schedules; docs/design.md 4): from the recorded tasks, each
 * task's next start (anchor: the task's `appliedAt`, as `plan` and `status` compute it); sleep
 * on the injected clock until the earliest, start what is due (trigger `schedule`), repeat.
 * Wakes early when the recorded tasks change, presence changes, or the controller stops.
 * Missed DPs and devices (Run missed tasks) are checked on every tick.
 */
import { DEFAULTS } from '../defaults.js';
import { nextStarts } from '../schedule/index.js';
import type { StateStore } from '../state/index.js';
import type { RecordedConfig, RecordedTask } from '../state/index.js';
import type { Activity } from './activity.js';
import type { MissedTargets } from './missed.js';
import type { Presence } from '../runs/index.js';
import { alreadyRecorded, type Applied, type TaskRunner } from './runner.js';
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
  /** Starts due at most this long ago when the scheduler takes over are each run as scheduled (default DEFAULTS.failoverCatchUpMs). */
  catchUpMs?: number;
  applied(): Promise<Applied>;
}

/** More due starts than this since the last recorded one is a long downtime, not a failover. */
const MAX_CATCH_UP = 120;


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
  #catchingUp: Promise<void> = Promise.resolve();

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
  }

  /** Recorded tasks or presence changed: recompute now instead of at the next planned wake. */
  poke(): void {
    this.#poked = true;
    this.#wake.abort();
  }

  /**
   * Restart and takeover recovery (docs/architecture.md "Replicas"; docs/design.md 1 "Run missed
   * tasks"). Each task resumes after its newest recorded scheduled start (`scheduled_at`; before
   * migration 6, its newest scheduled or missed run) or its apply. The starts that fell due since:
   * - all within the catch-up window (a failover, a quick restart): each runs once, as scheduled,
   *   in order — one already recorded by another replica is skipped silently (the unique index);
   * - older (a long downtime): with runMissed one run (trigger `missed`); without, nothing.
   * Resolves once the catch-up starts are recorded or skipped (the runs go on).
   */
  async recover(): Promise<void> {
    const { config } = await this.#deps.applied();
    const now = this.#deps.clock.now().getTime();
    const lastRuns = await this.#lastScheduledRuns();
    const catchUp: { task: string; at: number }[] = [];
    for (const task of config.tasks.values()) {
      const after = Math.max(Date.parse(task.appliedAt), lastRuns.get(task.name) ?? -Infinity);
      const due = this.#dueBetween(task, after, now);
      const window = this.#deps.catchUpMs ?? DEFAULTS.failoverCatchUpMs;
      if (due.length > 0 && due.length <= MAX_CATCH_UP && now - due[0]! <= window) for (const at of due) catchUp.push({ task: task.name, at });
      else if (due.length > 0 && task.spec.runMissed === true) this.#deps.runner.startQuietly({ task: task.name, trigger: 'missed' });
      const resumeAfter = due.length > 0 ? now : after;
      this.#cursors.set(task.name, { specHash: task.specHash, after: resumeAfter, next: this.#nextAfter(task, resumeAfter) });
    }
    if (catchUp.length > 0) this.#catchingUp = this.#deps.activity.track(() => this.#catchUp(catchUp.sort((a, b) => a.at - b.at)));
  }

  /** Each start one after the other (a start that finds its task running is recorded `skipped` with its instant). */
  async #catchUp(starts: { task: string; at: number }[]): Promise<void> {
    for (const { task, at } of starts) {
      if (this.#deps.signal.aborted) return;
      try {
        await this.#deps.runner.run({ task, trigger: 'schedule', scheduledAt: new Date(at) });
      } catch (error) {
        if (!alreadyRecorded(error)) this.#deps.observer?.log?.('error', `cannot start "${task}" (due at ${new Date(at).toISOString()}): ${(error as Error).message}`, { task, trigger: 'schedule' });
      }
    }
  }

  /** Resolves once the starts recovered at takeover have run (tests). */
  caughtUp(): Promise<void> {
    return this.#catchingUp;
  }

  /** Due instants in (after, now], oldest first; at most MAX_CATCH_UP + 1. */
  #dueBetween(task: RecordedTask, after: number, now: number): number[] {
    const due: number[] = [];
    let cursor = after;
    while (due.length <= MAX_CATCH_UP) {
      const next = this.#nextAfter(task, cursor);
      if (next === undefined || next > now || next <= cursor) break;
      due.push(next);
      cursor = next;
    }
    return due;
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

  /** Per task, its newest recorded scheduled start; a task with none yet falls back to its newest scheduled or missed run's start (states from before migration 6). */
  async #lastScheduledRuns(): Promise<Map<string, number>> {
    const last = new Map<string, number>();
    for (const start of await this.#deps.store.listLastScheduled()) last.set(start.task, Date.parse(start.scheduledAt));
    for (const run of await this.#deps.store.listRuns({ limit: 100_000 })) {
      if (run.trigger !== 'schedule' && run.trigger !== 'missed') continue;
      if (run.scheduledAt !== undefined) continue;
      const at = Date.parse(run.startedAt);
      if (at > (last.get(run.task) ?? -Infinity)) last.set(run.task, at);
    }
    return last;
  }
}
