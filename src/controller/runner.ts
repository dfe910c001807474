/**
 * Starts task runs for the controller: never two runs of one task at once (a second start is
 * recorded as a `skipped` run naming the running one), tells the observer, remembers missed
 * DPs for Run missed tasks, and starts chained tasks when a run finishes (docs/design.md 1).
 * Each run has its own AbortController, linked to the controller's stop: an operator's cancel
 * aborts one run, a stop aborts them all.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isUpdopsError, UpdopsError } from '../errors.js';
import { SCHEDULED_START_RECORDED } from '../state/index.js';
import type { RunRecord } from '../state/index.js';
import type { RecordedConfig } from '../state/index.js';
import { executeRun, RunCancelled, type AgentGateway, type RunOutcome, type RunRequest } from '../runs/index.js';
import type { Activity } from './activity.js';
import type { MissedTargets } from './missed.js';
import type { Presence } from '../runs/index.js';
import type { Clock, ControllerObserver } from './types.js';
import type { StateStore } from '../state/index.js';

export interface Applied {
  config: RecordedConfig;
  configDir: string;
}

/**
 * Starts as jobs (src/queue/ `StartJobs`, with a PostgreSQL state; docs/architecture.md "Job
 * queue"): every start is sent as a job with the task as its singleton key, and this runner's
 * consumer executes the start jobs it takes. Absent (SQLite): starts run in this process.
 */
export interface StartQueue {
  /** Resolves with the recorded run's id, or `busy` (with the running run's id) when the task has a start active or waiting. */
  send(request: RunRequest, signal?: AbortSignal): Promise<{ runId: string } | { busy: string | undefined }>;
  consume(handler: (request: RunRequest, recorded: (runId: string) => void) => Promise<void>, signal: AbortSignal): void;
  /** Start jobs a dead controller left active (with the lease held, before consuming). */
  abandonActive(): Promise<number>;
}

export interface RunnerDeps {
  /** With a PostgreSQL state: starts are jobs (src/queue/). */
  starts?: StartQueue;
  store: StateStore;
  clock: Clock;
  activity: Activity;
  missed: MissedTargets;
  presence: Presence;
  agents?: AgentGateway;
  concurrency: number;
  signal: AbortSignal;
  env?: NodeJS.ProcessEnv;
  observer?: ControllerObserver;
  /** Targets were remembered as missed: the scheduler checks presence on its ticks (now, first). */
  missedChanged?: () => void;
  /** The last applied configuration (src/tasks/model-from-state.ts) and where its files are. */
  applied(): Promise<Applied>;
}

interface Running {
  started: Promise<RunRecord>;
  done: Promise<void>;
  abort: AbortController;
  /** Known once the run is recorded. */
  runId?: string;
}

export const RUN_CANCELLED_EVENT = 'RunCancelled';

/** A scheduled start another replica (or this state before a restart) already recorded: skipped silently, not an error. */
export function alreadyRecorded(error: unknown): boolean {
  return isUpdopsError(error) && error.code === 'CONFLICT' && error.detail === SCHEDULED_START_RECORDED;
}

export class TaskRunner {
  readonly #deps: RunnerDeps;
  readonly #running = new Map<string, Running>();

  constructor(deps: RunnerDeps) {
    this.#deps = deps;
  }

  isRunning(task: string): boolean {
    return this.#running.has(task);
  }

  get busy(): boolean {
    return this.#running.size > 0;
  }

  /** Resolves with the run once it is recorded (status `running`, or `skipped`); the run goes on. */
  start(request: RunRequest): Promise<RunRecord> {
    return this.#deps.starts ? this.#startQueued(this.#deps.starts, request) : this.#startHere(request);
  }

  /**
   * On the queue: the start is a job; whichever replica takes it records the run. A task whose
   * start is active or waiting is busy: a `skipped` run names the running one, as here.
   */
  async #startQueued(starts: StartQueue, request: RunRequest): Promise<RunRecord> {
    const sent = await starts.send(request, this.#deps.signal);
    if ('busy' in sent) return this.#recordSkip(request, sent.busy);
    const run = await this.#deps.store.getRun(sent.runId);
    if (!run) throw new UpdopsError('STATE', `run ${sent.runId} of "${request.task}" was started but is not in the store`);
    return run;
  }

