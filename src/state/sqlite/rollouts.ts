import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { Fence, RolloutProgress } from '../store.js';
import { checkFence } from './runs.js';

/** Each rollout's progress: one row of JSON, replaced whole (docs/architecture.md "Rollouts"). */

const parse = (row: { progress_json: string } | undefined): RolloutProgress | undefined => (row ? (JSON.parse(row.progress_json) as RolloutProgress) : undefined);

export function getRollout(db: SqliteDatabase, name: string): RolloutProgress | undefined {
  return parse(db.prepare('SELECT progress_json FROM rollouts WHERE name = ?').get(name) as { progress_json: string } | undefined);
}

export function listRollouts(db: SqliteDatabase): RolloutProgress[] {
  return (db.prepare('SELECT progress_json FROM rollouts ORDER BY name').all() as { progress_json: string }[]).map((row) => parse(row)!);
}

export function putRollout(db: SqliteDatabase, progress: RolloutProgress, fence?: Fence): void {
  const write = db.transaction(() => {
    checkFence(db, fence);
    db.prepare('INSERT INTO rollouts (name, progress_json, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET progress_json = excluded.progress_json, updated_at = excluded.updated_at').run(progress.name, JSON.stringify(progress), progress.updatedAt);
  });
  write.immediate();
}

export function deleteRollout(db: SqliteDatabase, name: string): void {
  db.prepare('DELETE FROM rollouts WHERE name = ?').run(name);
}
