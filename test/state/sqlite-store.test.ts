import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/state/sqlite/migrations.js';
import { SqliteStateStore } from '../../src/state/sqlite/sqlite-store.js';
import { objectConformance, lockConformance, changes, rejectsWith } from './helpers/conformance.js';
import type { MakeStore } from './helpers/conformance.js';
import { recordConformance } from './helpers/conformance-records.js';
import { controllerConformance } from './helpers/conformance-controller.js';
import { missedConformance } from './helpers/conformance-missed.js';
import { tempDirSync } from '../helpers/temp-dir.js';

const dir = tempDirSync(t, 'updops-state-');
let count = 0;
const freshPath = () => join(dir, `state-${++count}.db`);

const makeStore: MakeStore = async (clock) => SqliteStateStore.open(freshPath(), { now: () => clock.now });

void t.test('conformance: objects, serial, history', async (t) => objectConformance(t, makeStore));
void t.test('conformance: lock', async (t) => lockConformance(t, makeStore));
void t.test('conformance: observations, runs, events, dump', async (t) => recordConformance(t, makeStore));
void t.test('conformance: leases, reconcile status', async (t) => controllerConformance(t, makeStore));
void t.test('conformance: missed targets, device licences', async (t) => missedConformance(t, makeStore));

void t.test('a migration not recorded yet is applied even below the newest recorded one (two branches added 4 and 5)', async (t) => {
  const path = freshPath();
  const db = new Database(path);
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  // Every migration but 4, as a state has it that got a later one (5, another branch's) first.
  for (const m of MIGRATIONS.filter((m) => m.version !== 4)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01T00:00:00Z');
  }
  db.close();
  const store = await SqliteStateStore.open(path);
  t.teardown(() => store.close());
  t.equal((await store.getMeta()).schemaVersion, LATEST_SCHEMA_VERSION);
  const run = await store.createRun({ task: 'task', trigger: 'manual', status: 'completed' });
  await store.putDeviceResult({ runId: run.id, device: 'ws-1', status: 'completed', files: 1, bytes: 1, durationMs: 1, source: 'good' });
  t.match(await store.listDeviceResults(run.id), [{ source: 'good' }], 'migration 4 was applied: results keep their source');
});

void t.test('migrating a v2 state keeps its runs and their device results, and allows cancelled runs', async (t) => {
  const path = freshPath();
  const db = new Database(path);
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of MIGRATIONS.filter((m) => m.version <= 2)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01T00:00:00Z');
  }
  db.pragma('foreign_keys = ON');
  db.prepare(`INSERT INTO runs VALUES ('r1', 1, 'task', 'manual', 'completed', '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z', NULL)`).run();
  db.prepare(`INSERT INTO device_results VALUES ('r1', 'dp-1', 'completed', NULL, 3, 300, 10)`).run();
  t.throws(() => db.prepare(`INSERT INTO runs VALUES ('r2', 2, 'task', 'manual', 'cancelled', '2026-01-01T00:00:00Z', NULL, NULL)`).run(), 'v2 refuses cancelled');
  db.close();
  const store = await SqliteStateStore.open(path);
  t.teardown(() => store.close());
  t.equal((await store.getMeta()).schemaVersion, LATEST_SCHEMA_VERSION);
  t.equal((await store.getRun('r1'))?.status, 'completed');
  t.same((await store.listDeviceResults('r1')).map((r) => r.device), ['dp-1'], 'device results survive the rebuild');
  const run = await store.createRun({ task: 'task', trigger: 'manual', status: 'running', startedAt: '2026-01-01T00:02:00Z' });
  t.equal((await store.updateRun(run.id, { status: 'cancelled' })).status, 'cancelled');
});

