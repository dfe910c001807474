/**
 * The PostgreSQL schema is SQLite's migration list (sqlite/migrations.ts) — the same versions and
 * names, so a state at version N has the same tables and columns on either back end and
 * `updops migrate-state` and the conformance suite see one schema — with PostgreSQL's own SQL
 * only where the dialects differ (below); a portable migration is written once, there. Column names and types follow the SQLite ones
 * (times are ISO-8601 text, JSON is text) so rows map to records with the shared `rows.ts`.
 * Identity columns replace SQLite's AUTOINCREMENT and `MAX(seq) + 1`: safe under concurrent writers.
 */
import { MIGRATIONS, ROLLOUTS_TABLE, type Migration } from '../sqlite/migrations.js';

const RUN_TRIGGER_CHECK = `run_trigger IN ('schedule','manual','chain','outbreak','missed','apply')`;
const RUN_STATUS_CHECK_V1 = `status IN ('pending','running','completed','failed','skipped','interrupted')`;
const RUN_STATUS_CHECK = `status IN ('pending','running','completed','failed','skipped','interrupted','cancelled')`;
const DEVICE_STATUS_CHECK = `status IN ('pending','running','completed','failed','skipped')`;

/** PostgreSQL's SQL for the migrations SQLite writes in its own dialect (AUTOINCREMENT, a rebuilt table). */
const POSTGRES_SQL: Readonly<Record<number, string>> = {
  1: `
      CREATE TABLE meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        lineage TEXT NOT NULL,
        serial INTEGER NOT NULL
      );
      CREATE TABLE objects (
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        spec_json TEXT NOT NULL,
        spec_hash TEXT NOT NULL,
        applied_commit TEXT,
        applied_at TEXT NOT NULL,
        PRIMARY KEY (kind, name)
      );
      CREATE TABLE history (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        commit_sha TEXT,
        dirty INTEGER NOT NULL,
        applied_at TEXT NOT NULL,
        serial INTEGER NOT NULL,
        plan_json TEXT NOT NULL,
        summary TEXT NOT NULL
      );
      CREATE TABLE state_lock (
        slot INTEGER PRIMARY KEY CHECK (slot = 1),
        id TEXT NOT NULL,
        owner TEXT NOT NULL,
        host TEXT NOT NULL,
        pid INTEGER NOT NULL,
        operation TEXT NOT NULL,
        acquired_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE TABLE observations (
        dp TEXT PRIMARY KEY,
        version TEXT,
        published TEXT,
        observed_at TEXT NOT NULL,
        missing_json TEXT NOT NULL,
        corrupt_json TEXT NOT NULL
      );
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
        task TEXT NOT NULL,
        run_trigger TEXT NOT NULL CHECK (${RUN_TRIGGER_CHECK}),
        status TEXT NOT NULL CONSTRAINT runs_status_check CHECK (${RUN_STATUS_CHECK_V1}),
        started_at TEXT NOT NULL,
        finished_at TEXT,
        reason TEXT
      );
      CREATE INDEX runs_by_task ON runs (task, started_at);
      CREATE TABLE device_results (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        device TEXT NOT NULL,
        status TEXT NOT NULL CHECK (${DEVICE_STATUS_CHECK}),
        reason TEXT,
        files BIGINT NOT NULL,
        bytes BIGINT NOT NULL,
        duration_ms BIGINT NOT NULL,
        PRIMARY KEY (run_id, device)
      );
      CREATE INDEX device_results_by_device ON device_results (device);
      CREATE TABLE events (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        time TEXT NOT NULL,
        type TEXT NOT NULL,
        subject TEXT,
        message TEXT NOT NULL,
        data_json TEXT
      );
      CREATE INDEX events_by_type ON events (type, id);
      CREATE INDEX events_by_subject ON events (subject, id);
    `,
  2: `
      CREATE TABLE agents (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('dp','device')),
        os TEXT NOT NULL,
        version TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        status_json TEXT
      );
      CREATE TABLE agent_results (
        run_id TEXT NOT NULL,
        agent TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (run_id, agent)
      );
    `,
  // PostgreSQL alters a CHECK in place (SQLite rebuilds the table).
  3: `
      ALTER TABLE runs DROP CONSTRAINT runs_status_check;
      ALTER TABLE runs ADD CONSTRAINT runs_status_check CHECK (${RUN_STATUS_CHECK});
      CREATE TABLE reconcile_status (
        slot INTEGER PRIMARY KEY CHECK (slot = 1),
        commit_sha TEXT,
        condition TEXT NOT NULL CHECK (condition IN ('Ready','Failed')),
        reason TEXT NOT NULL,
        message TEXT NOT NULL,
        last_attempt_at TEXT NOT NULL,
        failures INTEGER NOT NULL,
        next_retry_at TEXT,
        last_ready_commit TEXT,
        last_ready_at TEXT
      );
      CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        id TEXT NOT NULL,
        owner TEXT NOT NULL,
        host TEXT NOT NULL,
        pid INTEGER NOT NULL,
        generation INTEGER NOT NULL,
        acquired_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
    `,
  7: `
      ALTER TABLE runs DROP CONSTRAINT runs_run_trigger_check;
      ALTER TABLE runs ADD CONSTRAINT runs_run_trigger_check CHECK (run_trigger IN ('schedule','manual','chain','outbreak','missed','apply','rollout'));
      ${ROLLOUTS_TABLE}
    `,
};

export const PG_MIGRATIONS: readonly Migration[] = MIGRATIONS.map((m) => ({ ...m, sql: POSTGRES_SQL[m.version] ?? m.sql }));
