import type pg from 'pg';
import type {
  AgentRecord,
  AgentRegistration,
  ApplyChangesInput,
  DeviceLicence,
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
import { openPool, redactPostgresUrl, schemaVersion, toStateError, withTransaction, type PostgresOptions } from './connection.js';
import * as holders from './holders.js';
import * as objects from './objects.js';
import * as records from './records.js';
import { deleteProgress, getProgress, listProgress, putProgress } from './progress.js';
import * as runs from './runs.js';
import * as transfer from './transfer.js';
import type { StateRows, StateTransfer } from '../transfer.js';
import { readinessOf, unreachable } from '../readiness.js';
import { LATEST_SCHEMA_VERSION } from '../sqlite/migrations.js';

export interface PostgresStateStoreOptions extends PostgresOptions {
  /** Clock, injectable for tests (lock expiry, timestamps). */
  now?: () => Date;
  /** Test hook: called inside the apply transaction after all writes, before commit. */
  beforeApplyCommit?: () => void;
}

const INTERRUPTED_REASON = 'interrupted: the controller restarted while this run was in progress';

/**
 * The PostgreSQL state store (issue 17: `--state postgres://…`): the same interface and the same
 * conformance suite as SQLite, for controller replicas on one state. Every method is one
 * statement or one transaction on a pooled connection; driver errors become `STATE` errors.
 */
export class PostgresStateStore implements StateStore, StateTransfer {
  readonly location: string;
  readonly #pool: pg.Pool;
  readonly #url: string;
  readonly #now: () => Date;
  readonly #beforeApplyCommit: (() => void) | undefined;

  private constructor(url: string, pool: pg.Pool, options: PostgresStateStoreOptions) {
    this.location = redactPostgresUrl(url);
    this.#url = url;
    this.#pool = pool;
    this.#now = options.now ?? (() => new Date());
    this.#beforeApplyCommit = options.beforeApplyCommit;
  }

  static async open(url: string, options: PostgresStateStoreOptions = {}): Promise<PostgresStateStore> {
    const { pool } = await openPool(url, options);
    return new PostgresStateStore(url, pool, options);
  }

  /** Readiness (`/readyz`): the server answers and the schema is this version's. */
  async schemaVersion(): Promise<number> {
    return this.#run(() => schemaVersion(this.#pool));
  }

  getMeta(): Promise<StateMeta> {
    return this.#run(() => objects.readMeta(this.#pool));
  }

  getObject(key: ObjectKey): Promise<StoredObject | undefined> {
    return this.#run(() => objects.getObject(this.#pool, key));
  }

  listObjects(kind?: string): Promise<StoredObject[]> {
    return this.#run(() => objects.listObjects(this.#pool, kind));
  }

  applyChanges(input: ApplyChangesInput): Promise<number> {
    return this.#run(() => withTransaction(this.#pool, (client) => objects.applyChanges(client, input, this.#now(), this.#beforeApplyCommit)));
  }

  listHistory(limit?: number): Promise<HistoryEntry[]> {
    return this.#run(() => objects.listHistory(this.#pool, limit));
  }

  acquireLock(request: LockRequest): Promise<LockInfo> {
    return this.#run(() => holders.acquireLock(this.#pool, request, this.#now()));
  }

  renewLock(id: string, ttlMs: number): Promise<LockInfo> {
    return this.#run(() => holders.renewLock(this.#pool, id, ttlMs, this.#now()));
  }

  releaseLock(id: string): Promise<boolean> {
    return this.#run(() => holders.releaseLock(this.#pool, id));
  }

  forceUnlock(id: string): Promise<void> {
    return this.#run(() => holders.forceUnlock(this.#pool, id));
  }

  getLock(): Promise<LockInfo | undefined> {
    return this.#run(() => holders.readLock(this.#pool));
  }

  getRollout(name: string): Promise<RolloutProgress | undefined> {
    return this.#run(() => getProgress<RolloutProgress>(this.#pool, 'rollouts', name));
  }

  listRollouts(): Promise<RolloutProgress[]> {
    return this.#run(() => listProgress<RolloutProgress>(this.#pool, 'rollouts'));
  }

  putRollout(progress: RolloutProgress, fence?: Fence): Promise<void> {
    return this.#putProgress('rollouts', progress.name, progress, fence);
  }

  deleteRollout(name: string): Promise<void> {
    return this.#run(() => deleteProgress(this.#pool, 'rollouts', name));
  }

  getVerification(task: string): Promise<VerificationProgress | undefined> {
    return this.#run(() => getProgress<VerificationProgress>(this.#pool, 'verifications', task));
  }

  listVerifications(): Promise<VerificationProgress[]> {
    return this.#run(() => listProgress<VerificationProgress>(this.#pool, 'verifications'));
  }

  putVerification(progress: VerificationProgress, fence?: Fence): Promise<void> {
    return this.#putProgress('verifications', progress.task, progress, fence);
  }

  deleteVerification(task: string): Promise<void> {
    return this.#run(() => deleteProgress(this.#pool, 'verifications', task));
  }

  /** A fenced write reads the lease in the same transaction (progress.ts). */
  #putProgress(table: 'rollouts' | 'verifications', name: string, progress: { updatedAt: string }, fence: Fence | undefined): Promise<void> {
    if (!fence) return this.#run(() => putProgress(this.#pool, table, name, progress));
    return this.#run(() => withTransaction(this.#pool, (client) => putProgress(client, table, name, progress, fence)));
  }

  getReconcileStatus(): Promise<ReconcileStatus | undefined> {
    return this.#run(() => records.getReconcileStatus(this.#pool));
  }

  putReconcileStatus(status: ReconcileStatus): Promise<void> {
    return this.#run(() => records.putReconcileStatus(this.#pool, status));
  }

  acquireLease(request: LeaseRequest): Promise<LeaseInfo> {
    return this.#run(() => holders.acquireLease(this.#pool, request, this.#now()));
  }

  renewLease(name: string, id: string, ttlMs: number): Promise<LeaseInfo> {
    return this.#run(() => holders.renewLease(this.#pool, name, id, ttlMs, this.#now()));
  }

  releaseLease(name: string, id: string): Promise<boolean> {
    return this.#run(() => holders.releaseLease(this.#pool, name, id));
  }

  getLease(name: string): Promise<LeaseInfo | undefined> {
    return this.#run(() => holders.readLease(this.#pool, name));
  }

  putObservation(observation: RepositoryObservation): Promise<void> {
    return this.#run(() => records.putObservation(this.#pool, observation));
  }

  getObservation(dp: string): Promise<RepositoryObservation | undefined> {
    return this.#run(() => records.getObservation(this.#pool, dp));
  }

  listObservations(): Promise<RepositoryObservation[]> {
    return this.#run(() => records.listObservations(this.#pool));
  }

  createRun(run: NewRun, fence?: Fence): Promise<RunRecord> {
    if (!fence) return this.#run(() => runs.createRun(this.#pool, run, this.#now()));
    return this.#run(() => withTransaction(this.#pool, (client) => runs.createRun(client, run, this.#now(), fence)));
  }

  updateRun(id: string, update: RunUpdate, fence?: Fence): Promise<RunRecord> {
    if (!fence) return this.#run(() => runs.updateRun(this.#pool, id, update));
    return this.#run(() => withTransaction(this.#pool, (client) => runs.updateRun(client, id, update, fence)));
  }

  listLastScheduled(): Promise<ScheduledStart[]> {
    return this.#run(() => runs.listLastScheduled(this.#pool));
  }

  async ready(): Promise<Readiness> {
    try {
      return readinessOf(await this.schemaVersion(), LATEST_SCHEMA_VERSION);
    } catch (error) {
      return unreachable(this.location, error);
    }
  }

  getRun(id: string): Promise<RunRecord | undefined> {
    return this.#run(() => runs.getRun(this.#pool, id));
  }

  countRuns(task: string, trigger: RunTrigger): Promise<number> {
    return this.#run(() => runs.countRuns(this.#pool, task, trigger));
  }

  listRuns(query?: RunQuery): Promise<RunRecord[]> {
    return this.#run(() => runs.listRuns(this.#pool, query));
  }

  putDeviceResult(result: DeviceResult): Promise<void> {
    return this.#run(() => runs.putDeviceResult(this.#pool, result));
  }

  listDeviceResults(runId: string): Promise<DeviceResult[]> {
    return this.#run(() => runs.listDeviceResults(this.#pool, runId));
  }

  getDeviceResult(runId: string, device: string): Promise<DeviceResult | undefined> {
    return this.#run(() => runs.getDeviceResult(this.#pool, runId, device));
  }

  listLastServed(): Promise<DeviceResult[]> {
    return this.#run(() => runs.listLastServed(this.#pool));
  }

  markInterruptedRuns(reason: string = INTERRUPTED_REASON, trigger?: RunTrigger): Promise<number> {
    return this.#run(() => runs.markInterruptedRuns(this.#pool, reason, this.#now(), trigger));
  }

  upsertAgent(agent: AgentRegistration): Promise<AgentRecord> {
    return this.#run(() => records.upsertAgent(this.#pool, agent, this.#now()));
  }

  recordHeartbeat(name: string, status?: Record<string, unknown>, at?: string, unlicensedUpdates?: number): Promise<AgentRecord> {
    return this.#run(() => records.recordHeartbeat(this.#pool, name, status, at ?? this.#now().toISOString(), unlicensedUpdates));
  }

  getAgent(name: string): Promise<AgentRecord | undefined> {
    return this.#run(() => records.getAgent(this.#pool, name));
  }

  listAgents(): Promise<AgentRecord[]> {
    return this.#run(() => records.listAgents(this.#pool));
  }

  claimAgentResult(runId: string, agent: string, at?: string): Promise<boolean> {
    return this.#run(() => records.claimAgentResult(this.#pool, runId, agent, at ?? this.#now().toISOString()));
  }

  rememberMissed(targets: readonly MissedTarget[]): Promise<void> {
    return this.#run(() => records.rememberMissed(this.#pool, targets));
  }

  listMissed(): Promise<MissedTarget[]> {
    return this.#run(() => records.listMissed(this.#pool));
  }

  forgetMissed(task: string, targets?: readonly string[]): Promise<number> {
    return this.#run(() => records.forgetMissed(this.#pool, task, targets));
  }

  recordUnlicensedUpdates(device: string, count: number, at?: string): Promise<DeviceLicence> {
    return this.#run(() => records.recordUnlicensedUpdates(this.#pool, device, count, at ?? this.#now().toISOString()));
  }

  getDeviceLicence(device: string): Promise<DeviceLicence | undefined> {
    return this.#run(() => records.getDeviceLicence(this.#pool, device));
  }

  listDeviceLicences(): Promise<DeviceLicence[]> {
    return this.#run(() => records.listDeviceLicences(this.#pool));
  }

  appendEvent(event: NewEvent): Promise<EventRecord> {
    return this.#run(() => records.appendEvent(this.#pool, event, this.#now()));
  }

  listEvents(query?: EventQuery): Promise<EventRecord[]> {
    return this.#run(() => records.listEvents(this.#pool, query));
  }

  /** One REPEATABLE READ transaction: a consistent snapshot, as SQLite's read transaction. */
  dump(): Promise<StateDump> {
    return this.#run(() =>
      withTransaction(
        this.#pool,
        async (client): Promise<StateDump> => ({
          meta: await objects.readMeta(client),
          objects: await objects.listObjects(client),
          history: (await objects.listHistory(client)).reverse(),
          lock: (await holders.readLock(client)) ?? null,
          observations: await records.listObservations(client),
          ...(await runs.dumpRuns(client)),
          events: await records.dumpEvents(client),
        }),
        { isolation: 'REPEATABLE READ' },
      ),
    );
  }

  exportRows(): Promise<StateRows> {
    return this.#run(() => transfer.exportRows(this.#pool));
  }

  importRows(rows: StateRows): Promise<void> {
    return this.#run(() => transfer.importRows(this.#pool, rows, this.location));
  }

  async close(): Promise<void> {
    await this.#pool.end().catch(() => undefined);
  }

  async #run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toStateError(error, this.#url);
    }
  }
}
