import type { Database as SqliteDatabase } from 'better-sqlite3';
import type {
  AgentRecord,
  AgentRegistration,
  ApplyChangesInput,
  DeviceResult,
  EventQuery,
  EventRecord,
  Fence,
  HistoryEntry,
  LeaseInfo,
  LeaseRequest,
  LockInfo,
  LockRequest,
  MissedTarget,
  DeviceLicence,
  NewEvent,
  NewRun,
  ObjectKey,
  ReconcileStatus,
  RolloutProgress,
  VerificationProgress,
  Readiness,
  RepositoryObservation,
  RunQuery,
  RunRecord,
  RunTrigger,
  RunUpdate,
  ScheduledStart,
  StateDump,
  StateMeta,
  StateStore,
  StoredObject,
} from '../store.js';
import { NO_LINEAGE } from '../store.js';
import * as agents from './agents.js';
import * as events from './events.js';
import * as leases from './leases.js';
import * as lock from './lock.js';
import * as missed from './missed.js';
import * as reconcile from './reconcile-status.js';
import { deleteProgress, getProgress, listProgress, putProgress } from './progress.js';
import * as objects from './objects.js';
import { openDatabase } from './open-database.js';
import * as runs from './runs.js';
import * as transfer from './transfer.js';
import type { StateRows, StateTransfer } from '../transfer.js';
import { toStateError } from './sqlite-errors.js';
import { readinessOf, unreachable } from '../readiness.js';
import { LATEST_SCHEMA_VERSION } from './migrations.js';

export interface SqliteStateStoreOptions {
  /** Clock, injectable for tests (lock expiry, timestamps). */
  now?: () => Date;
  /** Test hook: called inside the apply transaction after all writes, before commit. */
  beforeApplyCommit?: () => void;
  /** Open only a file that exists (never create one). */
  fileMustExist?: boolean;
}

const INTERRUPTED_REASON = 'interrupted: the controller restarted while this run was in progress';

/**
 * The embedded SQLite state store (docs/design.md 4: zero set-up default). better-sqlite3 is
 * synchronous; every method still returns a Promise so callers are written for any back end.
 */
export class SqliteStateStore implements StateStore, StateTransfer {
  readonly location: string;
  readonly #db: SqliteDatabase;
  readonly #now: () => Date;
  readonly #beforeApplyCommit: (() => void) | undefined;

  private constructor(path: string, db: SqliteDatabase, options: SqliteStateStoreOptions) {
    this.location = path;
    this.#db = db;
    this.#now = options.now ?? (() => new Date());
    this.#beforeApplyCommit = options.beforeApplyCommit;
  }

  static async open(path: string, options: SqliteStateStoreOptions = {}): Promise<SqliteStateStore> {
    const db = openDatabase(path, options.now ?? (() => new Date()), { fileMustExist: options.fileMustExist ?? false });
    return new SqliteStateStore(path, db, options);
  }

  /** An empty state in memory whose lineage says no state exists yet (NO_LINEAGE). */
  static async openEmpty(options: SqliteStateStoreOptions = {}): Promise<SqliteStateStore> {
    const db = openDatabase(':memory:', options.now ?? (() => new Date()));
    db.prepare('UPDATE meta SET lineage = ? WHERE id = 1').run(NO_LINEAGE);
    return new SqliteStateStore(':memory:', db, options);
  }

  async getMeta(): Promise<StateMeta> {
    return this.#run(() => objects.readMeta(this.#db));
  }

  async getObject(key: ObjectKey): Promise<StoredObject | undefined> {
    return this.#run(() => objects.getObject(this.#db, key));
  }

  async listObjects(kind?: string): Promise<StoredObject[]> {
    return this.#run(() => objects.listObjects(this.#db, kind));
  }

  async applyChanges(input: ApplyChangesInput): Promise<number> {
    return this.#run(() => objects.applyChanges(this.#db, input, this.#now(), this.#beforeApplyCommit));
  }

  async listHistory(limit?: number): Promise<HistoryEntry[]> {
    return this.#run(() => objects.listHistory(this.#db, limit));
  }

  async acquireLock(request: LockRequest): Promise<LockInfo> {
    return this.#run(() => lock.acquireLock(this.#db, request, this.#now()));
  }

