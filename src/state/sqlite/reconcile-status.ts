import type { Database as SqliteDatabase } from 'better-sqlite3';
import { RECONCILE_STATUS_COLUMNS, reconcileStatusValues, toReconcileStatus, type ReconcileStatusRow } from '../rows.js';
import type { ReconcileStatus } from '../store.js';

/** The controller's condition for the last commit it tried: one row, replaced on every attempt. */

export function getReconcileStatus(db: SqliteDatabase): ReconcileStatus | undefined {
  const row = db.prepare(`SELECT ${RECONCILE_STATUS_COLUMNS} FROM reconcile_status WHERE slot = 1`).get() as ReconcileStatusRow | undefined;
  return row ? toReconcileStatus(row) : undefined;
}

export function putReconcileStatus(db: SqliteDatabase, status: ReconcileStatus): void {
  db.prepare(`INSERT OR REPLACE INTO reconcile_status (slot, ${RECONCILE_STATUS_COLUMNS}) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...reconcileStatusValues(status));
}
