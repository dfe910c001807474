import { randomUUID } from 'node:crypto';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { checkTtl, lockedError, lockLostError, noSuchLockError } from '../holders.js';
import type { LockInfo, LockRequest } from '../store.js';
import { toLock } from '../rows.js';
import type { LockRow } from '../rows.js';

/**
 * The apply lock (docs/design.md 2 "Apply": owner, host, pid, expiry; a second apply fails fast,
 * naming the holder). One row in `state_lock`. Every check-then-write runs in a `BEGIN
 * IMMEDIATE` transaction, which takes SQLite's write lock before reading, so of two processes
 * racing for the lock exactly one sees the slot free.
 */

export function acquireLock(db: SqliteDatabase, request: LockRequest, now: Date): LockInfo {
  checkTtl('lock', request);
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
    if (!held || held.id !== id) throw lockLostError(id, held);
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
    throw noSuchLockError(id, readLock(db));
  });
  unlock.immediate();
}

export function readLock(db: SqliteDatabase): LockInfo | undefined {
  const row = db
    .prepare('SELECT id, owner, host, pid, operation, acquired_at, expires_at FROM state_lock WHERE slot = 1')
    .get() as LockRow | undefined;
  return row ? toLock(row) : undefined;
}
