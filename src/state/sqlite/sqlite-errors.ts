import Database from 'better-sqlite3';
import { isUpdopsError, UpdopsError } from '../../errors.js';
import type { UpdopsError as UpdopsErrorType } from '../../errors.js';

/**
 * Turns a driver error into a `STATE` error a person can act on. Messages name the file and
 * what to do; they never include row contents (which could hold configuration data).
 */
export function toStateError(error: unknown, path: string): UpdopsErrorType {
  if (isUpdopsError(error)) return error;
  if (error instanceof Database.SqliteError) return new UpdopsError('STATE', describe(error, path), { cause: error });
  const reason = error instanceof Error ? error.message : String(error);
  return new UpdopsError('STATE', `state file ${path}: ${reason}`, { cause: error });
}

/** Another connection holds the file: worth waiting for, not a fault of the file. */
export function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && (error.code.startsWith('SQLITE_BUSY') || error.code.startsWith('SQLITE_LOCKED'));
}

function describe(error: InstanceType<typeof Database.SqliteError>, path: string): string {
  const code = error.code;
  if (code === 'SQLITE_NOTADB') {
    return `state file ${path} is not an updops state database (not a SQLite file); point UPDOPS_STATE at another file`;
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return `state file ${path} is corrupt (${error.message}); restore it from a backup or move it away to start over`;
  }
  if (isBusy(error)) {
    return `state file ${path} is busy: another updops process kept it locked too long; retry`;
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_CANTOPEN')) {
    return `cannot open state file ${path} for writing (${error.message}); check the path and its permissions`;
  }
  if (code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_IOERR')) {
    return `cannot write state file ${path} (${error.message}); check free disk space`;
  }
  return `state file ${path}: ${error.message} (${code})`;
}
