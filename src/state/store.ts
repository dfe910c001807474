/**
 * The state store: what updops recorded at the last apply, what it observed, and what ran
 * (docs/design.md 2 "Actual state", docs/design.md 1 "Runs and statuses", docs/design.md 4 "State").
 *
 * One interface, several back ends (embedded SQLite by default, PostgreSQL later), checked by
 * one conformance suite. Every method returns a Promise even where the SQLite driver is
 * synchronous, so a networked back end fits the same shape.
 *
 * Times are ISO 8601 strings in UTC (`2026-01-31T12:00:00.000Z`). Absent optional values are
 * omitted from records, never `null`, so records compare and serialise the same everywhere.
 */

/** One object updops applied, keyed by (kind, name). */
export interface StoredObject {
  kind: string;
  name: string;
  /** The normalized spec, already redacted by the caller (secrets never reach the store). */
  spec: unknown;
  /** sha256 of the stable JSON of `spec` (see `specHash`). */
  specHash: string;
  /** Commit the object was last written at; omitted when applied from a plain directory. */
  appliedCommit?: string;
  appliedAt: string;
}

export interface ObjectKey {
  kind: string;
  name: string;
}

export interface ObjectUpsert extends ObjectKey {
  spec: unknown;
}

/** The lineage of a state that does not exist yet: what a plan made before the first apply records. */
export const NO_LINEAGE = '';

/** Identity of the recorded state: saved plans carry both and are refused when they differ. */
export interface StateMeta {
  /** Random UUID made when the state was created; a different lineage is a different state (NO_LINEAGE: none exists yet). */
  lineage: string;
  /** Incremented by every write of objects (`applyChanges`). */
  serial: number;
  /** Version of the database schema (the newest applied migration). */
  schemaVersion: number;
}

export interface ApplyChangesInput {
  commit: string | undefined;
  dirty: boolean;
  /** When given and not the current serial, nothing is written and `PLAN_STALE` is thrown. */
  expectedSerial?: number;
  upserts: readonly ObjectUpsert[];
  deletes: readonly ObjectKey[];
  /** The plan that was applied; recorded as JSON in the history. */
  plan: unknown;
  summary: string;
  /** Written only while this lease generation is current (checked in the same transaction); else `FENCED`. */
  fence?: Fence;
}

/** One entry of `updops history` (docs/design.md 2: "the controller records every applied commit"). */
export interface HistoryEntry {
  id: number;
  commit?: string;
  dirty: boolean;
  appliedAt: string;
  /** The serial the apply produced. */
  serial: number;
  planJson: string;
  summary: string;
}

export interface LockRequest {
  owner: string;
  host: string;
  pid: number;
  ttlMs: number;
  /** What the holder is doing, e.g. `apply`, for the message a second caller sees. */
  operation: string;
}

export interface LockInfo {
  id: string;
  owner: string;
  host: string;
  pid: number;
  operation: string;
  acquiredAt: string;
  expiresAt: string;
}

/**
 * The controller's condition for the last commit it tried (like a Flux `Ready` condition):
 * `Ready` when the commit was applied and what it started succeeded, else `Failed` with why.
 */
export const RECONCILE_CONDITIONS = ['Ready', 'Failed'] as const;
export type ReconcileCondition = (typeof RECONCILE_CONDITIONS)[number];

/** One device's outcome in a rollout, once known (an admitted device without one is pending). */
export interface RolloutDeviceOutcome {
  wave: number;
  outcome: 'succeeded' | 'failed';
  reason?: string;
  at: string;
}

/**
 * Where a rollout stands (docs/architecture.md "Rollouts"): the waves up to `wave` are admitted
 * (their devices get the rollout's version), `status` says whether it moves on, and each
 * device's outcome is kept once known. Written whole by the leader, fenced.
 */
