/**
 * The controller (docs/design.md 2 and 4): follows a branch, reconciles each commit, starts tasks on
 * time and on events, and answers the HTTP API. This file is the contract between the core
 * (reconcile loop, scheduler, task runner) and its edges (HTTP API, CLI, metrics).
 */
import type { Plan } from '../plan/index.js';
import type { DeviceResult, EventRecord, LeaseInfo, RolloutProgress, RunRecord, RunTrigger, StateStore } from '../state/index.js';
import type { StatusReport } from '../status/index.js';
import type { AgentHub } from './agents/hub.js';
import type { StartQueue } from './runner.js';
import type { Presence, TargetSelection } from '../runs/index.js';

export type { Clock } from '../util/index.js';
import type { Clock } from '../util/index.js';

export interface ControllerOptions {
  /** Directory, local git repository or git URL of the config (docs/design.md intro, use 1). */
  config: string;
  ref?: string;
  store: StateStore;
  /** With a PostgreSQL state: starts are jobs on the queue (src/queue/; docs/architecture.md "Job queue"). */
  starts?: StartQueue;
  clock?: Clock;
  /** How often the branch is polled for new commits. Default 60 s. */
  pollMs?: number;
  /** A failed commit is retried after `baseMs`, doubling per failure up to `maxMs`. Defaults: DEFAULTS.reconcileRetryMs / reconcileRetryMaxMs. */
  retry?: { baseMs?: number; maxMs?: number };
  /** Delete recorded objects no longer in the config (spec.prune / --prune). */
  prune?: boolean;
  maxDeletes?: number;
  /** DPs synced at once within a run. Default 4. */
  concurrency?: number;
  /** IANA zone for schedules without one. Default: the process's zone. */
  timeZone?: string;
  env?: NodeJS.ProcessEnv;
  cacheDir?: string;
  /** Told about what happens, for metrics and logs (the HTTP edge wires prom-client and pino here). */
  observer?: ControllerObserver;
  /**
   * Whether a DP/device is visible on the network at a task's start (seed 001 "Run missed
   * tasks"). Default: a DP is visible when its repository folder's parent exists
   * (src/controller/presence.ts); agents will report heartbeats later.
   */
  presence?: Presence;
  /**
   * Agents on devices and DPs (docs/design.md 4 `updops agent`): Update-task devices and DPs with an
   * agent run through it, presence comes from heartbeats (falling back to `presence` for names
   * without an agent), and an agent becoming visible is checked for missed starts at once.
   */
  agents?: AgentHub;
  /**
   * The `controller` lease in the store (one active controller per state). Without `standby`,
   * `start` rejects with `LEASE` naming the holder; with it, `start` waits for the lease.
   */
  lease?: {
    ttlMs?: number;
    standby?: boolean;
    /** The host name this replica reports in the lease (default the machine's). */
    host?: string;
    onStandby?: (holder: LeaseInfo) => void;
    /** The lease was lost or a fenced write was refused (`LEASE`, `FENCED`): this controller has stopped leading. */
    onLost?: (error: Error) => void;
  };
  /** Scheduled starts that fell due at most this long ago when this controller takes over are each run (default DEFAULTS.failoverCatchUpMs). */
  catchUpMs?: number;
  /** Delivery of the applied Notifications: the console's address for links, how often the event log is read, retries. */
  notifications?: { consoleUrl?: string; pollMs?: number; retry?: { attempts?: number; baseMs?: number } };
  /** While DPs missed a start, how often presence is checked again. Default: `pollMs`. */
  presenceCheckMs?: number;
  /** How often rollouts are stepped (read reports, pass gates); default 5 s. */
  rolloutTickMs?: number;
}

