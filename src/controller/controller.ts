/**
 * `createController` (docs/design.md 2 and 4): the reconcile loop, the scheduler loop and the task
 * runner around one state store, driven by an injectable clock. What runs is always the last
 * applied configuration read back from the store (src/tasks/model-from-state.ts).
 */
import { DEFAULTS } from '../defaults.js';
import { isUpdopsError, UpdopsError } from '../errors.js';
import { resolveConfigSource } from '../manifests/index.js';
import { defaultTimeZone } from '../plan/index.js';
import type { RolloutProgress, RunRecord, RunTrigger } from '../state/index.js';
import { collectStatus } from '../status/index.js';
import { recordedConfig, type RecordedConfig } from '../state/index.js';
import { Activity } from './activity.js';
import { agentDispatch } from './agents/dispatch.js';
import { systemClock } from '../util/index.js';
import { CONTROLLER_EVENTS } from './events.js';
import { MissedTargets } from './missed.js';
import { localPresence, type Presence } from '../runs/index.js';
import { ControllerLease } from './lease.js';
import { fencedStore } from './fenced-store.js';
import { Reconciler } from './reconciler.js';
import { Notifier } from '../notify/index.js';
import { TaskRunner, type Applied } from './runner.js';
import { Scheduler } from './scheduler.js';
import { RolloutDriver } from './rollouts.js';
import { onOutbreak, selectTargets, type RunOutcome, type RunRequest, type TargetSelection } from '../runs/index.js';
import type { Clock, Controller, ControllerOptions, OutbreakApplicationType, ReconcileResult, RunDetails } from './types.js';

export const DEFAULT_POLL_MS = DEFAULTS.pollMs;
export const DEFAULT_CONCURRENCY = DEFAULTS.runConcurrency;
export const DEFAULT_MAX_DELETES = DEFAULTS.maxDeletes;
export const RESTART_REASON = 'interrupted: the controller ended while this run was in progress (killed or crashed)';

class ControllerImpl implements Controller {
  readonly store: ControllerOptions['store'];
  readonly #o: ControllerOptions;
  readonly #clock: Clock;
  readonly #timeZone: string;
  readonly #stop = new AbortController();
  readonly #activity = new Activity();
  readonly #missed: MissedTargets;
  readonly #presence: Presence;
  readonly #runner: TaskRunner;
  readonly #scheduler: Scheduler;
  readonly #reconciler: Reconciler;
  readonly #notifier: Notifier;
  readonly #rollouts: RolloutDriver;
  #config: RecordedConfig | undefined;
  /** The configuration before the apply in progress, for joined-scope starts. */
  #before: RecordedConfig | undefined;
  #configDir: string | undefined;
  #loops: Promise<unknown>[] = [];
  #started = false;
  #lease: ControllerLease | undefined;
  #unlisten: (() => void) | undefined;

