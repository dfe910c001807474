import type {
  AgentRecord,
  AgentRole,
  DeviceLicence,
  MissedTarget,
  ReconcileCondition,
  ReconcileStatus,
  DeviceResult,
  DeviceStatus,
  EventRecord,
  HistoryEntry,
  LockInfo,
  RepositoryObservation,
  RunRecord,
  RunStatus,
  RunTrigger,
  StoredObject,
} from './store.js';

/**
 * Rows as the SQL back ends return them (SQLite, and PostgreSQL with int8 parsed as numbers — the
 * two schemas share column names), and their mapping to the store's records (nulls → omitted).
 */

export interface ObjectRow {
  kind: string;
  name: string;
  spec_json: string;
  spec_hash: string;
  applied_commit: string | null;
  applied_at: string;
}

export interface HistoryRow {
  id: number;
  commit_sha: string | null;
  dirty: number;
  applied_at: string;
  serial: number;
  plan_json: string;
  summary: string;
}

export interface LockRow {
  id: string;
  owner: string;
  host: string;
  pid: number;
  operation: string;
  acquired_at: string;
  expires_at: string;
}

export interface ObservationRow {
  dp: string;
  version: string | null;
  published: string | null;
  observed_at: string;
  missing_json: string;
  corrupt_json: string;
}

export interface RunRow {
  id: string;
  task: string;
  run_trigger: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  reason: string | null;
  scheduled_at: string | null;
}

export interface DeviceResultRow {
  run_id: string;
  device: string;
  status: string;
  reason: string | null;
  files: number;
  bytes: number;
  duration_ms: number;
  source: string | null;
  fallback_reason: string | null;
}

export interface EventRow {
  id: number;
  time: string;
  type: string;
  subject: string | null;
  message: string;
  data_json: string | null;
}

export function toObject(row: ObjectRow): StoredObject {
  return {
    kind: row.kind,
    name: row.name,
    spec: JSON.parse(row.spec_json),
    specHash: row.spec_hash,
    ...optional('appliedCommit', row.applied_commit),
    appliedAt: row.applied_at,
  };
}

export function toHistory(row: HistoryRow): HistoryEntry {
  return {
    id: row.id,
    ...optional('commit', row.commit_sha),
    dirty: row.dirty !== 0,
    appliedAt: row.applied_at,
    serial: row.serial,
    planJson: row.plan_json,
    summary: row.summary,
  };
}

export function toLock(row: LockRow): LockInfo {
  return {
    id: row.id,
    owner: row.owner,
    host: row.host,
    pid: row.pid,
    operation: row.operation,
    acquiredAt: row.acquired_at,
    expiresAt: row.expires_at,
  };
}

export function toObservation(row: ObservationRow): RepositoryObservation {
  return {
    dp: row.dp,
    ...optional('version', row.version),
    ...optional('published', row.published),
    observedAt: row.observed_at,
    missing: JSON.parse(row.missing_json) as string[],
    corrupt: JSON.parse(row.corrupt_json) as string[],
  };
}

export function toRun(row: RunRow): RunRecord {
  return {
    id: row.id,
    task: row.task,
    trigger: row.run_trigger as RunTrigger,
    status: row.status as RunStatus,
    startedAt: row.started_at,
    ...optional('finishedAt', row.finished_at),
    ...optional('reason', row.reason),
    ...optional('scheduledAt', row.scheduled_at),
  };
}

export function toDeviceResult(row: DeviceResultRow): DeviceResult {
  return {
    runId: row.run_id,
    device: row.device,
    status: row.status as DeviceStatus,
    ...optional('reason', row.reason),
    files: row.files,
    bytes: row.bytes,
    durationMs: row.duration_ms,
    ...optional('source', row.source),
    ...optional('fallbackReason', row.fallback_reason),
  };
}

export function toEvent(row: EventRow): EventRecord {
  return {
    id: row.id,
    time: row.time,
    type: row.type,
    ...optional('subject', row.subject),
    message: row.message,
    ...(row.data_json === null ? {} : { data: JSON.parse(row.data_json) as unknown }),
  };
}

function optional<K extends string>(key: K, value: string | null): { [P in K]?: string } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: string };
}

export interface AgentRow {
  name: string;
  role: string;
  os: string;
  version: string;
  registered_at: string;
  last_seen: string;
  status_json: string | null;
  heartbeat_seconds: number | null;
}

export function toAgent(row: AgentRow): AgentRecord {
  const agent: AgentRecord = { name: row.name, role: row.role as AgentRole, os: row.os, version: row.version, registeredAt: row.registered_at, lastSeen: row.last_seen };
  if (row.status_json !== null) agent.status = JSON.parse(row.status_json) as Record<string, unknown>;
  if (row.heartbeat_seconds !== null && row.heartbeat_seconds !== undefined) agent.heartbeatSeconds = Number(row.heartbeat_seconds);
  return agent;
}

export interface ReconcileStatusRow {
  commit_sha: string | null;
  condition: ReconcileCondition;
  reason: string;
  message: string;
  last_attempt_at: string;
  failures: number;
  next_retry_at: string | null;
  last_ready_commit: string | null;
  last_ready_at: string | null;
}

export const RECONCILE_STATUS_COLUMNS = 'commit_sha, condition, reason, message, last_attempt_at, failures, next_retry_at, last_ready_commit, last_ready_at';

export function toReconcileStatus(row: ReconcileStatusRow): ReconcileStatus {
  return {
    ...optional('commit', row.commit_sha),
    condition: row.condition,
    reason: row.reason,
    message: row.message,
    lastAttemptAt: row.last_attempt_at,
    failures: row.failures,
    ...optional('nextRetryAt', row.next_retry_at),
    ...optional('lastReadyCommit', row.last_ready_commit),
    ...optional('lastReadyAt', row.last_ready_at),
  };
}

/** The reconcile status's columns in RECONCILE_STATUS_COLUMNS order, for an insert. */
export function reconcileStatusValues(status: ReconcileStatus): (string | number | null)[] {
  return [status.commit ?? null, status.condition, status.reason, status.message, status.lastAttemptAt, status.failures, status.nextRetryAt ?? null, status.lastReadyCommit ?? null, status.lastReadyAt ?? null];
}

export interface MissedRow {
  task: string;
  target: string;
  since: string;
  run_id: string | null;
}

export function toMissed(row: MissedRow): MissedTarget {
  return { task: row.task, target: row.target, since: row.since, ...optional('runId', row.run_id) };
}

export interface LicenceRow {
  device: string;
  unlicensed_updates: number;
  updated_at: string;
}

export function toLicence(row: LicenceRow): DeviceLicence {
  return { device: row.device, unlicensedUpdates: row.unlicensed_updates, updatedAt: row.updated_at };
}
