/**
 * The PostgreSQL schema, versioned with the same numbers as SQLite's (sqlite/migrations.ts): a
 * state at version N has the same tables and columns on either back end, so `updops migrate-state`
 * and the conformance suite see one schema. Column names and types follow the SQLite ones
 * (times are ISO-8601 text, JSON is text) so rows map to records with the shared `rows.ts`.
 * Identity columns replace SQLite's AUTOINCREMENT and `MAX(seq) + 1`: safe under concurrent writers.
 */
import type { Migration } from '../sqlite/migrations.js';

const RUN_TRIGGER_CHECK = `run_trigger IN ('schedule','manual','chain','outbreak','missed','apply')`;
const RUN_STATUS_CHECK_V1 = `status IN ('pending','running','completed','failed','skipped','interrupted')`;
const RUN_STATUS_CHECK = `status IN ('pending','running','completed','failed','skipped','interrupted','cancelled')`;
const DEVICE_STATUS_CHECK = `status IN ('pending','running','completed','failed','skipped')`;

export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
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
  },
  {
    version: 2,
    name: 'agents',
    sql: `
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
  },
  {
    // PostgreSQL alters a CHECK in place (SQLite rebuilds the table).
    version: 3,
    name: 'cancelled runs, reconcile status, leases',
    sql: `
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
  },
  {
    version: 4,
    name: 'device result source and fallback reason',
    sql: `
      ALTER TABLE device_results ADD COLUMN source TEXT;
      ALTER TABLE device_results ADD COLUMN fallback_reason TEXT;
      CREATE INDEX device_results_served ON device_results (device) WHERE source IS NOT NULL;
    `,
  },
  {
    version: 5,
    name: 'missed targets, device licences',
    sql: `
      CREATE TABLE missed_targets (
        task TEXT NOT NULL,
        target TEXT NOT NULL,
        since TEXT NOT NULL,
        run_id TEXT,
        PRIMARY KEY (task, target)
      );
      CREATE TABLE device_licence (
        device TEXT PRIMARY KEY,
        unlicensed_updates INTEGER NOT NULL CHECK (unlicensed_updates >= 0),
        updated_at TEXT NOT NULL
      );
    `,
  },
];
