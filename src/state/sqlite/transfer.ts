/** SQLite's side of migrate-state (state/transfer.ts): every row of every state table, and their insertion into an empty file. */
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { UpdopsError } from '../../errors.js';
import { STATE_TABLES, type Row, type StateRows } from '../transfer.js';
import { LATEST_SCHEMA_VERSION } from './migrations.js';

export function exportRows(db: SqliteDatabase): StateRows {
  return db.transaction((): StateRows => {
    const tables = {} as StateRows['tables'];
    for (const table of STATE_TABLES) tables[table] = db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Row[];
    return { schemaVersion: LATEST_SCHEMA_VERSION, tables };
  })();
}

export function importRows(db: SqliteDatabase, rows: StateRows, location: string): void {
  if (rows.schemaVersion !== LATEST_SCHEMA_VERSION) throw new UpdopsError('STATE', `the source state is at schema v${rows.schemaVersion} and ${location} at v${LATEST_SCHEMA_VERSION}; use the same updops version for both`);
  db.transaction(() => {
    const used = db.prepare(`SELECT (SELECT serial FROM meta WHERE id = 1) AS serial, (SELECT COUNT(*) FROM objects) + (SELECT COUNT(*) FROM runs) + (SELECT COUNT(*) FROM events) AS n`).get() as { serial: number; n: number };
    if (used.serial !== 0 || used.n !== 0) throw new UpdopsError('CONFLICT', `${location} already holds a state (serial ${used.serial}); migrate into a new, empty one`);
    db.prepare('DELETE FROM meta').run();
    for (const table of STATE_TABLES) {
      const list = rows.tables[table];
      if (list.length === 0) continue;
      // Every row of a table has its columns: one statement prepared per table, not per row.
      const columns = Object.keys(list[0]!);
      const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
      for (const row of list) insert.run(row);
    }
  }).immediate();
}
