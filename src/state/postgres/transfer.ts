/** PostgreSQL's side of migrate-state (state/transfer.ts): rows in, in one transaction, identities kept. */
import type pg from 'pg';
import { UpdopsError } from '../../errors.js';
import { LATEST_SCHEMA_VERSION } from '../sqlite/migrations.js';
import { STATE_TABLES, type Row, type StateRows } from '../transfer.js';
import { withTransaction } from './connection.js';

/** Tables whose id comes from an identity column: rows keep theirs, and the sequence moves past them. */
const IDENTITY = { history: 'id', events: 'id', runs: 'seq' } as const;
const BATCH = 500;

export async function exportRows(pool: pg.Pool): Promise<StateRows> {
  return withTransaction(
    pool,
    async (client) => {
      const tables = {} as StateRows['tables'];
      for (const table of STATE_TABLES) {
        const order = table in IDENTITY ? IDENTITY[table as keyof typeof IDENTITY] : '1';
        tables[table] = (await client.query<Row>(`SELECT * FROM ${table} ORDER BY ${order}`)).rows;
      }
      return { schemaVersion: LATEST_SCHEMA_VERSION, tables };
    },
    { isolation: 'REPEATABLE READ' },
  );
}

export async function importRows(pool: pg.Pool, rows: StateRows, location: string): Promise<void> {
  if (rows.schemaVersion !== LATEST_SCHEMA_VERSION) throw new UpdopsError('STATE', `the source state is at schema v${rows.schemaVersion} and ${location} at v${LATEST_SCHEMA_VERSION}; use the same updops version for both`);
  await withTransaction(pool, async (client) => {
    const used = (await client.query<{ serial: number; n: number }>('SELECT (SELECT serial FROM meta WHERE id = 1 FOR UPDATE) AS serial, (SELECT COUNT(*) FROM objects) + (SELECT COUNT(*) FROM runs) + (SELECT COUNT(*) FROM events) AS n')).rows[0]!;
    if (Number(used.serial) !== 0 || Number(used.n) !== 0) throw new UpdopsError('CONFLICT', `${location} already holds a state (serial ${used.serial}); migrate into a new, empty one`);
    await client.query('DELETE FROM meta');
    for (const table of STATE_TABLES) {
      const list = rows.tables[table];
      for (let i = 0; i < list.length; i += BATCH) {
        const batch = list.slice(i, i + BATCH);
        const columns = Object.keys(batch[0]!);
        const values: unknown[] = [];
        const tuples = batch.map((row) => `(${columns.map((c) => `$${values.push(row[c] ?? null)}`).join(', ')})`);
        const overriding = table in IDENTITY ? ' OVERRIDING SYSTEM VALUE' : '';
        await client.query(`INSERT INTO ${table} (${columns.join(', ')})${overriding} VALUES ${tuples.join(', ')}`, values);
      }
      const identity = IDENTITY[table as keyof typeof IDENTITY];
      if (identity) await client.query(`SELECT setval(pg_get_serial_sequence('${table}', '${identity}'), GREATEST((SELECT MAX(${identity}) FROM ${table}), 0) + 1, false)`);
    }
  });
}
