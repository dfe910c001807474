/**
 * Schema migrations, versioned in code: an ordered list, applied in one transaction when the
 * store is opened, each recorded in `schema_migrations`. Never edit a released migration; append
 * a new one. Column names avoid SQL keywords (`commit`, `trigger`) so the same schema ports to
 * PostgreSQL.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const RUN_TRIGGER_CHECK = `run_trigger IN ('schedule','manual','chain','outbreak','missed','apply')`;
const RUN_TRIGGER_CHECK_V7 = `run_trigger IN ('schedule','manual','chain','outbreak','missed','apply','rollout')`;
const RUN_STATUS_CHECK_V1 = `status IN ('pending','running','completed','failed','skipped','interrupted')`;
const RUN_STATUS_CHECK = `status IN ('pending','running','completed','failed','skipped','interrupted','cancelled')`;
const DEVICE_STATUS_CHECK = `status IN ('pending','running','completed','failed','skipped')`;

/** One row per rollout: its progress as JSON (state/store.ts `RolloutProgress`). */
export const ROLLOUTS_TABLE = `CREATE TABLE rollouts (
        name TEXT PRIMARY KEY,
        progress_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );`;

export const MIGRATIONS: readonly Migration[] = [
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
        id INTEGER PRIMARY KEY AUTOINCREMENT,
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
        seq INTEGER NOT NULL UNIQUE,
        task TEXT NOT NULL,
        run_trigger TEXT NOT NULL CHECK (${RUN_TRIGGER_CHECK}),
        status TEXT NOT NULL CHECK (${RUN_STATUS_CHECK_V1}),
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
        files INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL,
        PRIMARY KEY (run_id, device)
      );
      CREATE TABLE events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
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
    // Agents on devices and DPs (docs/design.md 4 `updops agent`): what registered, when last seen,
    // and the status its last heartbeat reported; agent_results makes results idempotent by
    // (run id, agent) across controller restarts.
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
    // Runs end truthfully (issue: a clean shutdown is `cancelled`, only a crash `interrupted`):
    // SQLite cannot alter a CHECK, so `runs` is rebuilt the documented way (new table, copy,
    // drop, rename; foreign keys are off while migrating, see open-database.ts). The
    // reconcile status is the controller's Flux-like condition of the last commit it tried,
    // and leases make one controller active per state.
    version: 3,
    name: 'cancelled runs, reconcile status, leases',
    sql: `
      CREATE TABLE runs_v3 (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        task TEXT NOT NULL,
        run_trigger TEXT NOT NULL CHECK (${RUN_TRIGGER_CHECK}),
        status TEXT NOT NULL CHECK (${RUN_STATUS_CHECK}),
        started_at TEXT NOT NULL,
        finished_at TEXT,
        reason TEXT
      );
      INSERT INTO runs_v3 (id, seq, task, run_trigger, status, started_at, finished_at, reason)
        SELECT id, seq, task, run_trigger, status, started_at, finished_at, reason FROM runs;
      DROP TABLE runs;
      ALTER TABLE runs_v3 RENAME TO runs;
      CREATE INDEX runs_by_task ON runs (task, started_at);
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
    // Which source served each target and why earlier sources in the task's list were skipped
    // (issue 16): nullable, so every result recorded before reads as "not known".
    version: 4,
    name: 'device result source and fallback reason',
    sql: `
      ALTER TABLE device_results ADD COLUMN source TEXT;
      ALTER TABLE device_results ADD COLUMN fallback_reason TEXT;
      CREATE INDEX device_results_served ON device_results (device) WHERE source IS NOT NULL;
    `,
  },
  {
    // Run missed tasks and the licence rule outlive a restart (issue 16): the targets a runMissed
    // task still owes a run, and each device's count of updates done without a current licence
    // as the controller knows it (a wiped device folder must not reset the rule). New tables
    // only, touching nothing earlier migrations made, so it applies after any version 4.
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
  {
    // Controller replicas (issue 17): the due instant of a scheduled start, unique per task, so
    // one due start is recorded at most once whichever replica (or restarted controller) starts
    // it. Portable SQL: PostgreSQL runs it as written.
    version: 6,
    name: 'scheduled start instants',
    sql: `
      ALTER TABLE runs ADD COLUMN scheduled_at TEXT;
      CREATE UNIQUE INDEX runs_scheduled_start ON runs (task, scheduled_at) WHERE scheduled_at IS NOT NULL;
    `,
  },
  {
    // Rollouts in waves (issue 19): a run a rollout starts for the devices of a wave it admits is
    // triggered `rollout` (the CHECK widened: SQLite rebuilds `runs` as in version 3), and each
    // rollout's progress — its current wave, halted or not, each device's outcome — is one row,
    // replaced as a whole by the leader.
    version: 7,
    name: 'rollout runs and progress',
    sql: `
      CREATE TABLE runs_v7 (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        task TEXT NOT NULL,
        run_trigger TEXT NOT NULL CHECK (${RUN_TRIGGER_CHECK_V7}),
        status TEXT NOT NULL CHECK (${RUN_STATUS_CHECK}),
        started_at TEXT NOT NULL,
        finished_at TEXT,
        reason TEXT,
        scheduled_at TEXT
      );
      INSERT INTO runs_v7 (id, seq, task, run_trigger, status, started_at, finished_at, reason, scheduled_at)
        SELECT id, seq, task, run_trigger, status, started_at, finished_at, reason, scheduled_at FROM runs;
      DROP TABLE runs;
      ALTER TABLE runs_v7 RENAME TO runs;
      CREATE INDEX runs_by_task ON runs (task, started_at);
      CREATE UNIQUE INDEX runs_scheduled_start ON runs (task, scheduled_at) WHERE scheduled_at IS NOT NULL;
      ${ROLLOUTS_TABLE}
    `,
  },
  {
    // Agents on any replica (issue 17): the interval an agent registered with, so a replica that
    // never heard from it judges its presence from the store's last_seen at the right pace.
    // Portable SQL: PostgreSQL runs it as written.
    version: 8,
    name: 'agent heartbeat interval',
    sql: `
      ALTER TABLE agents ADD COLUMN heartbeat_seconds REAL;
    `,
  },
  {
    // Verify on test devices (issue 19): each verifying download task's progress — the release
    // its test devices verified last and the gate of the one under test — is one row, replaced
    // as a whole by the leader. Portable SQL: PostgreSQL runs it as written.
    version: 9,
    name: 'update verification progress',
    sql: `
      CREATE TABLE verifications (
        name TEXT PRIMARY KEY,
        progress_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
