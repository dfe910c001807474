/**
 * What Run missed tasks still owes (seed 001) and the licence counts the controller keeps for its
 * devices (seed 000): small keyed tables, written in single statements.
 */
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { UpdopsError } from '../../errors.js';
import type { DeviceLicence, MissedTarget } from '../store.js';
import { toLicence, toMissed, type LicenceRow, type MissedRow } from '../rows.js';

export function rememberMissed(db: SqliteDatabase, targets: readonly MissedTarget[]): void {
  const insert = db.prepare('INSERT INTO missed_targets (task, target, since, run_id) VALUES (?, ?, ?, ?) ON CONFLICT (task, target) DO NOTHING');
  db.transaction(() => {
    for (const t of targets) insert.run(t.task, t.target, t.since, t.runId ?? null);
  })();
}

export function listMissed(db: SqliteDatabase): MissedTarget[] {
  const rows = db.prepare('SELECT task, target, since, run_id FROM missed_targets ORDER BY task, target').all() as MissedRow[];
  return rows.map(toMissed);
}

export function forgetMissed(db: SqliteDatabase, task: string, targets?: readonly string[]): number {
  if (targets === undefined) return db.prepare('DELETE FROM missed_targets WHERE task = ?').run(task).changes;
  const remove = db.prepare('DELETE FROM missed_targets WHERE task = ? AND target = ?');
  return db.transaction(() => targets.reduce((n, target) => n + remove.run(task, target).changes, 0))();
}

export function getDeviceLicence(db: SqliteDatabase, device: string): DeviceLicence | undefined {
  const row = db.prepare('SELECT device, unlicensed_updates, updated_at FROM device_licence WHERE device = ?').get(device) as LicenceRow | undefined;
  return row ? toLicence(row) : undefined;
}

export function recordUnlicensedUpdates(db: SqliteDatabase, device: string, count: number, at: string): DeviceLicence {
  if (!Number.isSafeInteger(count) || count < 0) throw new UpdopsError('USAGE', `an unlicensed update count must be a non-negative integer, got ${String(count)} for ${device}`);
  db.prepare(
    `INSERT INTO device_licence (device, unlicensed_updates, updated_at) VALUES (@device, @count, @at)
     ON CONFLICT (device) DO UPDATE SET unlicensed_updates = @count, updated_at = @at WHERE @count > unlicensed_updates`,
  ).run({ device, count, at });
  return getDeviceLicence(db, device) as DeviceLicence;
}

export function listDeviceLicences(db: SqliteDatabase): DeviceLicence[] {
  return (db.prepare('SELECT device, unlicensed_updates, updated_at FROM device_licence ORDER BY device').all() as LicenceRow[]).map(toLicence);
}
