/** Agents, events, repository observations and the reconcile status on PostgreSQL (as their sqlite/ modules). */
import { UpdopsError } from '../../errors.js';
import { RECONCILE_STATUS_COLUMNS, reconcileStatusValues, toAgent, toEvent, toLicence, toMissed, toObservation, toReconcileStatus, type AgentRow, type EventRow, type LicenceRow, type MissedRow, type ObservationRow, type ReconcileStatusRow } from '../rows.js';
import type { AgentRecord, AgentRegistration, DeviceLicence, MissedTarget, EventQuery, EventRecord, NewEvent, ReconcileStatus, RepositoryObservation } from '../store.js';
import type { Queryable } from './connection.js';

export async function getAgent(db: Queryable, name: string): Promise<AgentRecord | undefined> {
  const row = (await db.query<AgentRow>('SELECT * FROM agents WHERE name = $1', [name])).rows[0];
  return row ? toAgent(row) : undefined;
}

export async function upsertAgent(db: Queryable, agent: AgentRegistration, now: Date): Promise<AgentRecord> {
  const at = agent.at ?? now.toISOString();
  const row = (
    await db.query<AgentRow>(
      `INSERT INTO agents (name, role, os, version, registered_at, last_seen, status_json, heartbeat_seconds) VALUES ($1, $2, $3, $4, $5, $5, NULL, $6)
       ON CONFLICT (name) DO UPDATE SET role = $2, os = $3, version = $4, registered_at = $5, last_seen = $5, heartbeat_seconds = $6 RETURNING *`,
      [agent.name, agent.role, agent.os, agent.version, at, agent.heartbeatSeconds ?? null],
    )
  ).rows[0]!;
  return toAgent(row);
}

/**
 * One statement (a named, prepared one: it is the commonest write): the agent's row and, with a
 * count, its licence row — the larger count wins, as in `recordUnlicensedUpdates`.
 */
export async function recordHeartbeat(db: Queryable, name: string, status: Record<string, unknown> | undefined, at: string, unlicensedUpdates?: number): Promise<AgentRecord> {
  if (unlicensedUpdates !== undefined) checkCount(name, unlicensedUpdates);
  const result = await db.query<AgentRow>({
    name: 'updops-heartbeat',
    text: `WITH beat AS (UPDATE agents SET last_seen = $1, status_json = COALESCE($2::text, status_json) WHERE name = $3 RETURNING *),
      licence AS (
        INSERT INTO device_licence (device, unlicensed_updates, updated_at) SELECT name, $4::integer, $1 FROM beat WHERE $4::integer IS NOT NULL
        ON CONFLICT (device) DO UPDATE SET unlicensed_updates = excluded.unlicensed_updates, updated_at = excluded.updated_at
        WHERE excluded.unlicensed_updates > device_licence.unlicensed_updates
      )
      SELECT * FROM beat`,
    values: [at, status === undefined ? null : JSON.stringify(status), name, unlicensedUpdates ?? null],
  });
  const row = result.rows[0];
  if (!row) throw new UpdopsError('NOT_FOUND', `no agent named ${name} has registered`);
  return toAgent(row);
}

function checkCount(device: string, count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) throw new UpdopsError('USAGE', `an unlicensed update count must be a non-negative integer, got ${String(count)} for ${device}`);
}

export async function listAgents(db: Queryable): Promise<AgentRecord[]> {
  return (await db.query<AgentRow>('SELECT * FROM agents ORDER BY name COLLATE "C"')).rows.map(toAgent);
}

