/** Applied objects, serial/lineage and apply history on PostgreSQL (as sqlite/objects.ts). */
import type pg from 'pg';
import { UpdopsError } from '../../errors.js';
import { toHistory, toObject, type HistoryRow, type ObjectRow } from '../rows.js';
import { specHash, stableStringify } from '../spec-hash.js';
import { LATEST_SCHEMA_VERSION } from '../sqlite/migrations.js';
import { checkFence } from './runs.js';
import type { ApplyChangesInput, HistoryEntry, ObjectKey, StateMeta, StoredObject } from '../store.js';
import type { Queryable } from './connection.js';

export async function readMeta(db: Queryable, forUpdate = false): Promise<StateMeta> {
  const row = (await db.query<{ lineage: string; serial: number }>(`SELECT lineage, serial FROM meta WHERE id = 1${forUpdate ? ' FOR UPDATE' : ''}`)).rows[0];
  if (!row) throw new UpdopsError('STATE', 'the state has no meta row; it is damaged — restore it from a backup');
  return { lineage: row.lineage, serial: row.serial, schemaVersion: LATEST_SCHEMA_VERSION };
}

export async function getObject(db: Queryable, key: ObjectKey): Promise<StoredObject | undefined> {
  const row = (await db.query<ObjectRow>('SELECT * FROM objects WHERE kind = $1 AND name = $2', [key.kind, key.name])).rows[0];
  return row ? toObject(row) : undefined;
}

export async function listObjects(db: Queryable, kind?: string): Promise<StoredObject[]> {
  // COLLATE "C": byte order, as SQLite sorts, whatever the database's locale.
  const result = kind === undefined ? await db.query<ObjectRow>('SELECT * FROM objects ORDER BY kind COLLATE "C", name COLLATE "C"') : await db.query<ObjectRow>('SELECT * FROM objects WHERE kind = $1 ORDER BY name COLLATE "C"', [kind]);
  return result.rows.map(toObject);
}

/**
 * One apply, one transaction. The meta row is read FOR UPDATE, so the serial check and the bump
 * happen under a row lock: of two applies against serial N, the second waits, then sees N+1 and
 * fails PLAN_STALE (docs/design.md 2 "Saved plans"). Objects are written in one multi-row statement.
 */
export async function applyChanges(client: pg.PoolClient, input: ApplyChangesInput, now: Date, beforeCommit?: () => void): Promise<number> {
  await checkFence(client, input.fence);
  const { serial } = await readMeta(client, true);
  if (input.expectedSerial !== undefined && input.expectedSerial !== serial) {
    throw new UpdopsError('PLAN_STALE', `the state changed since the plan was made (plan is for serial ${input.expectedSerial}, state is at serial ${serial}); run plan again`);
  }
  const at = now.toISOString();
  if (input.upserts.length > 0) {
    const columns = { kinds: [] as string[], names: [] as string[], specs: [] as string[], hashes: [] as string[] };
    for (const object of input.upserts) {
      columns.kinds.push(object.kind);
      columns.names.push(object.name);
      columns.specs.push(stableStringify(object.spec));
      columns.hashes.push(specHash(object.spec));
    }
    await client.query(
      `INSERT INTO objects (kind, name, spec_json, spec_hash, applied_commit, applied_at)
       SELECT k, n, s, h, $5, $6 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(k, n, s, h)
       ON CONFLICT (kind, name) DO UPDATE SET spec_json = excluded.spec_json, spec_hash = excluded.spec_hash,
       applied_commit = excluded.applied_commit, applied_at = excluded.applied_at`,
      [columns.kinds, columns.names, columns.specs, columns.hashes, input.commit ?? null, at],
    );
  }
  if (input.deletes.length > 0) {
    await client.query('DELETE FROM objects o USING unnest($1::text[], $2::text[]) AS d(k, n) WHERE o.kind = d.k AND o.name = d.n', [input.deletes.map((d) => d.kind), input.deletes.map((d) => d.name)]);
  }
  const next = serial + 1;
  await client.query('UPDATE meta SET serial = $1 WHERE id = 1', [next]);
  await client.query('INSERT INTO history (commit_sha, dirty, applied_at, serial, plan_json, summary) VALUES ($1, $2, $3, $4, $5, $6)', [input.commit ?? null, input.dirty ? 1 : 0, at, next, JSON.stringify(input.plan ?? null), input.summary]);
  beforeCommit?.();
  return next;
}

export async function listHistory(db: Queryable, limit?: number): Promise<HistoryEntry[]> {
  const rows = (await db.query<HistoryRow>('SELECT * FROM history ORDER BY id DESC LIMIT $1', [limit ?? null])).rows;
  return rows.map(toHistory);
}
