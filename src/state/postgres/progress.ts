import type { Fence } from '../store.js';
import type { ProgressTable } from '../sqlite/progress.js';
import type { Queryable } from './connection.js';
import { checkFence } from './runs.js';

/** Rollouts' and verifications' progress: one row of JSON each, replaced whole (sqlite/progress.ts). */

export async function getProgress<T>(db: Queryable, table: ProgressTable, name: string): Promise<T | undefined> {
  const row = (await db.query<{ progress_json: string }>(`SELECT progress_json FROM ${table} WHERE name = $1`, [name])).rows[0];
  return row ? (JSON.parse(row.progress_json) as T) : undefined;
}

export async function listProgress<T>(db: Queryable, table: ProgressTable): Promise<T[]> {
  return (await db.query<{ progress_json: string }>(`SELECT progress_json FROM ${table} ORDER BY name`)).rows.map((row) => JSON.parse(row.progress_json) as T);
}

/** With a fence, `db` is a transaction's client: the lease row is read FOR SHARE first (runs.ts). */
export async function putProgress(db: Queryable, table: ProgressTable, name: string, progress: { updatedAt: string }, fence?: Fence): Promise<void> {
  await checkFence(db, fence);
  await db.query(`INSERT INTO ${table} (name, progress_json, updated_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET progress_json = excluded.progress_json, updated_at = excluded.updated_at`, [name, JSON.stringify(progress), progress.updatedAt]);
}

export async function deleteProgress(db: Queryable, table: ProgressTable, name: string): Promise<void> {
  await db.query(`DELETE FROM ${table} WHERE name = $1`, [name]);
}