export async function claimAgentResult(db: Queryable, runId: string, agent: string, at: string): Promise<boolean> {
  return ((await db.query('INSERT INTO agent_results (run_id, agent, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [runId, agent, at])).rowCount ?? 0) === 1;
}

const DEFAULT_LIMIT = 100;

export async function appendEvent(db: Queryable, event: NewEvent, now: Date): Promise<EventRecord> {
  if (event.type.length === 0) throw new UpdopsError('USAGE', 'an event needs a type');
  const data = event.data === undefined ? null : JSON.stringify(event.data);
  const row = (await db.query<EventRow>('INSERT INTO events (time, type, subject, message, data_json) VALUES ($1, $2, $3, $4, $5) RETURNING *', [event.time ?? now.toISOString(), event.type, event.subject ?? null, event.message, data])).rows[0]!;
  return toEvent(row);
}

export async function listEvents(db: Queryable, query: EventQuery = {}): Promise<EventRecord[]> {
  const params: unknown[] = [];
  const conditions: string[] = [];
  if (query.type !== undefined) conditions.push(`type = $${params.push(query.type)}`);
  if (query.subject !== undefined) conditions.push(`subject = $${params.push(query.subject)}`);
  if (query.afterId !== undefined) conditions.push(`id > $${params.push(query.afterId)}`);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const order = query.afterId !== undefined ? 'ASC' : 'DESC';
  const limit = `$${params.push(query.limit ?? DEFAULT_LIMIT)}`;
  return (await db.query<EventRow>(`SELECT * FROM events ${where} ORDER BY id ${order} LIMIT ${limit}`, params)).rows.map(toEvent);
}

export async function dumpEvents(db: Queryable): Promise<EventRecord[]> {
  return (await db.query<EventRow>('SELECT * FROM events ORDER BY id')).rows.map(toEvent);
}

export async function putObservation(db: Queryable, observation: RepositoryObservation): Promise<void> {
  await db.query(
    `INSERT INTO observations (dp, version, published, observed_at, missing_json, corrupt_json) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (dp) DO UPDATE SET version = excluded.version, published = excluded.published, observed_at = excluded.observed_at,
     missing_json = excluded.missing_json, corrupt_json = excluded.corrupt_json`,
    [observation.dp, observation.version ?? null, observation.published ?? null, observation.observedAt, JSON.stringify([...observation.missing].sort()), JSON.stringify([...observation.corrupt].sort())],
  );
}

export async function getObservation(db: Queryable, dp: string): Promise<RepositoryObservation | undefined> {
  const row = (await db.query<ObservationRow>('SELECT * FROM observations WHERE dp = $1', [dp])).rows[0];
  return row ? toObservation(row) : undefined;
}

export async function listObservations(db: Queryable): Promise<RepositoryObservation[]> {
  return (await db.query<ObservationRow>('SELECT * FROM observations ORDER BY dp COLLATE "C"')).rows.map(toObservation);
}

export async function getReconcileStatus(db: Queryable): Promise<ReconcileStatus | undefined> {
  const row = (await db.query<ReconcileStatusRow>(`SELECT ${RECONCILE_STATUS_COLUMNS} FROM reconcile_status WHERE slot = 1`)).rows[0];
  return row ? toReconcileStatus(row) : undefined;
}

export async function putReconcileStatus(db: Queryable, status: ReconcileStatus): Promise<void> {
  await db.query(
    `INSERT INTO reconcile_status (slot, ${RECONCILE_STATUS_COLUMNS}) VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (slot) DO UPDATE SET commit_sha = excluded.commit_sha, condition = excluded.condition, reason = excluded.reason, message = excluded.message,
     last_attempt_at = excluded.last_attempt_at, failures = excluded.failures, next_retry_at = excluded.next_retry_at,
     last_ready_commit = excluded.last_ready_commit, last_ready_at = excluded.last_ready_at`,
    reconcileStatusValues(status),
  );
}

export async function rememberMissed(db: Queryable, targets: readonly MissedTarget[]): Promise<void> {
  if (targets.length === 0) return;
  await db.query(
    `INSERT INTO missed_targets (task, target, since, run_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
     ON CONFLICT (task, target) DO NOTHING`,
    [targets.map((t) => t.task), targets.map((t) => t.target), targets.map((t) => t.since), targets.map((t) => t.runId ?? null)],
  );
}

export async function listMissed(db: Queryable): Promise<MissedTarget[]> {
  const rows = (await db.query<MissedRow>('SELECT task, target, since, run_id FROM missed_targets ORDER BY task COLLATE "C", target COLLATE "C"')).rows;
  return rows.map(toMissed);
}

export async function forgetMissed(db: Queryable, task: string, targets?: readonly string[]): Promise<number> {
  const result = targets === undefined ? await db.query('DELETE FROM missed_targets WHERE task = $1', [task]) : await db.query('DELETE FROM missed_targets WHERE task = $1 AND target = ANY($2::text[])', [task, [...targets]]);
  return result.rowCount ?? 0;
}

export async function getDeviceLicence(db: Queryable, device: string): Promise<DeviceLicence | undefined> {
  const row = (await db.query<LicenceRow>('SELECT device, unlicensed_updates, updated_at FROM device_licence WHERE device = $1', [device])).rows[0];
  return row ? toLicence(row) : undefined;
}

/** One statement: the larger count wins even when two replicas record at once. */
export async function recordUnlicensedUpdates(db: Queryable, device: string, count: number, at: string): Promise<DeviceLicence> {
  checkCount(device, count);
  await db.query(
    `INSERT INTO device_licence (device, unlicensed_updates, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (device) DO UPDATE SET unlicensed_updates = excluded.unlicensed_updates, updated_at = excluded.updated_at
     WHERE excluded.unlicensed_updates > device_licence.unlicensed_updates`,
    [device, count, at],
  );
  return (await getDeviceLicence(db, device))!;
}

export async function listDeviceLicences(db: Queryable): Promise<DeviceLicence[]> {
  return (await db.query<LicenceRow>('SELECT device, unlicensed_updates, updated_at FROM device_licence ORDER BY device COLLATE "C"')).rows.map(toLicence);
}