  async renewLock(id: string, ttlMs: number): Promise<LockInfo> {
    return this.#run(() => lock.renewLock(this.#db, id, ttlMs, this.#now()));
  }

  async releaseLock(id: string): Promise<boolean> {
    return this.#run(() => lock.releaseLock(this.#db, id));
  }

  async forceUnlock(id: string): Promise<void> {
    this.#run(() => lock.forceUnlock(this.#db, id));
  }

  async getLock(): Promise<LockInfo | undefined> {
    return this.#run(() => lock.readLock(this.#db));
  }

  async getRollout(name: string): Promise<RolloutProgress | undefined> {
    return this.#run(() => getProgress<RolloutProgress>(this.#db, 'rollouts', name));
  }

  async listRollouts(): Promise<RolloutProgress[]> {
    return this.#run(() => listProgress<RolloutProgress>(this.#db, 'rollouts'));
  }

  async putRollout(progress: RolloutProgress, fence?: Fence): Promise<void> {
    this.#run(() => putProgress(this.#db, 'rollouts', progress.name, progress, fence));
  }

  async deleteRollout(name: string): Promise<void> {
    this.#run(() => deleteProgress(this.#db, 'rollouts', name));
  }

  async getVerification(task: string): Promise<VerificationProgress | undefined> {
    return this.#run(() => getProgress<VerificationProgress>(this.#db, 'verifications', task));
  }

  async listVerifications(): Promise<VerificationProgress[]> {
    return this.#run(() => listProgress<VerificationProgress>(this.#db, 'verifications'));
  }

  async putVerification(progress: VerificationProgress, fence?: Fence): Promise<void> {
    this.#run(() => putProgress(this.#db, 'verifications', progress.task, progress, fence));
  }

  async deleteVerification(task: string): Promise<void> {
    this.#run(() => deleteProgress(this.#db, 'verifications', task));
  }

  async getReconcileStatus(): Promise<ReconcileStatus | undefined> {
    return this.#run(() => reconcile.getReconcileStatus(this.#db));
  }

  async putReconcileStatus(status: ReconcileStatus): Promise<void> {
    this.#run(() => reconcile.putReconcileStatus(this.#db, status));
  }

  async acquireLease(request: LeaseRequest): Promise<LeaseInfo> {
    return this.#run(() => leases.acquireLease(this.#db, request, this.#now()));
  }

  async renewLease(name: string, id: string, ttlMs: number): Promise<LeaseInfo> {
    return this.#run(() => leases.renewLease(this.#db, name, id, ttlMs, this.#now()));
  }

  async releaseLease(name: string, id: string): Promise<boolean> {
    return this.#run(() => leases.releaseLease(this.#db, name, id));
  }

  async getLease(name: string): Promise<LeaseInfo | undefined> {
    return this.#run(() => leases.readLease(this.#db, name));
  }

  async putObservation(observation: RepositoryObservation): Promise<void> {
    this.#run(() => events.putObservation(this.#db, observation));
  }

  async getObservation(dp: string): Promise<RepositoryObservation | undefined> {
    return this.#run(() => events.getObservation(this.#db, dp));
  }

  async listObservations(): Promise<RepositoryObservation[]> {
    return this.#run(() => events.listObservations(this.#db));
  }

  async createRun(run: NewRun, fence?: Fence): Promise<RunRecord> {
    return this.#run(() => runs.createRun(this.#db, run, this.#now(), fence));
  }

  async updateRun(id: string, update: RunUpdate, fence?: Fence): Promise<RunRecord> {
    return this.#run(() => runs.updateRun(this.#db, id, update, fence));
  }

  async listLastScheduled(): Promise<ScheduledStart[]> {
    return this.#run(() => runs.listLastScheduled(this.#db));
  }

