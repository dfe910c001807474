import { randomUUID } from 'node:crypto';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { UpdopsError } from '../../errors.js';
import { DEVICE_STATUSES, RUN_STATUSES, RUN_TRIGGERS } from '../store.js';
import type { DeviceResult, Fence, NewRun, RunQuery, RunRecord, RunTrigger, RunUpdate, ScheduledStart } from '../store.js';
import { fencedError, scheduledStartRecorded } from '../holders.js';
import { toDeviceResult, toRun } from '../rows.js';
import type { DeviceResultRow, RunRow } from '../rows.js';

/** Runs and per-device results (docs/design.md 1 "Runs and statuses"). */

const RUN_COLUMNS = 'id, task, run_trigger, status, started_at, finished_at, reason, scheduled_at';
const DEFAULT_LIMIT = 100;

/** Inside a write transaction: the fence's lease still has its generation, else `FENCED`. */
export function checkFence(db: SqliteDatabase, fence: Fence | undefined): void {
  if (!fence) return;
  const row = db.prepare('SELECT generation, owner, host, pid FROM leases WHERE name = ?').get(fence.lease) as { generation: number; owner: string; host: string; pid: number } | undefined;
  if (row?.generation !== fence.generation) throw fencedError(fence, row);
}

export function createRun(db: SqliteDatabase, run: NewRun, now: Date, fence?: Fence): RunRecord {
  checkOneOf('trigger', run.trigger, RUN_TRIGGERS);
  const status = run.status ?? 'pending';
  checkOneOf('status', status, RUN_STATUSES);
  const id = run.id ?? randomUUID();
  const insert = db.transaction(() => {
    checkFence(db, fence);
    if (run.scheduledAt !== undefined && db.prepare('SELECT 1 FROM runs WHERE task = ? AND scheduled_at = ?').get(run.task, run.scheduledAt)) throw scheduledStartRecorded(run.task, run.scheduledAt);
    // `seq` keeps insertion order for runs that start in the same millisecond.
    db.prepare(
      `INSERT INTO runs (id, seq, task, run_trigger, status, started_at, scheduled_at)
       VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM runs), ?, ?, ?, ?, ?)`,
    ).run(id, run.task, run.trigger, status, run.startedAt ?? now.toISOString(), run.scheduledAt ?? null);
  });
  insert.immediate();
  return mustGetRun(db, id);
}

export function updateRun(db: SqliteDatabase, id: string, update: RunUpdate, fence?: Fence): RunRecord {
  if (update.status !== undefined) checkOneOf('status', update.status, RUN_STATUSES);
  const write = db.transaction((): number => {
    checkFence(db, fence);
    return db
      .prepare(
        `UPDATE runs SET status = COALESCE(?, status), finished_at = COALESCE(?, finished_at),
         reason = COALESCE(?, reason) WHERE id = ?`,
      )
      .run(update.status ?? null, update.finishedAt ?? null, update.reason ?? null, id).changes;
  });
  if (write.immediate() === 0) throw unknownRun(id);
  return mustGetRun(db, id);
}

export function listLastScheduled(db: SqliteDatabase): ScheduledStart[] {
  const rows = db.prepare('SELECT task, MAX(scheduled_at) AS at FROM runs WHERE scheduled_at IS NOT NULL GROUP BY task ORDER BY task').all() as { task: string; at: string }[];
  return rows.map((r) => ({ task: r.task, scheduledAt: r.at }));
}

