import { randomUUID } from 'node:crypto';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { checkTtl, leaseHeldError, leaseLostError, toLease, type LeaseRow } from '../holders.js';
import type { LeaseInfo, LeaseRequest } from '../store.js';

/**
 * Leases (one row per name in `leases`): who is the active controller of this state. Like the
 * apply lock (lock.ts), every check-then-write runs in a `BEGIN IMMEDIATE` transaction, so of two
 * processes racing exactly one wins. Unlike it, a lease is held for the life of a process and
 * renewed; taking over an expired lease raises its generation.
 */

export function readLease(db: SqliteDatabase, name: string): LeaseInfo | undefined {
  const row = db.prepare('SELECT name, id, owner, host, pid, generation, acquired_at, expires_at FROM leases WHERE name = ?').get(name) as LeaseRow | undefined;
  return row ? toLease(row) : undefined;
}

export function acquireLease(db: SqliteDatabase, request: LeaseRequest, now: Date): LeaseInfo {
  checkTtl('lease', request);
  const take = db.transaction((): LeaseInfo => {
    const held = readLease(db, request.name);
    const live = held !== undefined && Date.parse(held.expiresAt) > now.getTime();
    if (live && held.id !== request.replacing) throw leaseHeldError(held);
    const lease: LeaseInfo = {
      name: request.name,
      id: randomUUID(),
      owner: request.owner,
      host: request.host,
      pid: request.pid,
      generation: (held?.generation ?? 0) + 1,
      acquiredAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + request.ttlMs).toISOString(),
    };
    db.prepare(
      `INSERT OR REPLACE INTO leases (name, id, owner, host, pid, generation, acquired_at, expires_at)
       VALUES (@name, @id, @owner, @host, @pid, @generation, @acquiredAt, @expiresAt)`,
    ).run(lease);
    return lease;
  });
  return take.immediate();
}

export function renewLease(db: SqliteDatabase, name: string, id: string, ttlMs: number, now: Date): LeaseInfo {
  const renew = db.transaction((): LeaseInfo => {
    const held = readLease(db, name);
    if (!held || held.id !== id) throw leaseLostError(name, held);
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    db.prepare('UPDATE leases SET expires_at = ? WHERE name = ?').run(expiresAt, name);
    return { ...held, expiresAt };
  });
  return renew.immediate();
}

export function releaseLease(db: SqliteDatabase, name: string, id: string): boolean {
  return db.prepare('DELETE FROM leases WHERE name = ? AND id = ?').run(name, id).changes > 0;
}