  async ready(): Promise<Readiness> {
    try {
      const version = (this.#db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null) ?? 0;
      return readinessOf(version, LATEST_SCHEMA_VERSION);
    } catch (error) {
      return unreachable(this.location, error);
    }
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    return this.#run(() => runs.getRun(this.#db, id));
  }

  async countRuns(task: string, trigger: RunTrigger): Promise<number> {
    return this.#run(() => runs.countRuns(this.#db, task, trigger));
  }

  async listRuns(query?: RunQuery): Promise<RunRecord[]> {
    return this.#run(() => runs.listRuns(this.#db, query));
  }

  async putDeviceResult(result: DeviceResult): Promise<void> {
    this.#run(() => runs.putDeviceResult(this.#db, result));
  }

  async listDeviceResults(runId: string): Promise<DeviceResult[]> {
    return this.#run(() => runs.listDeviceResults(this.#db, runId));
  }

  async getDeviceResult(runId: string, device: string): Promise<DeviceResult | undefined> {
    return this.#run(() => runs.getDeviceResult(this.#db, runId, device));
  }

  async listLastServed(): Promise<DeviceResult[]> {
    return this.#run(() => runs.listLastServed(this.#db));
  }

  async markInterruptedRuns(reason: string = INTERRUPTED_REASON, trigger?: RunTrigger): Promise<number> {
    return this.#run(() => runs.markInterruptedRuns(this.#db, reason, this.#now(), trigger));
  }

  async upsertAgent(agent: AgentRegistration): Promise<AgentRecord> {
    return this.#run(() => agents.upsertAgent(this.#db, agent, this.#now()));
  }

  async recordHeartbeat(name: string, status?: Record<string, unknown>, at?: string, unlicensedUpdates?: number): Promise<AgentRecord> {
    return this.#run(() => agents.recordHeartbeat(this.#db, name, status, at ?? this.#now().toISOString(), unlicensedUpdates));
  }

  async getAgent(name: string): Promise<AgentRecord | undefined> {
    return this.#run(() => agents.getAgent(this.#db, name));
  }

  async listAgents(): Promise<AgentRecord[]> {
    return this.#run(() => agents.listAgents(this.#db));
  }

  async claimAgentResult(runId: string, agent: string, at?: string): Promise<boolean> {
    return this.#run(() => agents.claimAgentResult(this.#db, runId, agent, at ?? this.#now().toISOString()));
  }

  async rememberMissed(targets: readonly MissedTarget[]): Promise<void> {
    this.#run(() => missed.rememberMissed(this.#db, targets));
  }

  async listMissed(): Promise<MissedTarget[]> {
    return this.#run(() => missed.listMissed(this.#db));
  }

  async forgetMissed(task: string, targets?: readonly string[]): Promise<number> {
    return this.#run(() => missed.forgetMissed(this.#db, task, targets));
  }

  async recordUnlicensedUpdates(device: string, count: number, at?: string): Promise<DeviceLicence> {
    return this.#run(() => missed.recordUnlicensedUpdates(this.#db, device, count, at ?? this.#now().toISOString()));
  }

  async getDeviceLicence(device: string): Promise<DeviceLicence | undefined> {
    return this.#run(() => missed.getDeviceLicence(this.#db, device));
  }

  async listDeviceLicences(): Promise<DeviceLicence[]> {
    return this.#run(() => missed.listDeviceLicences(this.#db));
  }

  async appendEvent(event: NewEvent): Promise<EventRecord> {
    return this.#run(() => events.appendEvent(this.#db, event, this.#now()));
  }

  async listEvents(query?: EventQuery): Promise<EventRecord[]> {
    return this.#run(() => events.listEvents(this.#db, query));
  }

  /** One read transaction, so the dump is a consistent snapshot. */
  async dump(): Promise<StateDump> {
    return this.#run(() =>
      this.#db.transaction(
        (): StateDump => ({
          meta: objects.readMeta(this.#db),
          objects: objects.listObjects(this.#db),
          history: objects.listHistory(this.#db).reverse(),
          lock: lock.readLock(this.#db) ?? null,
          observations: events.listObservations(this.#db),
          ...runs.dumpRuns(this.#db),
          events: events.dumpEvents(this.#db),
        }),
      )(),
    );
  }

  async exportRows(): Promise<StateRows> {
    return this.#run(() => transfer.exportRows(this.#db));
  }

  async importRows(rows: StateRows): Promise<void> {
    this.#run(() => transfer.importRows(this.#db, rows, this.location));
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }

  /** Runs one synchronous driver call, turning driver errors into `STATE` errors. */
  #run<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw toStateError(error, this.location);
    }
  }
}