  constructor(options: ControllerOptions) {
    this.#o = options;
    this.store = options.store;
    this.#clock = options.clock ?? systemClock;
    this.#missed = new MissedTargets(options.store);
    this.#timeZone = options.timeZone ?? defaultTimeZone();
    const presence = options.presence ?? localPresence((name) => this.#config?.model.distributionPoints.get(name)?.item.repository);
    this.#presence = options.agents ? options.agents.presence(presence) : presence;
    this.#unlisten = options.agents?.onPresenceChanged(() => this.presenceChanged());
    // Writes that matter carry the lease's fence: a controller that lost its lease cannot write after another took over.
    const store = fencedStore(options.store, { fence: () => this.#lease?.fence, onFenced: (error) => this.#lease?.fenced(error) });
    const common = { store, clock: this.#clock, activity: this.#activity, signal: this.#stop.signal, ...(options.observer ? { observer: options.observer } : {}) };
    const applied = (): Promise<Applied> => this.#applied();
    this.#runner = new TaskRunner({ ...common, missed: this.#missed, presence: this.#presence, concurrency: options.concurrency ?? DEFAULT_CONCURRENCY, applied, missedChanged: () => this.#scheduler.poke(), ...(options.agents ? { agents: agentDispatch(options.agents) } : {}), ...(options.env ? { env: options.env } : {}), ...(options.starts ? { starts: options.starts } : {}) });
    this.#scheduler = new Scheduler({ ...common, runner: this.#runner, missed: this.#missed, presence: this.#presence, timeZone: this.#timeZone, presenceCheckMs: options.presenceCheckMs ?? options.pollMs ?? DEFAULT_POLL_MS, ...(options.catchUpMs !== undefined ? { catchUpMs: options.catchUpMs } : {}), applied });
    this.#rollouts = new RolloutDriver({
      store,
      clock: this.#clock,
      config: async () => (await this.#applied()).config,
      start: (request) => this.#runner.start(request),
      signal: this.#stop.signal,
      ...(options.rolloutTickMs ? { tickMs: options.rolloutTickMs } : {}),
      log: (level, message, fields) => options.observer?.log?.(level, message, fields),
    });
    const notify = options.notifications;
    this.#notifier = new Notifier({
      store: options.store,
      current: async () => {
        const { config, configDir } = await this.#applied();
        return { notifications: config.notifications, model: config.model, configDir };
      },
      ...(options.env ? { env: options.env } : {}),
      ...(notify?.consoleUrl ? { consoleUrl: notify.consoleUrl } : {}),
      ...(notify?.pollMs ? { pollMs: notify.pollMs } : {}),
      ...(notify?.retry ? { retry: notify.retry } : {}),
      log: (level, message, fields) => options.observer?.log?.(level, message, fields),
    });
    this.#reconciler = new Reconciler({
      ...common,
      config: options.config,
      ...(options.ref ? { ref: options.ref } : {}),
      prune: options.prune ?? false,
      maxDeletes: options.maxDeletes ?? DEFAULT_MAX_DELETES,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      timeZone: this.#timeZone,
      backoff: { baseMs: options.retry?.baseMs ?? DEFAULTS.reconcileRetryMs, maxMs: Math.max(options.retry?.maxMs ?? DEFAULTS.reconcileRetryMaxMs, options.retry?.baseMs ?? 0) },
      ...(options.env ? { env: options.env } : {}),
      ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
      execute: (requests, configDir) => this.#executeForApply(requests, configDir),
      onApplied: () => this.#afterApply(),
      onConfigDir: (dir) => (this.#configDir = dir),
      onAttempt: (commit) => this.#notifier.reconcileStarted(commit),
      onResult: (result) => this.#notifier.reconciled(result.commit, result.status, result.error),
    });
  }