export interface RolloutProgress {
  name: string;
  /** The spec hash of the Rollout this progress follows: a new spec (a commit) resumes a halt. */
  specHash: string;
  /** The version rolled out: a rollout given another version starts over from its first wave. */
  version: string;
  wave: number;
  status: 'progressing' | 'halted' | 'completed';
  /** When the current wave's devices were admitted: pending timeouts count from here. */
  waveStartedAt: string;
  halted?: { at: string; reason: string };
  /** Who resumed it last (`updops rollout resume`), and when. */
  resumed?: { by: string; at: string };
  devices: Record<string, RolloutDeviceOutcome>;
  updatedAt: string;
}

/**
 * Where a download task's "verify on test devices" stands (docs/architecture.md "Verify on test
 * devices"): the release its test devices last verified, which the other devices its DPs serve
 * get, and the gate of the release under test — a one-wave rollout of the test devices (its
 * `version` the release, `status` progressing while verifying, completed once verified, halted
 * when failed). Written whole by the leader, fenced.
 */
export interface VerificationProgress {
  /** The download task. */
  task: string;
  approved?: { version: string; at: string };
  gate: RolloutProgress;
  updatedAt: string;
}

export interface ReconcileStatus {
  /** The commit tried; omitted for a plain folder. */
  commit?: string;
  condition: ReconcileCondition;
  /** A stable word for machines: `ReconcileSucceeded`, `ValidationFailed`, `ApplyFailed`, `RunFailed`, `SourceUnreachable`. */
  reason: string;
  message: string;
  lastAttemptAt: string;
  /** Attempts of this commit that failed in a row; 0 when Ready. */
  failures: number;
  /** When a failed commit is tried again (exponential backoff); omitted when Ready or not retried. */
  nextRetryAt?: string;
  /** The last commit that became Ready, and when. */
  lastReadyCommit?: string;
  lastReadyAt?: string;
}

export interface LeaseRequest {
  /** What the lease is for: `controller` (one active controller per state). */
  name: string;
  owner: string;
  host: string;
  pid: number;
  ttlMs: number;
  /** Take over the lease with this id even while live: its holder is known to be dead (same host, no such pid). */
  replacing?: string;
}

/**
 * A write made on behalf of a lease holder (the active controller): the store checks, inside the
 * write's own transaction, that lease `lease` still has `generation`, and throws `FENCED`
 * otherwise — so a controller that lost its lease cannot write after another took over.
 */
export interface Fence {
  lease: string;
  generation: number;
}

/** `/readyz`: the store answers and its schema is the one this updops knows (migrations current). */
export interface Readiness {
  ready: boolean;
  /** Why not, when not ready. */
  reason?: string;
  /** The schema version found, when the store answered. */
  schemaVersion?: number;
}

/** A task's newest recorded scheduled start (`runs.scheduled_at`). */
export interface ScheduledStart {
  task: string;
  scheduledAt: string;
}

export interface LeaseInfo {
  name: string;
  /** This holding of the lease; renewing or releasing needs it. */
  id: string;
  owner: string;
  host: string;
  pid: number;
  /** Increases by one on every acquisition, so a write can be fenced by the holder it came from. */
  generation: number;
  acquiredAt: string;
  expiresAt: string;
}

/** What updops last saw in a DP's repository folder (drift detection, docs/design.md 2). */
export interface RepositoryObservation {
  dp: string;
  /** Published repository version; omitted when the repository is empty. */
  version?: string;
  /** Publication time of that version. */
  published?: string;
  observedAt: string;
  missing: string[];
  corrupt: string[];
}

