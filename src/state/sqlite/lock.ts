import { randomUUID } from 'node:crypto';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { UpdopsError } from '../../errors.js';
import type { LockInfo, LockRequest } from '../store.js';
import { toLock } from './rows.js';
import type { LockRow } from './rows.js';

/**
 * The apply lock (docs/design.md 2 "Apply": owner, host, pid, expiry; a second apply fails fast,
 * naming the holder). One row in `state_lock`. Every check-then-write runs in a `BEGIN
 * IMMEDIATE` transaction, which takes SQLite's write lock before reading, so of two processes
 * racing for the lock exactly one sees the slot free.
 */

export function acquireLock(db: SqliteDatabase, request: LockRequest, now: Date): LockInfo {
  validateRequest(request);
  const take = db.transaction((): LockInfo => {
    const held = readLock(db);
    if (held && Date.parse(held.expiresAt) > now.getTime()) throw lockedError(held);
    // No lock, or an expired one: an expired holder is presumed dead and is taken over.
    const lock: LockInfo = {
      id: randomUUID(),
      owner: request.owner,
      host: request.host,
      pid: request.pid,
      operation: request.operation,
      acquiredAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + request.ttlMs).toISOString(),
    };
    db.prepare(
      `INSERT OR REPLACE INTO state_lock (slot, id, owner, host, pid, operation, acquired_at, expires_at)
       VALUES (1, @id, @owner, @host, @pid, @operation, @acquiredAt, @expiresAt)`,
    ).run(lock);
    return lock;
  });
  return take.immediate();
}

export function renewLock(db: SqliteDatabase, id: string, ttlMs: number, now: Date): LockInfo {
  const renew = db.transaction((): LockInfo => {
    const held = readLock(db);
    if (!held || held.id !== id) {
      throw new UpdopsError(
        'LOCKED',
        held ? `${lockedError(held).message}; lock ${id} was lost` : `lock ${id} is no longer held (it was released or force-unlocked)`,
      );
    }
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    db.prepare('UPDATE state_lock SET expires_at = ? WHERE slot = 1').run(expiresAt);
    return { ...held, expiresAt };
  });
  return renew.immediate();
}

export function releaseLock(db: SqliteDatabase, id: string): boolean {
  return db.prepare('DELETE FROM state_lock WHERE slot = 1 AND id = ?').run(id).changes > 0;
}

/** `--force-unlock <id>` removes only the lock with that id, never whatever happens to be there. */
export function forceUnlock(db: SqliteDatabase, id: string): void {
  const unlock = db.transaction(() => {
    if (releaseLock(db, id)) return;
    const held = readLock(db);
    const now = held ? `; the current lock is ${held.id} (${describeHolder(held)})` : '; the state is not locked';
    throw new UpdopsError('NOT_FOUND', `no state lock with id ${id}${now}`);
  });
  unlock.immediate();
}

export function readLock(db: SqliteDatabase): LockInfo | undefined {
  const row = db
    .prepare('SELECT id, owner, host, pid, operation, acquired_at, expires_at FROM state_lock WHERE slot = 1')
    .get() as LockRow | undefined;
  return row ? toLock(row) : undefined;
}

export function lockedError(held: LockInfo): UpdopsError {
  return new UpdopsError(
    'LOCKED',
    `state is locked by ${describeHolder(held)} since ${held.acquiredAt} (lock id ${held.id}) for ${held.operation}, until ${held.expiresAt}; ` +
      `wait for it to finish, or use --force-unlock ${held.id} if it is stale`,
  );
}

function describeHolder(held: LockInfo): string {
  return `${held.owner}@${held.host} pid ${held.pid}`;
}

function validateRequest(request: LockRequest): void {
  if (!Number.isFinite(request.ttlMs) || request.ttlMs <= 0) {
    throw new UpdopsError('USAGE', `lock ttlMs must be a positive number of milliseconds, got ${request.ttlMs}`);
  }
}