  /** Takes start jobs (until the controller stops) and executes each here; the job ends with its run. */
  consumeStarts(): void {
    this.#deps.starts?.consume(async (request, recorded) => {
      const run = await this.#startHere(request);
      recorded(run.id);
      const entry = this.#running.get(request.task);
      if (entry?.runId === run.id) await entry.done;
    }, this.#deps.signal);
  }

  #startHere(request: RunRequest): Promise<RunRecord> {
    const running = this.#running.get(request.task);
    if (running) return this.#skip(request, running);
    let resolve!: (run: RunRecord) => void;
    let reject!: (error: unknown) => void;
    const started = new Promise<RunRecord>((res, rej) => ((resolve = res), (reject = rej)));
    // Registered before the first await, so a start in the same tick already sees this run.
    const entry: Running = { started, done: Promise.resolve(), abort: new AbortController() };
    const stop = this.#deps.signal;
    const onStop = (): void => entry.abort.abort(stop.reason);
    if (stop.aborted) onStop();
    else stop.addEventListener('abort', onStop, { once: true });
    this.#running.set(request.task, entry);
    const recorded = (run: RunRecord): void => {
      entry.runId = run.id;
      resolve(run);
    };
    entry.done = this.#deps.activity.track(() => this.#execute(request, recorded, entry.abort.signal)).then(
      async (outcome) => {
        stop.removeEventListener('abort', onStop);
        await this.#finished(request, outcome);
      },
      (error: unknown) => {
        stop.removeEventListener('abort', onStop);
        this.#running.delete(request.task);
        if (alreadyRecorded(error)) this.#deps.observer?.log?.('debug', (error as Error).message, { task: request.task, trigger: request.trigger });
        else this.#deps.observer?.log?.('error', `run of "${request.task}" failed to run: ${(error as Error).message}`, { task: request.task, trigger: request.trigger });
        reject(error); // no-op when the run was already recorded
      },
    );
    return started;
  }

  /** Resolves when no run is in progress, including runs started meanwhile (chains). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running.values()].map((r) => r.done));
  }

  /**
   * Cancels a run of this controller (`POST /api/runs/:id/cancel`) and resolves with it once it has
   * ended `cancelled`, its unfinished targets `failed` naming `by`. NOT_FOUND for an unknown run,
   * CONFLICT for one that has finished or that this controller is not executing.
   */
  async cancel(id: string, by: string): Promise<RunRecord> {
    const { store, clock } = this.#deps;
    const entry = [...this.#running.values()].find((r) => r.runId === id);
    if (!entry) {
      const run = await store.getRun(id);
      if (!run) throw new UpdopsError('NOT_FOUND', `no run with id ${id}`);
      if (run.status === 'running') throw new UpdopsError('CONFLICT', `run ${id} of "${run.task}" is running, but not on this controller (started by \`updops run\` without --controller?): stop that process instead`);
      throw new UpdopsError('CONFLICT', `run ${id} of "${run.task}" has already ended ${run.status}${run.finishedAt ? ` at ${run.finishedAt}` : ''}: only a running run can be cancelled`);
    }
    const run = await store.getRun(id);
    await store.appendEvent({ type: RUN_CANCELLED_EVENT, subject: run?.task ?? id, message: `run ${id}${run ? ` of "${run.task}"` : ''} cancelled by ${by}`, time: clock.now().toISOString(), data: { run: id, by } });
    entry.abort.abort(new RunCancelled(by));
    await entry.done;
    return (await store.getRun(id))!;
  }

  async #execute(request: RunRequest, started: (run: RunRecord) => void, signal: AbortSignal): Promise<RunOutcome & { config: RecordedConfig }> {
    const { config, configDir } = await this.#deps.applied();
    if (!config.tasks.has(request.task)) throw new UpdopsError('NOT_FOUND', `task "${request.task}" is not in the applied configuration`);
    const { store, clock, presence, agents, concurrency, env, activity, observer } = this.#deps;
    const outcome = await executeRun(request, {
      store,
      clock,
      config,
      configDir,
      presence,
      concurrency,
      signal,
      activity,
      ...(agents ? { agents } : {}),
      ...(env ? { env } : {}),
      onStarted: (run) => {
        started(run);
        observer?.runStarted?.(run);
      },
      // Chained tasks start through this runner: never two runs of one task at once.
      start: (next) => this.#startLogged(next),
    });
    return { ...outcome, config };
  }

  async #finished(request: RunRequest, outcome: RunOutcome & { config: RecordedConfig }): Promise<void> {
    const { observer, missed, clock } = this.#deps;
    // Settled while the task still counts as running, so no missed start slips in between.
    let waiting = false;
    try {
      const ran = outcome.results.filter((r) => r.status === 'completed' || r.status === 'failed').map((r) => r.device);
      waiting = await missed.settle(outcome.config, request.task, { run: outcome.run, ran, missed: outcome.missed }, clock.now());
    } catch (error) {
      observer?.log?.('error', `cannot record the missed targets of run ${outcome.run.id}: ${(error as Error).message}`, { run: outcome.run.id, task: request.task });
    }
    this.#running.delete(request.task);
    observer?.runFinished?.(outcome.run, outcome.results);
    observer?.log?.(outcome.run.status === 'failed' ? 'warn' : 'info', `run ${outcome.run.id} of "${outcome.run.task}" ${outcome.run.status}`, { run: outcome.run.id, task: outcome.run.task, trigger: outcome.run.trigger, status: outcome.run.status, reason: outcome.run.reason });
    if (waiting) this.#deps.missedChanged?.();
  }

  /** Starts `request` and resolves with its outcome once it has finished (apply waits for its runs). */
  async run(request: RunRequest): Promise<RunOutcome> {
    const started = await this.start(request);
    const local = this.#running.get(request.task);
    if (!this.#deps.starts) await local?.done;
    else if (local?.runId === started.id) await local.done;
    else await this.#finishedInStore(started.id);
    const run = (await this.#deps.store.getRun(started.id)) ?? started;
    return { run, results: await this.#deps.store.listDeviceResults(run.id), missed: [] };
  }

  /** For loops and triggers: a failure to start is logged, never thrown into the loop. */
  startQuietly(request: RunRequest): void {
    void this.#startLogged(request);
  }

  /** Resolves once the run is recorded, or once a failure to start is logged. */
  #startLogged(request: RunRequest): Promise<unknown> {
    return this.start(request).catch((error: unknown) => {
      if (!alreadyRecorded(error)) this.#deps.observer?.log?.('error', `cannot start "${request.task}": ${(error as Error).message}`, { task: request.task, trigger: request.trigger });
    });
  }

  /** A run another replica executes: its record says when it has ended. */
  async #finishedInStore(id: string): Promise<void> {
    while (!this.#deps.signal.aborted && (await this.#deps.store.getRun(id))?.status === 'running') await sleep(200);
  }

  async #skip(request: RunRequest, running: Running): Promise<RunRecord> {
    const current = await running.started.catch(() => undefined);
    return this.#recordSkip(request, current?.id);
  }

  async #recordSkip(request: RunRequest, currentId: string | undefined): Promise<RunRecord> {
    const { store, clock, observer } = this.#deps;
    const now = clock.now().toISOString();
    // A scheduled start that finds its task running is still that due start, recorded once.
    const scheduledAt = request.trigger === 'schedule' && request.scheduledAt ? { scheduledAt: request.scheduledAt.toISOString() } : {};
    const run = await store.createRun({ task: request.task, trigger: request.trigger, status: 'skipped', startedAt: now, ...scheduledAt });
    const reason = `already running (run ${currentId ?? 'starting'})`;
    const done = await store.updateRun(run.id, { finishedAt: now, reason });
    observer?.runStarted?.(done);
    observer?.runFinished?.(done, []);
    return done;
  }
}
