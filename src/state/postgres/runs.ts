/** Runs and per-target results on PostgreSQL (as sqlite/runs.ts). */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { UpdopsError } from '../../errors.js';
import { toDeviceResult, toRun, type DeviceResultRow, type RunRow } from '../rows.js';
import { DEVICE_STATUSES, RUN_STATUSES, RUN_TRIGGERS } from '../store.js';
import type { DeviceResult, Fence, NewRun, RunQuery, RunRecord, RunTrigger, RunUpdate, ScheduledStart } from '../store.js';
import { fencedError, scheduledStartRecorded } from '../holders.js';
import { withTransaction, type Queryable } from './connection.js';

const RUN_COLUMNS = 'id, task, run_trigger, status, started_at, finished_at, reason, scheduled_at';
const DEFAULT_LIMIT = 100;

/**
 * Inside a write transaction: the fence's lease still has its generation, else `FENCED`. The lease
 * row is read `FOR SHARE`, so a takeover (which updates that row) waits until this write has
 * committed, and a write after a takeover sees the new generation.
 */
export async function checkFence(db: Queryable, fence: Fence | undefined): Promise<void> {
  if (!fence) return;
  const row = (await db.query<{ generation: number; owner: string; host: string; pid: number }>('SELECT generation, owner, host, pid FROM leases WHERE name = $1 FOR SHARE', [fence.lease])).rows[0];
  if (row?.generation !== fence.generation) throw fencedError(fence, row);
}

const UNIQUE_VIOLATION = '23505';

export async function createRun(db: Queryable, run: NewRun, now: Date, fence?: Fence): Promise<RunRecord> {
  checkOneOf('trigger', run.trigger, RUN_TRIGGERS);
  const status = run.status ?? 'pending';
  checkOneOf('status', status, RUN_STATUSES);
  await checkFence(db, fence);
  try {
    // `seq` is an identity column: insertion order for runs that start in the same millisecond.
    const row = (await db.query<RunRow>(`INSERT INTO runs (id, task, run_trigger, status, started_at, scheduled_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${RUN_COLUMNS}`, [run.id ?? randomUUID(), run.task, run.trigger, status, run.startedAt ?? now.toISOString(), run.scheduledAt ?? null])).rows[0]!;
    return toRun(row);
  } catch (error) {
    const e = error as { code?: string; constraint?: string };
    if (run.scheduledAt !== undefined && e.code === UNIQUE_VIOLATION && e.constraint === 'runs_scheduled_start') throw scheduledStartRecorded(run.task, run.scheduledAt);
    throw error;
  }
}

export async function listLastScheduled(db: Queryable): Promise<ScheduledStart[]> {
  const rows = (await db.query<{ task: string; at: string }>('SELECT task, MAX(scheduled_at) AS at FROM runs WHERE scheduled_at IS NOT NULL GROUP BY task ORDER BY task COLLATE "C"')).rows;
  return rows.map((r) => ({ task: r.task, scheduledAt: r.at }));
}

export async function updateRun(db: Queryable, id: string, update: RunUpdate, fence?: Fence): Promise<RunRecord> {
  if (update.status !== undefined) checkOneOf('status', update.status, RUN_STATUSES);
  await checkFence(db, fence);
  const row = (
    await db.query<RunRow>(`UPDATE runs SET status = COALESCE($1, status), finished_at = COALESCE($2, finished_at), reason = COALESCE($3, reason) WHERE id = $4 RETURNING ${RUN_COLUMNS}`, [
      update.status ?? null,
      update.finishedAt ?? null,
      update.reason ?? null,
      id,
    ])
  ).rows[0];
  if (!row) throw unknownRun(id);
  return toRun(row);
}

export async function getRun(db: Queryable, id: string): Promise<RunRecord | undefined> {
  const row = (await db.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = $1`, [id])).rows[0];
  return row ? toRun(row) : undefined;
}

export async function countRuns(db: Queryable, task: string, trigger: RunTrigger): Promise<number> {
  return Number((await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM runs WHERE task = $1 AND run_trigger = $2', [task, trigger])).rows[0]?.n ?? 0);
}

export async function listRuns(db: Queryable, query: RunQuery = {}): Promise<RunRecord[]> {
  const params: unknown[] = [];
  const conditions: string[] = [];
  if (query.task !== undefined) conditions.push(`task = $${params.push(query.task)}`);
  if (query.device !== undefined) conditions.push(`EXISTS (SELECT 1 FROM device_results d WHERE d.run_id = runs.id AND d.device = $${params.push(query.device)})`);
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const limit = `$${params.push(query.limit ?? DEFAULT_LIMIT)}`;
  const rows = (await db.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs ${where} ORDER BY started_at DESC, seq DESC LIMIT ${limit}`, params)).rows;
  return rows.map(toRun);
}

