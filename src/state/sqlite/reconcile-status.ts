import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { ReconcileCondition, ReconcileStatus } from '../store.js';

/** The controller's condition for the last commit it tried: one row, replaced on every attempt. */

interface StatusRow {
  commit_sha: string | null;
  condition: ReconcileCondition;
  reason: string;
  message: string;
  last_attempt_at: string;
  failures: number;
  next_retry_at: string | null;
  last_ready_commit: string | null;
  last_ready_at: string | null;
}

export function getReconcileStatus(db: SqliteDatabase): ReconcileStatus | undefined {
  const row = db.prepare('SELECT commit_sha, condition, reason, message, last_attempt_at, failures, next_retry_at, last_ready_commit, last_ready_at FROM reconcile_status WHERE slot = 1').get() as StatusRow | undefined;
  if (!row) return undefined;
  return {
    ...(row.commit_sha !== null ? { commit: row.commit_sha } : {}),
    condition: row.condition,
    reason: row.reason,
    message: row.message,
    lastAttemptAt: row.last_attempt_at,
    failures: row.failures,
    ...(row.next_retry_at !== null ? { nextRetryAt: row.next_retry_at } : {}),
    ...(row.last_ready_commit !== null ? { lastReadyCommit: row.last_ready_commit } : {}),
    ...(row.last_ready_at !== null ? { lastReadyAt: row.last_ready_at } : {}),
  };
}

export function putReconcileStatus(db: SqliteDatabase, status: ReconcileStatus): void {
  db.prepare(
    `INSERT OR REPLACE INTO reconcile_status (slot, commit_sha, condition, reason, message, last_attempt_at, failures, next_retry_at, last_ready_commit, last_ready_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(status.commit ?? null, status.condition, status.reason, status.message, status.lastAttemptAt, status.failures, status.nextRetryAt ?? null, status.lastReadyCommit ?? null, status.lastReadyAt ?? null);
}
