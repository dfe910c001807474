import type { Database as SqliteDatabase } from 'better-sqlite3';
import { UpdopsError } from '../../errors.js';
import { specHash, stableStringify } from '../spec-hash.js';
import type { ApplyChangesInput, HistoryEntry, ObjectKey, StateMeta, StoredObject } from '../store.js';
import { LATEST_SCHEMA_VERSION } from './migrations.js';
import { checkFence } from './runs.js';
import { toHistory, toObject } from '../rows.js';
import type { HistoryRow, ObjectRow } from '../rows.js';

/** Applied objects, serial/lineage and apply history (docs/design.md 2 "Actual state", "Apply"). */

export function readMeta(db: SqliteDatabase): StateMeta {
  const row = db.prepare('SELECT lineage, serial FROM meta WHERE id = 1').get() as
    | { lineage: string; serial: number }
    | undefined;
  if (!row) throw new UpdopsError('STATE', 'state database has no meta row; it is damaged — restore it from a backup');
  return { lineage: row.lineage, serial: row.serial, schemaVersion: LATEST_SCHEMA_VERSION };
}

export function getObject(db: SqliteDatabase, key: ObjectKey): StoredObject | undefined {
  const row = db.prepare('SELECT * FROM objects WHERE kind = ? AND name = ?').get(key.kind, key.name) as
    | ObjectRow
    | undefined;
  return row ? toObject(row) : undefined;
}

export function listObjects(db: SqliteDatabase, kind?: string): StoredObject[] {
  const rows = (
    kind === undefined
      ? db.prepare('SELECT * FROM objects ORDER BY kind, name').all()
      : db.prepare('SELECT * FROM objects WHERE kind = ? ORDER BY name').all(kind)
  ) as ObjectRow[];
  return rows.map(toObject);
}

/**
 * One apply = one immediate transaction: the serial check happens under the write lock, so a
 * saved plan made against serial N can never be applied on top of N+1 (docs/design.md 2 "Saved
 * plans"). Any throw inside — stale serial, bad input, disk error — rolls everything back.
 * `beforeCommit` exists so tests can inject a failure after the writes.
 */
export function applyChanges(
  db: SqliteDatabase,
  input: ApplyChangesInput,
  now: Date,
  beforeCommit?: () => void,
): number {
  const apply = db.transaction((): number => {
    checkFence(db, input.fence);
    const { serial } = readMeta(db);
    if (input.expectedSerial !== undefined && input.expectedSerial !== serial) {
      throw new UpdopsError(
        'PLAN_STALE',
        `the state changed since the plan was made (plan is for serial ${input.expectedSerial}, state is at serial ${serial}); run plan again`,
      );
    }
    const at = now.toISOString();
    const upsert = db.prepare(
      `INSERT INTO objects (kind, name, spec_json, spec_hash, applied_commit, applied_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (kind, name) DO UPDATE SET spec_json = excluded.spec_json, spec_hash = excluded.spec_hash,
       applied_commit = excluded.applied_commit, applied_at = excluded.applied_at`,
    );
    for (const object of input.upserts) {
      upsert.run(object.kind, object.name, stableStringify(object.spec), specHash(object.spec), input.commit ?? null, at);
    }
    const remove = db.prepare('DELETE FROM objects WHERE kind = ? AND name = ?');
    for (const key of input.deletes) remove.run(key.kind, key.name);
    const next = serial + 1;
    db.prepare('UPDATE meta SET serial = ? WHERE id = 1').run(next);
    db.prepare(
      `INSERT INTO history (commit_sha, dirty, applied_at, serial, plan_json, summary) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(input.commit ?? null, input.dirty ? 1 : 0, at, next, JSON.stringify(input.plan ?? null), input.summary);
    beforeCommit?.();
    return next;
  });
  return apply.immediate();
}

export function listHistory(db: SqliteDatabase, limit?: number): HistoryEntry[] {
  const rows = db
    .prepare('SELECT * FROM history ORDER BY id DESC LIMIT ?')
    .all(limit ?? -1) as HistoryRow[];
  return rows.map(toHistory);
}