export async function putDeviceResult(db: Queryable, result: DeviceResult): Promise<void> {
  checkOneOf('device status', result.status, DEVICE_STATUSES);
  try {
    await db.query(
      `INSERT INTO device_results (run_id, device, status, reason, files, bytes, duration_ms, source, fallback_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (run_id, device) DO UPDATE SET status = excluded.status, reason = excluded.reason, files = excluded.files, bytes = excluded.bytes,
       duration_ms = excluded.duration_ms, source = excluded.source, fallback_reason = excluded.fallback_reason`,
      [result.runId, result.device, result.status, result.reason ?? null, result.files, result.bytes, result.durationMs, result.source ?? null, result.fallbackReason ?? null],
    );
  } catch (error) {
    // The foreign key says the run does not exist.
    if ((error as { code?: string }).code === '23503') throw unknownRun(result.runId);
    throw error;
  }
}

export async function listDeviceResults(db: Queryable, runId: string): Promise<DeviceResult[]> {
  return (await db.query<DeviceResultRow>('SELECT * FROM device_results WHERE run_id = $1 ORDER BY device COLLATE "C"', [runId])).rows.map(toDeviceResult);
}

export async function getDeviceResult(db: Queryable, runId: string, device: string): Promise<DeviceResult | undefined> {
  const [row] = (await db.query<DeviceResultRow>('SELECT * FROM device_results WHERE run_id = $1 AND device = $2', [runId, device])).rows;
  return row ? toDeviceResult(row) : undefined;
}

/** Each target's newest result that names a source: what served its last update. */
export async function listLastServed(db: Queryable): Promise<DeviceResult[]> {
  const rows = (
    await db.query<DeviceResultRow>(
      `SELECT * FROM (SELECT DISTINCT ON (d.device) d.* FROM device_results d JOIN runs r ON r.id = d.run_id
       WHERE d.source IS NOT NULL ORDER BY d.device, r.seq DESC) AS served ORDER BY device COLLATE "C"`,
    )
  ).rows;
  return rows.map(toDeviceResult);
}

export async function markInterruptedRuns(pool: pg.Pool, reason: string, now: Date, trigger?: RunTrigger): Promise<number> {
  return withTransaction(pool, async (client) => {
    const params: unknown[] = [now.toISOString(), reason];
    const byTrigger = trigger === undefined ? '' : ` AND run_trigger = $${params.push(trigger)}`;
    const ids = (await client.query<{ id: string }>(`UPDATE runs SET status = 'interrupted', finished_at = COALESCE(finished_at, $1), reason = COALESCE(reason, $2) WHERE status IN ('running', 'pending')${byTrigger} RETURNING id`, params)).rows.map((r) => r.id);
    if (ids.length > 0) await client.query(`UPDATE device_results SET status = 'failed', reason = COALESCE(reason, $1) WHERE run_id = ANY($2::text[]) AND status IN ('running', 'pending')`, [reason, ids]);
    return ids.length;
  });
}

export async function dumpRuns(db: Queryable): Promise<{ runs: RunRecord[]; deviceResults: DeviceResult[] }> {
  const runs = (await db.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs ORDER BY seq`)).rows.map(toRun);
  const results = (await db.query<DeviceResultRow>('SELECT d.* FROM device_results d JOIN runs r ON r.id = d.run_id ORDER BY r.seq, d.device COLLATE "C"')).rows.map(toDeviceResult);
  return { runs, deviceResults: results };
}

function unknownRun(id: string): UpdopsError {
  return new UpdopsError('NOT_FOUND', `no run with id ${id}`);
}

function checkOneOf(what: string, value: string, allowed: readonly string[]): void {
  if (!allowed.includes(value)) throw new UpdopsError('USAGE', `run ${what} must be one of ${allowed.join(', ')}, got "${value}"`);
}
