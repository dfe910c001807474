/**
 * Moving a whole state between back ends (`updops migrate-state --from state.db --to
 * postgres://…`, issue 17). Both back ends have the same tables and columns at a schema version
 * (test/state/postgres-store.test.ts checks it), so a state moves as its rows, table by table in
 * foreign-key order, into an empty target in one transaction. The apply lock and leases are not
 * moved: they belong to running processes, and the source must have none live.
 */
import { UpdopsError } from '../errors.js';
import type { StateStore } from './store.js';

/** Every table that holds state, in an order that inserts parents before children. */
export const STATE_TABLES = [
  'meta',
  'objects',
  'history',
  'observations',
  'runs',
  'device_results',
  'events',
  'agents',
  'agent_results',
  'reconcile_status',
  'missed_targets',
  'device_licence',
  'rollouts',
  'verifications',
] as const;

/** Tables deliberately not moved, and why: the holders of a running process. */
export const PROCESS_TABLES = ['state_lock', 'leases'] as const;

export type StateTable = (typeof STATE_TABLES)[number];

export type Row = Record<string, string | number | null>;

export interface StateRows {
  schemaVersion: number;
  tables: Record<StateTable, Row[]>;
}

/** What a back end does to move its state: read every row, and write rows into an empty state in one transaction. */
export interface StateTransfer {
  exportRows(): Promise<StateRows>;
  /** Throws `CONFLICT` unless the state is empty (nothing applied, no runs, no events). */
  importRows(rows: StateRows): Promise<void>;
}

export interface MigrationReport {
  counts: Record<StateTable, number>;
}

export function hasTransfer(store: StateStore): store is StateStore & StateTransfer {
  return typeof (store as Partial<StateTransfer>).exportRows === 'function' && typeof (store as Partial<StateTransfer>).importRows === 'function';
}

/**
 * Copies `from` into the empty `to`: refused while a process holds the source's apply lock or a
 * lease (stop the controller first), and checked afterwards by counting every table on both sides.
 */
export async function migrateState(from: StateStore, to: StateStore, now: Date = new Date()): Promise<MigrationReport> {
  if (!hasTransfer(from) || !hasTransfer(to)) throw new UpdopsError('USAGE', 'this state store cannot be migrated');
  const lock = await from.getLock();
  if (lock && Date.parse(lock.expiresAt) > now.getTime()) throw new UpdopsError('LOCKED', `${from.location} is locked by ${lock.owner}@${lock.host} pid ${lock.pid} (${lock.operation}); wait for it to finish before migrating`);
  const lease = await from.getLease('controller');
  if (lease && Date.parse(lease.expiresAt) > now.getTime()) throw new UpdopsError('LEASE', `a controller (${lease.owner}@${lease.host} pid ${lease.pid}) is running on ${from.location}; stop it before migrating, then start it on the new state`);
  const rows = await from.exportRows();
  await to.importRows(rows);
  const copied = await to.exportRows();
  const counts = {} as Record<StateTable, number>;
  for (const table of STATE_TABLES) {
    counts[table] = rows.tables[table].length;
    if (copied.tables[table].length !== counts[table]) {
      throw new UpdopsError('STATE', `migrating ${table} copied ${copied.tables[table].length} of ${counts[table]} rows; ${to.location} is not usable, drop it and retry`);
    }
  }
  return { counts };
}
