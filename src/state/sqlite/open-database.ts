import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { UpdopsError } from '../../errors.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations.js';
import { isBusy, toStateError } from './sqlite-errors.js';

/** How long a writer waits for another process's transaction before giving up. */
export const BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens (creating if needed) an updops state database: WAL so readers never block the one
 * writer, a busy timeout so two processes queue instead of failing, foreign keys on, and every
 * pending migration applied in one immediate transaction (two processes opening a new file at
 * once both end up with the same, fully migrated schema).
 */
export function openDatabase(path: string, now: () => Date, options: { fileMustExist?: boolean } = {}): SqliteDatabase {
  refuseDirectory(path);
  let db: SqliteDatabase | undefined;
  try {
    db = new Database(path, { fileMustExist: options.fileMustExist ?? false });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    switchToWal(db);
    db.pragma('synchronous = NORMAL');
    // Off while migrating: a migration that rebuilds a parent table (v3 `runs`) must not
    // cascade-delete its children. The pragma is a no-op inside a transaction, hence here.
    db.pragma('foreign_keys = OFF');
    migrate(db, path, now);
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db?.close();
    throw toStateError(error, path);
  }
}

/**
 * Switching a new file to WAL needs the file to itself, and SQLite answers SQLITE_BUSY at once,
 * without the busy handler, when another process opening the same new file holds it for a
 * moment: wait and retry, up to the busy timeout, as the handler would have.
 */
function switchToWal(db: SqliteDatabase): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      Atomics.wait(RETRY_PAUSE, 0, 0, 10);
    }
  }
}

const RETRY_PAUSE = new Int32Array(new SharedArrayBuffer(4));

function refuseDirectory(path: string): void {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat?.isDirectory()) {
    throw new UpdopsError('STATE', `state file ${path} is a directory; give the path of a file (UPDOPS_STATE)`);
  }
}

function migrate(db: SqliteDatabase, path: string, now: () => Date): void {
  const run = db.transaction(() => {
    assertUpdopsDatabase(db, path);
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const current = currentVersion(db);
    if (current > LATEST_SCHEMA_VERSION) {
      throw new UpdopsError(
        'STATE',
        `state file ${path} was written by a newer updops (schema v${current}; this version knows up to v${LATEST_SCHEMA_VERSION}); upgrade updops`,
      );
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    // Every migration not recorded yet, in order — not only those above the newest recorded: two
    // branches may each add one (4 and 5), and a state that got 5 first still gets 4.
    const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now().toISOString());
    }
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new UpdopsError('STATE', `state file ${path}: migrating left ${broken.length} rows without their parent; the file is unchanged`);
    // Lineage is made once, when the state is created (docs/design.md 2 "Saved plans").
    db.prepare('INSERT OR IGNORE INTO meta (id, lineage, serial) VALUES (1, ?, 0)').run(randomUUID());
  });
  run.immediate();
}

/** A SQLite file with tables but no `schema_migrations` belongs to something else: never touch it. */
function assertUpdopsDatabase(db: SqliteDatabase, path: string): void {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all() as string[];
  if (tables.length > 0 && !tables.includes('schema_migrations')) {
    throw new UpdopsError(
      'STATE',
      `state file ${path} is not an updops state database (it holds other tables: ${tables.slice(0, 5).join(', ')}); point UPDOPS_STATE at another file`,
    );
  }
}

function currentVersion(db: SqliteDatabase): number {
  const value = db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null;
  return value ?? 0;
}
