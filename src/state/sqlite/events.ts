import type { Database as SqliteDatabase } from 'better-sqlite3';
import { UpdopsError } from '../../errors.js';
import type { EventQuery, EventRecord, NewEvent, RepositoryObservation } from '../store.js';
import { toEvent, toObservation } from '../rows.js';
import type { EventRow, ObservationRow } from '../rows.js';

/** Events (e.g. `BasesAreOutOfDate`, docs/design.md 1) and DP repository observations (drift, docs/design.md 2). */

const DEFAULT_LIMIT = 100;

export function appendEvent(db: SqliteDatabase, event: NewEvent, now: Date): EventRecord {
  if (event.type.length === 0) throw new UpdopsError('USAGE', 'an event needs a type');
  const time = event.time ?? now.toISOString();
  const data = event.data === undefined ? null : JSON.stringify(event.data);
  const { lastInsertRowid } = db
    .prepare('INSERT INTO events (time, type, subject, message, data_json) VALUES (?, ?, ?, ?, ?)')
    .run(time, event.type, event.subject ?? null, event.message, data);
  const row = db.prepare('SELECT * FROM events WHERE id = ?').get(lastInsertRowid) as EventRow;
  return toEvent(row);
}

export function listEvents(db: SqliteDatabase, query: EventQuery = {}): EventRecord[] {
  const conditions: string[] = [];
  if (query.type !== undefined) conditions.push('type = @type');
  if (query.subject !== undefined) conditions.push('subject = @subject');
  if (query.afterId !== undefined) conditions.push('id > @afterId');
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const order = query.afterId !== undefined ? 'ASC' : 'DESC';
  const rows = db
    .prepare(`SELECT * FROM events ${where} ORDER BY id ${order} LIMIT @limit`)
    .all({ type: query.type, subject: query.subject, afterId: query.afterId, limit: query.limit ?? DEFAULT_LIMIT }) as EventRow[];
  return rows.map(toEvent);
}

export function dumpEvents(db: SqliteDatabase): EventRecord[] {
  return (db.prepare('SELECT * FROM events ORDER BY id').all() as EventRow[]).map(toEvent);
}

export function putObservation(db: SqliteDatabase, observation: RepositoryObservation): void {
  db.prepare(
    `INSERT OR REPLACE INTO observations (dp, version, published, observed_at, missing_json, corrupt_json)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    observation.dp,
    observation.version ?? null,
    observation.published ?? null,
    observation.observedAt,
    JSON.stringify([...observation.missing].sort()),
    JSON.stringify([...observation.corrupt].sort()),
  );
}

export function getObservation(db: SqliteDatabase, dp: string): RepositoryObservation | undefined {
  const row = db.prepare('SELECT * FROM observations WHERE dp = ?').get(dp) as ObservationRow | undefined;
  return row ? toObservation(row) : undefined;
}

export function listObservations(db: SqliteDatabase): RepositoryObservation[] {
  return (db.prepare('SELECT * FROM observations ORDER BY dp').all() as ObservationRow[]).map(toObservation);
}