export function getRun(db: SqliteDatabase, id: string): RunRecord | undefined {
  const row = db.prepare(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`).get(id) as RunRow | undefined;
  return row ? toRun(row) : undefined;
}

export function countRuns(db: SqliteDatabase, task: string, trigger: RunTrigger): number {
  return db.prepare('SELECT COUNT(*) FROM runs WHERE task = ? AND run_trigger = ?').pluck().get(task, trigger) as number;
}

export function listRuns(db: SqliteDatabase, query: RunQuery = {}): RunRecord[] {
  const conditions = [
    ...(query.task === undefined ? [] : ['task = @task']),
    ...(query.device === undefined ? [] : ['EXISTS (SELECT 1 FROM device_results d WHERE d.run_id = runs.id AND d.device = @device)']),
  ];
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const rows = db
    .prepare(`SELECT ${RUN_COLUMNS} FROM runs ${where} ORDER BY started_at DESC, seq DESC LIMIT @limit`)
    .all({ task: query.task, device: query.device, limit: query.limit ?? DEFAULT_LIMIT }) as RunRow[];
  return rows.map(toRun);
}

export function putDeviceResult(db: SqliteDatabase, result: DeviceResult): void {
  checkOneOf('device status', result.status, DEVICE_STATUSES);
  if (!getRun(db, result.runId)) throw unknownRun(result.runId);
  db.prepare(
    `INSERT OR REPLACE INTO device_results (run_id, device, status, reason, files, bytes, duration_ms, source, fallback_reason)
     VALUES (@runId, @device, @status, @reason, @files, @bytes, @durationMs, @source, @fallbackReason)`,
  ).run({ runId: result.runId, device: result.device, status: result.status, reason: result.reason ?? null, files: result.files, bytes: result.bytes, durationMs: result.durationMs, source: result.source ?? null, fallbackReason: result.fallbackReason ?? null });
}

export function listDeviceResults(db: SqliteDatabase, runId: string): DeviceResult[] {
  const rows = db
    .prepare('SELECT * FROM device_results WHERE run_id = ? ORDER BY device')
    .all(runId) as DeviceResultRow[];
  return rows.map(toDeviceResult);
}

export function getDeviceResult(db: SqliteDatabase, runId: string, device: string): DeviceResult | undefined {
  const row = db.prepare('SELECT * FROM device_results WHERE run_id = ? AND device = ?').get(runId, device) as DeviceResultRow | undefined;
  return row ? toDeviceResult(row) : undefined;
}

/** Per device, its result in the newest run (by `seq`) that names a source. */
export function listLastServed(db: SqliteDatabase): DeviceResult[] {
  const rows = db
    .prepare(
      `SELECT d.* FROM device_results d JOIN runs r ON r.id = d.run_id
       WHERE d.source IS NOT NULL AND r.seq = (
         SELECT MAX(r2.seq) FROM device_results d2 JOIN runs r2 ON r2.id = d2.run_id
         WHERE d2.device = d.device AND d2.source IS NOT NULL)
       ORDER BY d.device`,
    )
    .all() as DeviceResultRow[];
  return rows.map(toDeviceResult);
}

/**
 * A restarted controller owns no running work: every `running`/`pending` run is marked
 * `interrupted`, and its unfinished device results `failed` with the same reason (docs/design.md 1:
 * an interrupted download leaves the previous databases in use; the next run resumes).
 */
export function markInterruptedRuns(db: SqliteDatabase, reason: string, now: Date, trigger?: RunTrigger): number {
  const mark = db.transaction(() => {
    const ids = (
      trigger === undefined
        ? db.prepare(`SELECT id FROM runs WHERE status IN ('running', 'pending')`).pluck().all()
        : db.prepare(`SELECT id FROM runs WHERE status IN ('running', 'pending') AND run_trigger = ?`).pluck().all(trigger)
    ) as string[];
    const finishRun = db.prepare(
      `UPDATE runs SET status = 'interrupted', finished_at = COALESCE(finished_at, ?), reason = COALESCE(reason, ?) WHERE id = ?`,
    );
    const failDevices = db.prepare(
      `UPDATE device_results SET status = 'failed', reason = COALESCE(reason, ?)
       WHERE run_id = ? AND status IN ('running', 'pending')`,
    );
    for (const id of ids) {
      finishRun.run(now.toISOString(), reason, id);
      failDevices.run(reason, id);
    }
    return ids.length;
  });
  return mark.immediate();
}

export function dumpRuns(db: SqliteDatabase): { runs: RunRecord[]; deviceResults: DeviceResult[] } {
  const runs = (db.prepare(`SELECT ${RUN_COLUMNS} FROM runs ORDER BY seq`).all() as RunRow[]).map(toRun);
  const results = db
    .prepare('SELECT d.* FROM device_results d JOIN runs r ON r.id = d.run_id ORDER BY r.seq, d.device')
    .all() as DeviceResultRow[];
  return { runs, deviceResults: results.map(toDeviceResult) };
}

function mustGetRun(db: SqliteDatabase, id: string): RunRecord {
  const run = getRun(db, id);
  if (!run) throw unknownRun(id);
  return run;
}

function unknownRun(id: string): UpdopsError {
  return new UpdopsError('NOT_FOUND', `no run with id ${id}`);
}

function checkOneOf(what: string, value: string, allowed: readonly string[]): void {
  if (!allowed.includes(value)) {
    throw new UpdopsError('USAGE', `run ${what} must be one of ${allowed.join(', ')}, got "${value}"`);
  }
}
