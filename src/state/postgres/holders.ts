/**
 * The apply lock and leases on PostgreSQL (as sqlite/lock.ts and sqlite/leases.ts). Every
 * check-then-write holds a transaction-level advisory lock on the resource's name, so of two
 * processes racing for it exactly one sees it free — the role `BEGIN IMMEDIATE` plays on SQLite.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { checkTtl, leaseHeldError, leaseLostError, lockedError, lockLostError, noSuchLockError, toLease, type LeaseRow } from '../holders.js';
import { toLock, type LockRow } from '../rows.js';
import type { LeaseInfo, LeaseRequest, LockInfo, LockRequest } from '../store.js';
import { withTransaction, type Queryable } from './connection.js';

const LOCK_KEY = 'updops:state_lock';
const leaseKey = (name: string): string => `updops:lease:${name}`;

export async function readLock(db: Queryable): Promise<LockInfo | undefined> {
  const row = (await db.query<LockRow>('SELECT id, owner, host, pid, operation, acquired_at, expires_at FROM state_lock WHERE slot = 1')).rows[0];
  return row ? toLock(row) : undefined;
}

export async function acquireLock(pool: pg.Pool, request: LockRequest, now: Date): Promise<LockInfo> {
  checkTtl('lock', request);
  return withTransaction(
    pool,
    async (client) => {
      const held = await readLock(client);
      if (held && Date.parse(held.expiresAt) > now.getTime()) throw lockedError(held);
      const lock: LockInfo = { id: randomUUID(), owner: request.owner, host: request.host, pid: request.pid, operation: request.operation, acquiredAt: now.toISOString(), expiresAt: new Date(now.getTime() + request.ttlMs).toISOString() };
      await client.query(
        `INSERT INTO state_lock (slot, id, owner, host, pid, operation, acquired_at, expires_at) VALUES (1, $1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (slot) DO UPDATE SET id = excluded.id, owner = excluded.owner, host = excluded.host, pid = excluded.pid,
         operation = excluded.operation, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at`,
        [lock.id, lock.owner, lock.host, lock.pid, lock.operation, lock.acquiredAt, lock.expiresAt],
      );
      return lock;
    },
    { lockKey: LOCK_KEY },
  );
}

export async function renewLock(pool: pg.Pool, id: string, ttlMs: number, now: Date): Promise<LockInfo> {
  return withTransaction(
    pool,
    async (client) => {
      const held = await readLock(client);
      if (!held || held.id !== id) throw lockLostError(id, held);
      const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
      await client.query('UPDATE state_lock SET expires_at = $1 WHERE slot = 1', [expiresAt]);
      return { ...held, expiresAt };
    },
    { lockKey: LOCK_KEY },
  );
}

export async function releaseLock(db: Queryable, id: string): Promise<boolean> {
  return ((await db.query('DELETE FROM state_lock WHERE slot = 1 AND id = $1', [id])).rowCount ?? 0) > 0;
}

export async function forceUnlock(pool: pg.Pool, id: string): Promise<void> {
  await withTransaction(
    pool,
    async (client) => {
      if (await releaseLock(client, id)) return;
      throw noSuchLockError(id, await readLock(client));
    },
    { lockKey: LOCK_KEY },
  );
}

export async function readLease(db: Queryable, name: string): Promise<LeaseInfo | undefined> {
  const row = (await db.query<LeaseRow>('SELECT name, id, owner, host, pid, generation, acquired_at, expires_at FROM leases WHERE name = $1', [name])).rows[0];
  return row ? toLease(row) : undefined;
}

export async function acquireLease(pool: pg.Pool, request: LeaseRequest, now: Date): Promise<LeaseInfo> {
  checkTtl('lease', request);
  return withTransaction(
    pool,
    async (client) => {
      const held = await readLease(client, request.name);
      const live = held !== undefined && Date.parse(held.expiresAt) > now.getTime();
      if (live && held.id !== request.replacing) throw leaseHeldError(held);
      const lease: LeaseInfo = { name: request.name, id: randomUUID(), owner: request.owner, host: request.host, pid: request.pid, generation: (held?.generation ?? 0) + 1, acquiredAt: now.toISOString(), expiresAt: new Date(now.getTime() + request.ttlMs).toISOString() };
      await client.query(
        `INSERT INTO leases (name, id, owner, host, pid, generation, acquired_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (name) DO UPDATE SET id = excluded.id, owner = excluded.owner, host = excluded.host, pid = excluded.pid,
         generation = excluded.generation, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at`,
        [lease.name, lease.id, lease.owner, lease.host, lease.pid, lease.generation, lease.acquiredAt, lease.expiresAt],
      );
      return lease;
    },
    { lockKey: leaseKey(request.name) },
  );
}

export async function renewLease(pool: pg.Pool, name: string, id: string, ttlMs: number, now: Date): Promise<LeaseInfo> {
  return withTransaction(
    pool,
    async (client) => {
      const held = await readLease(client, name);
      if (!held || held.id !== id) throw leaseLostError(name, held);
      const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
      await client.query('UPDATE leases SET expires_at = $1 WHERE name = $2', [expiresAt, name]);
      return { ...held, expiresAt };
    },
    { lockKey: leaseKey(name) },
  );
}

export async function releaseLease(db: Queryable, name: string, id: string): Promise<boolean> {
  return ((await db.query('DELETE FROM leases WHERE name = $1 AND id = $2', [name, id])).rowCount ?? 0) > 0;
}