export const RUN_TRIGGERS = ['schedule', 'manual', 'chain', 'outbreak', 'missed', 'apply', 'rollout'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** `cancelled`: stopped on purpose (a clean shutdown); `interrupted`: found unfinished after a crash. */
export const RUN_STATUSES = ['pending', 'running', 'completed', 'failed', 'skipped', 'interrupted', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const DEVICE_STATUSES = ['pending', 'running', 'completed', 'failed', 'skipped'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

export interface RunRecord {
  id: string;
  task: string;
  trigger: RunTrigger;
  status: RunStatus;
  startedAt: string;
  finishedAt?: string;
  reason?: string;
  /** For a scheduled start: the instant it fell due. One due start of a task is recorded at most once. */
  scheduledAt?: string;
}

export interface NewRun {
  task: string;
  trigger: RunTrigger;
  /** Default `pending`. */
  status?: RunStatus;
  /** Default: now. */
  startedAt?: string;
  /** Default: a random UUID. */
  id?: string;
  /**
   * The due instant of a scheduled start. A second run of the same task with the same instant
   * is refused with `CONFLICT` (detail `scheduled-start-recorded`): another replica recorded it.
   */
  scheduledAt?: string;
}

export interface RunUpdate {
  status?: RunStatus;
  finishedAt?: string;
  reason?: string;
}

/** A device's (or DP's) result within a run; keyed by (runId, device). */
export interface DeviceResult {
  runId: string;
  device: string;
  status: DeviceStatus;
  reason?: string;
  files: number;
  bytes: number;
  durationMs: number;
  /** The UpdateSource (name) that served this target's update; omitted when none did (failed, skipped, not yet done). */
  source?: string;
  /** Why the sources before `source` in the task's list were skipped, e.g. `vendor: SOURCE_UNREACHABLE: …`; omitted when the first one served. */
  fallbackReason?: string;
}

export interface EventRecord {
  id: number;
  time: string;
  /** e.g. `ReconcileFailed`, `BasesAreOutOfDate`, `ApplicationRolledBack`. */
  type: string;
  /** What the event is about, e.g. a device, DP or task name. */
  subject?: string;
  message: string;
  data?: unknown;
}

export interface NewEvent {
  type: string;
  subject?: string;
  message: string;
  data?: unknown;
  /** Default: now. */
  time?: string;
}

export interface EventQuery {
  type?: string;
  subject?: string;
  /** Only events after this id, oldest first (a reader following the log); without it, newest first. */
  afterId?: number;
  /** Default 100. */
  limit?: number;
}

export interface RunQuery {
  task?: string;
  /** Only runs that had this DP/device as a target (`updops runs --device`). */
  device?: string;
  /** Default 100. */
  limit?: number;
}

/** What an agent on a DP or device is (docs/design.md 4 `updops agent`). */
export const AGENT_ROLES = ['dp', 'device'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export interface AgentRecord {
  name: string;
  role: AgentRole;
  os: string;
  version: string;
  registeredAt: string;
  lastSeen: string;
  /** The last heartbeat's status (device: databases, freshness, application; DP: repository version). */
  status?: Record<string, unknown>;
  /** The interval it registered with (migration 8); absent: registered before, or none given. */
  heartbeatSeconds?: number;
}

export interface AgentRegistration {
  name: string;
  role: AgentRole;
  os: string;
  version: string;
  /** Default: now. */
  at?: string;
  /** How often it heartbeats: other replicas judge its presence from lastSeen with it. */
  heartbeatSeconds?: number;
}

/**
 * A target a `runMissed` task still owes a run (seed 001 "Run missed tasks"): not visible at a
 * start, or joined the scope of a one-shot task after it ran. Keyed by (task, target).
 */
export interface MissedTarget {
  task: string;
  /** A DP or device name. */
  target: string;
  /** When it was first remembered (a later miss keeps this). */
  since: string;
  /** The run it missed (for a join: the task's last start); omitted when unknown. */
  runId?: string;
}

/**
 * The licence rule's memory on the controller's side (seed 000: "If there is no current license,
 * you will only be able to perform one update"): the most unlicensed updates the device or the
 * controller ever counted. It never goes down, so wiping the device folder does not reset it.
 */
export interface DeviceLicence {
  device: string;
  unlicensedUpdates: number;
  /** When the count last went up (or was first recorded). */
  updatedAt: string;
}

/** Everything in the store, in a fixed order, for "state unchanged" comparisons. */
export interface StateDump {
  meta: StateMeta;
  objects: StoredObject[];
  history: HistoryEntry[];
  lock: LockInfo | null;
  observations: RepositoryObservation[];
  runs: RunRecord[];
  deviceResults: DeviceResult[];
  events: EventRecord[];
}

export interface StateStore {
  /** Where the state lives, for messages (a file path, or a redacted connection string). */
  readonly location: string;

  getMeta(): Promise<StateMeta>;
  getObject(key: ObjectKey): Promise<StoredObject | undefined>;
  /** Sorted by kind, then name. */
  listObjects(kind?: string): Promise<StoredObject[]>;
  /**
   * Writes all object changes of one apply in ONE transaction (docs/design.md 2 "Apply"): checks
   * `expectedSerial`, upserts, deletes, bumps the serial and appends a history entry.
   * Resolves to the new serial. On any failure nothing is written.
   */
  applyChanges(input: ApplyChangesInput): Promise<number>;
  /** Newest first. */
  listHistory(limit?: number): Promise<HistoryEntry[]>;

  /**
   * Takes the single state lock, or takes over an expired one. Throws `LOCKED` naming the
   * holder when a live lock exists. Safe across processes.
   */
  acquireLock(request: LockRequest): Promise<LockInfo>;
  /** Extends a held lock (long applies); throws `LOCKED` if `id` no longer holds it. */
  renewLock(id: string, ttlMs: number): Promise<LockInfo>;
  /** Releases the lock if `id` holds it; resolves to whether anything was released. */
  releaseLock(id: string): Promise<boolean>;
  /** Removes the lock only if `id` holds it (`--force-unlock <id>`); throws `NOT_FOUND` otherwise. */
  forceUnlock(id: string): Promise<void>;
  getLock(): Promise<LockInfo | undefined>;

  getReconcileStatus(): Promise<ReconcileStatus | undefined>;
  putReconcileStatus(status: ReconcileStatus): Promise<void>;

  getRollout(name: string): Promise<RolloutProgress | undefined>;
  listRollouts(): Promise<RolloutProgress[]>;
  /** Replaces the rollout's progress; with `fence`, only while that lease generation holds (`FENCED` otherwise). */
  putRollout(progress: RolloutProgress, fence?: Fence): Promise<void>;
  /** Removes the progress of rollouts no longer in the config. */
  deleteRollout(name: string): Promise<void>;

  getVerification(task: string): Promise<VerificationProgress | undefined>;
  listVerifications(): Promise<VerificationProgress[]>;
  /** Replaces a download task's verification progress; fenced like `putRollout`. */
  putVerification(progress: VerificationProgress, fence?: Fence): Promise<void>;
  /** Removes the progress of tasks that no longer verify. */
  deleteVerification(task: string): Promise<void>;

  /**
   * Takes lease `name`, or takes over an expired one (the generation goes up). Throws `LEASE`
   * naming the holder while a live lease exists. Safe across processes.
   */
  acquireLease(request: LeaseRequest): Promise<LeaseInfo>;
  /** Extends a held lease; throws `LEASE` when `id` no longer holds it (it expired and was taken over). */
  renewLease(name: string, id: string, ttlMs: number): Promise<LeaseInfo>;
  /** Releases the lease if `id` holds it; resolves to whether anything was released. */
  releaseLease(name: string, id: string): Promise<boolean>;
  getLease(name: string): Promise<LeaseInfo | undefined>;

  putObservation(observation: RepositoryObservation): Promise<void>;
  getObservation(dp: string): Promise<RepositoryObservation | undefined>;
  /** Sorted by DP name. */
  listObservations(): Promise<RepositoryObservation[]>;

  /** With `fence`, written only while that lease generation is current, else `FENCED`. */
  createRun(run: NewRun, fence?: Fence): Promise<RunRecord>;
  /** Throws `NOT_FOUND` for an unknown run; with `fence`, `FENCED` once that lease generation is not current. */
  updateRun(id: string, update: RunUpdate, fence?: Fence): Promise<RunRecord>;
  /** Each task's newest `scheduledAt`, sorted by task: where a scheduler that takes over resumes. */
  listLastScheduled(): Promise<ScheduledStart[]>;
  getRun(id: string): Promise<RunRecord | undefined>;
  /** Newest first. */
  listRuns(query?: RunQuery): Promise<RunRecord[]>;
  /** How many runs `task` had with `trigger`, every one counted (manual starts re-deal randomized-delay offsets). */
  countRuns(task: string, trigger: RunTrigger): Promise<number>;
  /** Inserts or replaces the result of (runId, device); throws `NOT_FOUND` for an unknown run. */
  putDeviceResult(result: DeviceResult): Promise<void>;
  /** Sorted by device name. */
  listDeviceResults(runId: string): Promise<DeviceResult[]>;
  /** The result of one (runId, device), or undefined: one row, where listing the run's results reads them all. */
  getDeviceResult(runId: string, device: string): Promise<DeviceResult | undefined>;
  /**
   * For every DP/device, its result in the newest run where a source served it (`source` set), sorted
   * by device name: which source served each target's last update and why earlier ones were skipped.
   */
  listLastServed(): Promise<DeviceResult[]>;
  /**
   * After a controller restart, nothing is still running: every `running`/`pending` run becomes
   * `interrupted` (and its unfinished device results `failed`). With `trigger`, only runs of that
   * trigger (an apply that takes the lock ends the `apply` runs of one that died holding it).
   * Resolves to the runs changed.
   */
  markInterruptedRuns(reason?: string, trigger?: RunTrigger): Promise<number>;

  /** Registers (or re-registers) an agent; lastSeen becomes the registration time. */
  upsertAgent(agent: AgentRegistration): Promise<AgentRecord>;
  /**
   * Sets lastSeen and, when given, the status; throws `NOT_FOUND` for an agent never registered.
   * With `unlicensedUpdates`, also records that count as `recordUnlicensedUpdates` does — on
   * PostgreSQL all of it is one statement (one round trip per heartbeat, whichever replica takes it).
   */
  recordHeartbeat(name: string, status?: Record<string, unknown>, at?: string, unlicensedUpdates?: number): Promise<AgentRecord>;
  getAgent(name: string): Promise<AgentRecord | undefined>;
  /** Sorted by name. */
  listAgents(): Promise<AgentRecord[]>;
  /** True the first time (runId, agent) is claimed, false for every repeat: agent results count once. */
  claimAgentResult(runId: string, agent: string, at?: string): Promise<boolean>;

  /** Remembers missed targets; one already remembered keeps its `since` and `runId`. */
  rememberMissed(targets: readonly MissedTarget[]): Promise<void>;
  /** Sorted by task, then target. */
  listMissed(): Promise<MissedTarget[]>;
  /** Forgets `targets` of `task` (all of its targets when omitted); resolves to how many were forgotten. */
  forgetMissed(task: string, targets?: readonly string[]): Promise<number>;

  /**
   * Records what a device (or the controller) counted: the stored count becomes the larger of the
   * two, never smaller. Throws `USAGE` for a count that is not a non-negative integer.
   */
  recordUnlicensedUpdates(device: string, count: number, at?: string): Promise<DeviceLicence>;
  getDeviceLicence(device: string): Promise<DeviceLicence | undefined>;
  /** Sorted by device name. */
  listDeviceLicences(): Promise<DeviceLicence[]>;

  appendEvent(event: NewEvent): Promise<EventRecord>;
  /** Newest first. */
  listEvents(query?: EventQuery): Promise<EventRecord[]>;

  /** Whether the store answers and its schema is current (`/readyz`); never throws. */
  ready(): Promise<Readiness>;

  dump(): Promise<StateDump>;
  close(): Promise<void>;
}
