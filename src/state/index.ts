import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UpdopsError } from '../errors.js';
import { SqliteStateStore } from './sqlite/sqlite-store.js';
import { isPostgresUrl } from './postgres/url.js';
import type { StateStore } from './store.js';

export type * from './store.js';
export { AGENT_ROLES, DEVICE_STATUSES, NO_LINEAGE, RUN_STATUSES, RUN_TRIGGERS } from './store.js';
export { specHash, stableStringify } from './spec-hash.js';
export { SCHEDULED_START_RECORDED, STATE_TRANSIENT } from './holders.js';
export { SqliteStateStore } from './sqlite/sqlite-store.js';
export { isPostgresUrl, redactPostgresUrl } from './postgres/url.js';

/** Default state file, relative to the working directory (docs/design.md 4: zero set-up). */
export const DEFAULT_STATE_PATH = '.updops/state.db';

export interface OpenStateStoreOptions {
  /** State file; default `UPDOPS_STATE`, else `.updops/state.db` under the working directory. */
  path?: string;
  /** Clock, injectable for tests. */
  now?: () => Date;
  /**
   * false: the state must exist already — a missing file is NO_STATE and nothing is created (no
   * folder, no file). For commands that only read the state (status, history, runs, events).
   */
  create?: boolean;
}

/** Where the state lives: explicit path, then `UPDOPS_STATE`, then the default. */
export function resolveStatePath(path?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = path ?? (env.UPDOPS_STATE ? env.UPDOPS_STATE : undefined) ?? DEFAULT_STATE_PATH;
  return resolve(chosen);
}

/** The state's location as given: a `postgres://` URL, else a file path (explicit, `UPDOPS_STATE`, or the default). */
function chosenState(path: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return path ?? (env.UPDOPS_STATE ? env.UPDOPS_STATE : undefined) ?? DEFAULT_STATE_PATH;
}

/**
 * Opens the state store: a `postgres://` URL is a PostgreSQL state (issue 17; migrated on open,
 * NO_STATE with `create: false` when it has none), anything else a SQLite file, created with its
 * folder when missing unless `create: false`.
 */
export async function openStateStore(options: OpenStateStoreOptions = {}): Promise<StateStore> {
  const clock = options.now ? { now: options.now } : {};
  const chosen = chosenState(options.path);
  if (isPostgresUrl(chosen)) {
    // Loaded only for PostgreSQL states: the SQLite default never loads `pg`.
    const { PostgresStateStore } = await import('./postgres/pg-store.js');
    return PostgresStateStore.open(chosen, { ...clock, create: options.create ?? true });
  }
  const path = resolveStatePath(options.path);
  if (options.create === false) {
    if (!existsSync(path)) throw new UpdopsError('NO_STATE', `no state at ${path}; run updops apply first`);
    return SqliteStateStore.open(path, { ...clock, fileMustExist: true });
  }
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UpdopsError('STATE', `cannot create the folder for state file ${path}: ${reason}`, { cause: error });
  }
  return SqliteStateStore.open(path, clock);
}

/**
 * A state that does not exist yet, for previews (`updops plan` before the first apply): empty, in
 * memory, nothing written to disk. Its lineage is NO_LINEAGE, which a saved plan's apply accepts
 * only against a state that was never applied.
 */
export async function openEmptyStateStore(options: Pick<OpenStateStoreOptions, 'now'> = {}): Promise<StateStore> {
  return SqliteStateStore.openEmpty(options.now ? { now: options.now } : {});
}
export { modelFromObjects, recordedConfig, type RecordedConfig, type RecordedRollout, type RecordedTask } from './recorded-config.js';

export { migrateState, STATE_TABLES, PROCESS_TABLES, type MigrationReport } from './transfer.js';
