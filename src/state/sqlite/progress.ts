import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { Fence } from '../store.js';
import { checkFence } from './runs.js';

/**
 * Progress the leader keeps as one row of JSON per subject, replaced whole: each rollout's
 * (docs/architecture.md "Rollouts") and each verifying download task's ("Verify on test devices").
 * `table` is one of these names, never input.
 */
export type ProgressTable = 'rollouts' | 'verifications';

const parse = <T>(row: { progress_json: string } | undefined): T | undefined => (row ? (JSON.parse(row.progress_json) as T) : undefined);

export function getProgress<T>(db: SqliteDatabase, table: ProgressTable, name: string): T | undefined {
  return parse<T>(db.prepare(`SELECT progress_json FROM ${table} WHERE name = ?`).get(name) as { progress_json: string } | undefined);
}

export function listProgress<T>(db: SqliteDatabase, table: ProgressTable): T[] {
  return (db.prepare(`SELECT progress_json FROM ${table} ORDER BY name`).all() as { progress_json: string }[]).map((row) => parse<T>(row)!);
}

export function putProgress(db: SqliteDatabase, table: ProgressTable, name: string, progress: { updatedAt: string }, fence?: Fence): void {
  const write = db.transaction(() => {
    checkFence(db, fence);
    db.prepare(`INSERT INTO ${table} (name, progress_json, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET progress_json = excluded.progress_json, updated_at = excluded.updated_at`).run(name, JSON.stringify(progress), progress.updatedAt);
  });
  write.immediate();
}

export function deleteProgress(db: SqliteDatabase, table: ProgressTable, name: string): void {
  db.prepare(`DELETE FROM ${table} WHERE name = ?`).run(name);
}