  async start(): Promise<void> {
    if (this.#started) throw new UpdopsError('USAGE', 'the controller is already started');
    this.#started = true;
    // The lease first: a second controller must not touch the runs of the one that is active.
    const lease = this.#o.lease;
    this.#lease = await ControllerLease.acquire(this.store, {
      ttlMs: lease?.ttlMs ?? DEFAULTS.controllerLeaseMs,
      ...(lease?.standby ? { standby: true } : {}),
      ...(lease?.host ? { host: lease.host } : {}),
      ...(lease?.onStandby ? { onStandby: lease.onStandby } : {}),
      signal: this.#stop.signal,
      onLost: (error) => {
        this.#o.observer?.log?.('error', error.message, { code: isUpdopsError(error) ? error.code : 'LEASE' });
        this.#stop.abort(error);
        lease?.onLost?.(error);
      },
    });
    // Nothing survives a restart still running (docs/design.md 1 "Runs and statuses"): with the
    // lease held, a run still `running` belongs to a controller that died.
    await this.store.markInterruptedRuns(RESTART_REASON);
    // On the job queue (PostgreSQL): the dead controller's start jobs end with its runs, and this
    // one consumes starts from now on — before the first reconcile, whose apply runs are starts too.
    if (this.#o.starts) {
      await this.#o.starts.abandonActive();
      this.#runner.consumeStarts();
    }
    await this.#notifier.start();
    await this.reconcileNow('start');
    await this.#refresh();
    // What Run missed tasks still owes, remembered by the controller before this one.
    await this.#missed.load();
    await this.#scheduler.recover();
    this.#loops = [this.#activity.track(() => this.#reconciler.loop(this.#o.pollMs ?? DEFAULT_POLL_MS)), this.#activity.track(() => this.#scheduler.loop()), this.#activity.track(() => this.#rollouts.loop())];
  }

  async stop(): Promise<void> {
    this.#stop.abort(new Error('the controller is stopping'));
    await Promise.allSettled(this.#loops);
    await this.#reconciler.drain();
    // Aborted syncs end quickly; their runs finish as `cancelled` (src/runs/execute.ts).
    await this.#runner.idle();
    await this.#notifier.stop();
    await this.#lease?.release();
    this.#lease = undefined;
    this.#unlisten?.();
    this.#unlisten = undefined;
  }

  get leading(): boolean {
    return this.#lease?.held ?? false;
  }

  /** Resolves once the scheduled starts recovered at takeover have run (tests). */
  caughtUp(): Promise<void> {
    return this.#scheduler.caughtUp();
  }

  get ref(): string | undefined {
    return this.#o.ref;
  }

  reconcileNow(reason: string): Promise<ReconcileResult> {
    return this.#reconciler.reconcile(reason);
  }

  async runTask(task: string, trigger: RunTrigger = 'manual', selection?: TargetSelection): Promise<RunRecord> {
    if (!selection) return this.#runner.start({ task, trigger });
    const targets = await selectTargets((await this.#applied()).config, task, selection, this.store);
    return this.#runner.start({ task, trigger, ...(targets ? { targets } : {}) });
  }

  cancelRun(id: string, by: string): Promise<RunRecord> {
    return this.#runner.cancel(id, by);
  }

  async outbreak(type: OutbreakApplicationType): Promise<RunRecord[]> {
    await this.store.appendEvent({ type: CONTROLLER_EVENTS.outbreak, subject: type, message: `virus outbreak reported by ${type}`, time: this.#clock.now().toISOString() });
    const { config } = await this.#applied();
    return Promise.all(onOutbreak(config, type).map((request) => this.#runner.start(request)));
  }

  listRollouts(): Promise<RolloutProgress[]> {
    return this.store.listRollouts();
  }

  resumeRollout(name: string, by: string): Promise<RolloutProgress> {
    return this.#rollouts.resume(name, by);
  }

  async getRun(id: string): Promise<RunDetails | undefined> {
    const run = await this.store.getRun(id);
    return run ? { run, results: await this.store.listDeviceResults(id) } : undefined;
  }

  listRuns(query?: { task?: string; device?: string; limit?: number }): Promise<RunRecord[]> {
    return this.store.listRuns(query);
  }

  listEvents(query?: { type?: string; limit?: number }): ReturnType<Controller['listEvents']> {
    return this.store.listEvents(query);
  }

  status(): ReturnType<Controller['status']> {
    return collectStatus(this.store, this.#clock.now(), this.#timeZone);
  }

  /** No run in progress and no reconcile (whose apply runs are runs too). */
  async idle(): Promise<void> {
    do {
      await this.#reconciler.drain();
      await this.#runner.idle();
    } while (this.#runner.busy);
  }

  /** Every event recorded so far routed, and every delivery finished (tests). */
  notified(): Promise<void> {
    return this.#notifier.flush();
  }

  settled(): Promise<void> {
    return this.#activity.settled();
  }

  presenceChanged(): void {
    this.#scheduler.poke();
  }

  async distributionPointRepository(name: string): Promise<string | undefined> {
    const config = this.#config ?? (await this.#refresh());
    return config.model.distributionPoints.get(name)?.item.repository;
  }

  async #refresh(): Promise<RecordedConfig> {
    this.#config = await recordedConfig(this.store);
    return this.#config;
  }

  async #applied(): Promise<Applied> {
    const config = this.#config ?? (await this.#refresh());
    return { config, configDir: this.#configDir ?? (await this.#lastAppliedDir()) };
  }

  /** When the head could not be read at start, relative source paths resolve against the last applied commit. */
  async #lastAppliedDir(): Promise<string> {
    const commit = (await this.store.listHistory(1))[0]?.commit;
    try {
      const source = await resolveConfigSource({ config: this.#o.config, ...(commit ? { ref: commit } : {}), ...(this.#o.cacheDir ? { cacheDir: this.#o.cacheDir } : {}) });
      this.#configDir = source.dir;
    } catch {
      return this.#o.config;
    }
    return this.#configDir;
  }

  /**
   * What an apply starts runs through the runner like any other start (agents, one run of a
   * task at a time), against the configuration the apply just recorded; the apply waits.
   */
  async #executeForApply(requests: RunRequest[], configDir: string): Promise<RunOutcome[]> {
    this.#before = this.#config ?? (await recordedConfig(this.store));
    this.#configDir = configDir;
    await this.#refresh();
    return Promise.all(requests.map((request) => this.#runner.run(request)));
  }

  /** The new recorded state: joined-scope targets remembered, schedules recomputed. */
  async #afterApply(): Promise<void> {
    const before = this.#before ?? this.#config ?? (await recordedConfig(this.store));
    this.#before = undefined;
    const after = await this.#refresh();
    // Targets that joined a one-shot runMissed task's scope are remembered; the tick below runs the visible ones.
    try {
      await this.#missed.joined(before, after, this.#clock.now());
    } catch (error) {
      this.#o.observer?.log?.('error', `cannot remember the targets that joined a task's scope: ${(error as Error).message}`, {});
    }
    this.#scheduler.poke();
  }
}

export function createController(options: ControllerOptions): Controller {
  return new ControllerImpl(options);
}
