import type { Fence, RolloutProgress } from '../store.js';
import type { Queryable } from './connection.js';
import { checkFence } from './runs.js';

/** Each rollout's progress: one row of JSON, replaced whole (docs/architecture.md "Rollouts"). */

export async function getRollout(db: Queryable, name: string): Promise<RolloutProgress | undefined> {
  const row = (await db.query<{ progress_json: string }>('SELECT progress_json FROM rollouts WHERE name = $1', [name])).rows[0];
  return row ? (JSON.parse(row.progress_json) as RolloutProgress) : undefined;
}

export async function listRollouts(db: Queryable): Promise<RolloutProgress[]> {
  return (await db.query<{ progress_json: string }>('SELECT progress_json FROM rollouts ORDER BY name')).rows.map((row) => JSON.parse(row.progress_json) as RolloutProgress);
}

/** With a fence, `db` is a transaction's client: the lease row is read FOR SHARE first (runs.ts). */
export async function putRollout(db: Queryable, progress: RolloutProgress, fence?: Fence): Promise<void> {
  await checkFence(db, fence);
  await db.query('INSERT INTO rollouts (name, progress_json, updated_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET progress_json = excluded.progress_json, updated_at = excluded.updated_at', [progress.name, JSON.stringify(progress), progress.updatedAt]);
}

export async function deleteRollout(db: Queryable, name: string): Promise<void> {
  await db.query('DELETE FROM rollouts WHERE name = $1', [name]);
}
