/**
 * Opening a PostgreSQL state (`--state postgres://…`, issue 17): the URL, the pool and its limits,
 * the schema migrations, and driver errors as `STATE` errors. node-postgres (`pg`) owns the
 * connections; a pool reconnects by itself after PostgreSQL restarts (an idle connection that
 * dies is dropped and replaced), so this code only has to keep such an error from being fatal.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { isUpdopsError, UpdopsError } from '../../errors.js';
import { LATEST_SCHEMA_VERSION } from '../sqlite/migrations.js';
import { PG_MIGRATIONS } from './migrations.js';
import { redactPostgresUrl } from './url.js';
import { STATE_TRANSIENT } from '../holders.js';

export { redactPostgresUrl };

export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

export interface PostgresOptions {
  /** Connections per process (pg's default is 10). */
  maxConnections?: number;
  /** Any one statement longer than this is cancelled by the server (default 30 s). */
  statementTimeoutMs?: number;
  /** `create: false`: the schema must exist already (NO_STATE otherwise). */
  create?: boolean;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_CONNECTIONS = 10;
/** Migrations of one state run one at a time, whichever process opens it first. */
const MIGRATION_LOCK = 0x75706f70; // "upop"

/** `?schema=NAME` puts the state in that schema (several states in one database); default `public`. */
function schemaOf(url: URL): string {
  const schema = url.searchParams.get('schema') ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new UpdopsError('USAGE', `--state: schema "${schema}" must be a lower-case SQL identifier (letters, digits, _)`);
  return schema;
}

// int8 (counts, ids, bytes) as numbers: every value the store keeps fits in 2^53.
const TYPES = { getTypeParser: (oid: number, format?: string) => (oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) };

export async function openPool(url: string, options: PostgresOptions): Promise<{ pool: pg.Pool; schema: string }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UpdopsError('USAGE', `--state ${redactPostgresUrl(url)} is not a valid postgres:// URL`);
  }
  const schema = schemaOf(parsed);
  parsed.searchParams.delete('schema');
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    options: `-c search_path=${schema}`,
    types: TYPES,
  });
  // An idle connection the server closed (a restart, a terminated backend) must not crash the process.
  pool.on('error', () => undefined);
  try {
    await migrate(pool, schema, url, options.create ?? true);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw toStateError(error, url);
  }
  return { pool, schema };
}

async function migrate(pool: pg.Pool, schema: string, url: string, create: boolean): Promise<void> {
  await withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const tables = (await client.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema])).rows.map((r) => r.table_name);
    if (!tables.includes('schema_migrations')) {
      if (!create) throw new UpdopsError('NO_STATE', `no state at ${redactPostgresUrl(url)}; run updops apply first`);
      if (tables.length > 0) throw new UpdopsError('STATE', `schema ${schema} of ${redactPostgresUrl(url)} is not an updops state (it holds other tables: ${tables.slice(0, 5).join(', ')}); use ?schema=NAME for another one`);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    }
    const current = Number((await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations')).rows[0]?.v ?? 0);
    if (current > LATEST_SCHEMA_VERSION) {
      throw new UpdopsError('STATE', `state ${redactPostgresUrl(url)} was written by a newer updops (schema v${current}; this version knows up to v${LATEST_SCHEMA_VERSION}); upgrade updops`);
    }
    // Every migration not recorded yet, in order (as SQLite's: a state that got 5 first still gets 4).
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const migration of PG_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, new Date().toISOString()]);
    }
    await client.query('INSERT INTO meta (id, lineage, serial) VALUES (1, $1, 0) ON CONFLICT (id) DO NOTHING', [randomUUID()]);
  });
}

/** Schema version of a reachable state (readiness: migrations current). */
export async function schemaVersion(pool: Queryable): Promise<number> {
  return Number((await pool.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations')).rows[0]?.v ?? 0);
}

/**
 * One transaction on one connection: committed when `work` resolves, rolled back when it throws.
 * `lockKey`: a transaction-level advisory lock taken first, so check-then-write sequences on the
 * same resource (the apply lock, a lease, the serial) run one at a time across every process.
 */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, options: { isolation?: 'REPEATABLE READ'; lockKey?: string } = {}): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(options.isolation ? `BEGIN ISOLATION LEVEL ${options.isolation}` : 'BEGIN');
    if (options.lockKey) await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [options.lockKey]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH']);

/** Driver errors as `STATE` errors that name the database (password redacted) and what to do; never row contents. */
export function toStateError(error: unknown, url: string): UpdopsError {
  if (isUpdopsError(error)) return error;
  const where = redactPostgresUrl(url);
  const e = error as { code?: string; message?: string };
  const code = e.code ?? '';
  const message = e.message ?? String(error);
  if (UNREACHABLE.has(code) || /timeout exceeded when trying to connect|Connection terminated/i.test(message)) {
    return new UpdopsError('STATE', `cannot reach the PostgreSQL state at ${where}: ${code || message}; check that the server runs and the URL`, { cause: error, detail: STATE_TRANSIENT });
  }
  if (code === '28P01' || code === '28000') return new UpdopsError('STATE', `PostgreSQL refused the login for ${where} (${code}); check the user and password in --state`, { cause: error });
  if (code === '3D000') return new UpdopsError('STATE', `the database of ${where} does not exist (${code}); create it first (createdb)`, { cause: error });
  if (code === '57014') return new UpdopsError('STATE', `a statement on ${where} ran past the statement timeout and was cancelled; retry, or raise the timeout`, { cause: error });
  if (code === '57P01' || code === '57P02' || code === '57P03') return new UpdopsError('STATE', `the PostgreSQL server of ${where} is restarting or shutting down (${code}); retry`, { cause: error, detail: STATE_TRANSIENT });
  return new UpdopsError('STATE', `PostgreSQL state ${where}: ${message}${code ? ` (${code})` : ''}`, { cause: error });
}
