/**
 * The PostgreSQL state store (issue 17) against a real server on 127.0.0.1: the store conformance
 * suite, unchanged from SQLite's, then what only a server has — concurrent writers, a restart
 * under an open store, and errors that name the database without its password.
 */
import t from 'tap';
import { isUpdopsError } from '../../src/errors.js';
import { PostgresStateStore } from '../../src/state/postgres/pg-store.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/state/sqlite/migrations.js';
import { PG_MIGRATIONS } from '../../src/state/postgres/migrations.js';
import Database from 'better-sqlite3';
import pg from 'pg';
import { SqliteStateStore } from '../../src/state/sqlite/sqlite-store.js';
import { tempDirSync } from '../helpers/temp-dir.js';
import { join } from 'node:path';
import { postgresSkipReason, startPostgres } from '../helpers/postgres.js';
import { freeLoopbackPort } from '../helpers/loopback.js';
import { changes, lockConformance, objectConformance, type MakeStore } from './helpers/conformance.js';
import { recordConformance } from './helpers/conformance-records.js';
import { controllerConformance } from './helpers/conformance-controller.js';
import { missedConformance } from './helpers/conformance-missed.js';

const skip = postgresSkipReason();
if (skip) {
  t.plan(0, skip);
} else {
  const server = await startPostgres(t);
  const makeStore: MakeStore = async (clock) => PostgresStateStore.open(server.freshUrl(), { now: () => clock.now });

  void t.test('conformance: objects, serial, history', async (t) => objectConformance(t, makeStore));
  void t.test('conformance: lock', async (t) => lockConformance(t, makeStore));
  void t.test('conformance: observations, runs, events, dump', async (t) => recordConformance(t, makeStore));
  void t.test('conformance: leases, reconcile status', async (t) => controllerConformance(t, makeStore));
  void t.test('conformance: missed targets, device licences', async (t) => missedConformance(t, makeStore));

  void t.test('one schema on both back ends: the same migrations, tables and columns', async (t) => {
    t.same(PG_MIGRATIONS.map((m) => [m.version, m.name]), MIGRATIONS.map((m) => [m.version, m.name]), 'the same versions and names');
    const file = join(tempDirSync(t, 'updops-parity-'), 'state.db');
    await (await SqliteStateStore.open(file)).close();
    const db = new Database(file, { readonly: true });
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
    const sqliteColumns = tables.flatMap((table) => (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).map((c) => `${table}.${c}`)).sort();
    db.close();
    const url = server.freshUrl();
    await (await PostgresStateStore.open(url)).close();
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    t.teardown(() => client.end());
    const schema = new URL(url).searchParams.get('schema');
    const pgColumns = (await client.query<{ c: string }>(`SELECT table_name || '.' || column_name AS c FROM information_schema.columns WHERE table_schema = $1`, [schema])).rows.map((r) => r.c).sort();
    t.same(pgColumns, sqliteColumns, 'every table and column of one is in the other');
  });

  void t.test('two stores on one state: applies serialize on the serial, the lock has one holder', async (t) => {
    const url = server.freshUrl();
    const [a, b] = await Promise.all([PostgresStateStore.open(url), PostgresStateStore.open(url)]);
    t.teardown(async () => {
      await a.close();
      await b.close();
    });
    t.equal((await a.getMeta()).lineage, (await b.getMeta()).lineage, 'migrated once, one lineage');
    const results = await Promise.allSettled([a.applyChanges(changes({ expectedSerial: 0 })), b.applyChanges(changes({ expectedSerial: 0 }))]);
    t.same(results.map((r) => r.status).sort(), ['fulfilled', 'rejected'], 'one apply against serial 0 wins');
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    t.equal(isUpdopsError(lost.reason) ? lost.reason.code : undefined, 'PLAN_STALE');
    const request = { owner: 'ci', host: 'h', pid: 1, operation: 'apply', ttlMs: 60_000 };
    const locks = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).acquireLock(request)));
    t.equal(locks.filter((l) => l.status === 'fulfilled').length, 1, 'exactly one of eight racers holds the lock');
    const runs = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).createRun({ task: 'T', trigger: 'manual', startedAt: '2026-01-01T00:00:00.000Z' })));
    t.equal(new Set(runs.map((r) => r.id)).size, 50);
    t.equal((await a.listRuns({ limit: 100 })).length, 50, 'concurrent creates from two processes all recorded');
  });

  void t.test('a PostgreSQL restart under an open store: the next call fails with STATE or succeeds, later calls reconnect', async (t) => {
    const store = await PostgresStateStore.open(server.freshUrl());
    t.teardown(() => store.close());
    await store.appendEvent({ type: 'Before', message: 'x' });
    server.restart('immediate');
    let recovered = false;
    for (let i = 0; i < 50 && !recovered; i++) {
      try {
        await store.appendEvent({ type: 'After', message: 'y' });
        recovered = true;
      } catch (error) {
        t.ok(isUpdopsError(error) && error.code === 'STATE', `a lost connection is a STATE error: ${String(error)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    t.ok(recovered, 'the pool reconnected');
    t.same((await store.listEvents()).map((e) => e.type), ['After', 'Before'], 'nothing lost, nothing doubled');
    t.equal(await store.schemaVersion(), LATEST_SCHEMA_VERSION);
  });

  void t.test('errors name the database, never its password', async (t) => {
    const port = await freeLoopbackPort();
    try {
      await PostgresStateStore.open(`postgres://updops:s3cret@127.0.0.1:${port}/updops`);
      t.fail('opened a database nobody serves');
    } catch (error) {
      t.ok(isUpdopsError(error) && error.code === 'STATE');
      t.match(String((error as Error).message), new RegExp(`cannot reach the PostgreSQL state at postgres://updops:\\*\\*\\*@127\\.0\\.0\\.1:${port}/updops`));
      t.notMatch(String((error as Error).message), /s3cret/);
    }
    try {
      await PostgresStateStore.open(server.freshUrl(), { create: false });
      t.fail('create: false opened a state that does not exist');
    } catch (error) {
      t.equal(isUpdopsError(error) ? error.code : undefined, 'NO_STATE');
    }
  });
}