void t.test('migration 5 applies over any version 4: it only adds its own tables', async (t) => {
  const path = freshPath();
  const db = new Database(path);
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of MIGRATIONS.filter((m) => m.version <= 3)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01T00:00:00Z');
  }
  // Some other version 4 (one this test cannot know): a column on device_results.
  db.exec('ALTER TABLE device_results ADD COLUMN some_v4_column TEXT');
  db.prepare('INSERT INTO schema_migrations VALUES (4, ?, ?)').run('another v4', '2026-01-01T00:00:00Z');
  db.close();
  const store = await SqliteStateStore.open(path);
  t.teardown(() => store.close());
  await store.rememberMissed([{ task: 'Update', target: 'ws-1', since: '2026-01-01T00:00:00.000Z' }]);
  t.same((await store.listMissed()).map((m) => m.target), ['ws-1']);
  t.equal((await store.recordUnlicensedUpdates('ws-1', 1)).unlicensedUpdates, 1);
});

void t.test('a new file gets every migration, recorded in schema_migrations, in WAL mode', async (t) => {
  const path = freshPath();
  const store = await SqliteStateStore.open(path);
  await store.close();
  const db = new Database(path, { readonly: true });
  t.teardown(() => db.close());
  const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
  t.same(applied, MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
  t.equal(LATEST_SCHEMA_VERSION, MIGRATIONS.at(-1)?.version);
  t.equal(db.pragma('journal_mode', { simple: true }), 'wal');
});

void t.test('reopening keeps data, lineage and serial and re-applies no migration', async (t) => {
  const path = freshPath();
  const first = await SqliteStateStore.open(path);
  await first.applyChanges(changes({ upserts: [{ kind: 'Group', name: 'g', spec: { a: 1 } }] }));
  await first.appendEvent({ type: 'ReconcileFailed', message: 'x' });
  const before = await first.dump();
  await first.close();
  const second = await SqliteStateStore.open(path);
  t.teardown(() => second.close());
  t.same(await second.dump(), before);
  t.equal((await second.getMeta()).schemaVersion, LATEST_SCHEMA_VERSION);
});

void t.test('an error injected after the writes rolls the whole apply back', async (t) => {
  const path = freshPath();
  const setup = await SqliteStateStore.open(path);
  await setup.applyChanges(changes({ upserts: [{ kind: 'Group', name: 'keep', spec: {} }] }));
  const before = await setup.dump();
  await setup.close();
  const store = await SqliteStateStore.open(path, {
    beforeApplyCommit: () => {
      throw new Error('disk unplugged');
    },
  });
  t.teardown(() => store.close());
  const apply = store.applyChanges(changes({ expectedSerial: 1, upserts: [{ kind: 'Group', name: 'new', spec: {} }], deletes: [{ kind: 'Group', name: 'keep' }] }));
  const message = await rejectsWith(t, apply, 'STATE');
  t.match(message, 'disk unplugged');
  t.same(await store.dump(), before, 'state unchanged');
});

void t.test('a file that is not SQLite is refused with an actionable STATE error', async (t) => {
  const path = freshPath();
  writeFileSync(path, 'this is a text file, not a database\n'.repeat(200));
  const message = await rejectsWith(t, SqliteStateStore.open(path), 'STATE');
  t.match(message, `state file ${path} is not an updops state database`);
});

void t.test('a SQLite file of another program is refused and left alone', async (t) => {
  const path = freshPath();
  const other = new Database(path);
  other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY)');
  other.close();
  const message = await rejectsWith(t, SqliteStateStore.open(path), 'STATE');
  t.match(message, /is not an updops state database .*customers/);
  const check = new Database(path, { readonly: true });
  t.teardown(() => check.close());
  const tables = check.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all();
  t.same(tables, ['customers'], 'no updops tables added');
});

void t.test('a state written by a newer schema is refused', async (t) => {
  const path = freshPath();
  await (await SqliteStateStore.open(path)).close();
  const db = new Database(path);
  db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(999, 'future', 'x');
  db.close();
  const message = await rejectsWith(t, SqliteStateStore.open(path), 'STATE');
  t.match(message, /newer updops \(schema v999/);
});

void t.test('a directory as state path is refused', async (t) => {
  const message = await rejectsWith(t, SqliteStateStore.open(dir), 'STATE');
  t.match(message, 'is a directory');
});