export interface ControllerObserver {
  reconciled?(result: ReconcileResult, durationMs: number): void;
  runStarted?(run: RunRecord): void;
  runFinished?(run: RunRecord, results: DeviceResult[]): void;
  /** Free-form structured log line; `level` as pino's. */
  log?(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
}

export interface ReconcileResult {
  /** `waiting`: the head is a failed commit whose retry is not due yet (nothing was tried). */
  status: 'applied' | 'unchanged' | 'failed' | 'waiting';
  commit: string | null;
  plan?: Plan;
  error?: string;
  /** When a failed commit is tried again. */
  retryAt?: string;
}

export interface RunDetails {
  run: RunRecord;
  results: DeviceResult[];
}

export type { OutbreakApplicationType } from '../runs/index.js';
import type { OutbreakApplicationType } from '../runs/index.js';

export interface Controller {
  readonly store: StateStore;
  /** The branch, tag or commit followed (`ControllerOptions.ref`); undefined: the repository's HEAD. A webhook reconciles only for a push to it. */
  readonly ref?: string | undefined;
  /** First reconcile, restart recovery (interrupted runs, missed starts), then the loops. */
  start(): Promise<void>;
  /** Graceful: stops loops, cancels or finishes running syncs cleanly, releases locks. */
  stop(): Promise<void>;
  /** Whether this controller holds the lease and leads (false while standing by, and after it lost the lease). */
  readonly leading?: boolean;
  /** Plan and apply the branch head now (webhook, poll). Serialized: one at a time. */
  reconcileNow(reason: string): Promise<ReconcileResult>;
  /**
   * Start a task now; a task already running is recorded as a `skipped` run instead. Resolves
   * once the run is recorded (status `running` or `skipped`), not when it finishes; rejects
   * with `UpdopsError` code `NOT_FOUND` for a task not in the last applied configuration.
   * `selection`: only some targets (`--devices`, `--retry-failed`); unknown names reject with USAGE.
   */
  runTask(task: string, trigger?: RunTrigger, selection?: TargetSelection): Promise<RunRecord>;
  /**
   * Cancels a run this controller is executing and resolves with it once it ended `cancelled`
   * (its reason names `by`). NOT_FOUND for an unknown run, CONFLICT for one that is not running here.
   */
  cancelRun(id: string, by: string): Promise<RunRecord>;
  /** Starts every `onOutbreak` task whose chosen application types include `type`. */
  outbreak(type: OutbreakApplicationType): Promise<RunRecord[]>;
  /** Where each applied rollout stands (docs/architecture.md "Rollouts"). Optional: a follower reads it from the store. */
  listRollouts?(): Promise<RolloutProgress[]>;
  /** A halted rollout goes on (`updops rollout resume`); NOT_FOUND for an unknown one, CONFLICT for one not halted. */
  resumeRollout?(name: string, by: string): Promise<RolloutProgress>;
  getRun(id: string): Promise<RunDetails | undefined>;
  listRuns(query?: { task?: string; device?: string; limit?: number }): Promise<RunRecord[]>;
  listEvents(query?: { type?: string; limit?: number }): Promise<EventRecord[]>;
  status(): Promise<StatusReport>;
  /** Resolves when no run is in progress (tests, graceful shutdown). */
  idle(): Promise<void>;
  /**
   * Resolves when nothing is working except waits on the clock (loops asleep, runs waiting for
   * their randomized-delay offsets). What a test awaits before moving a FakeClock again:
   * `clock.setSettle(() => controller.settled!())` (src/controller/clock.ts).
   */
  settled?(): Promise<void>;
  /** Resolves once the scheduled starts recovered at takeover (a short failover) have run (tests). */
  caughtUp?(): Promise<void>;
  /** Resolves when every event recorded so far was routed and its deliveries finished. */
  notified?(): Promise<void>;
  /** Presence changed (e.g. an agent heartbeat): look for DPs that missed a start now, not at the next tick. */
  presenceChanged?(): void;
  /**
   * The repository folder of DP `name` in the last applied configuration (as written there),
   * or undefined when no applied DP has that name. What `--serve-repository DP` serves.
   */
  distributionPointRepository(name: string): Promise<string | undefined>;
}
