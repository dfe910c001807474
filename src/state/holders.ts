/**
 * What every back end says about the apply lock and leases (docs/design.md 2 "Apply": a second
 * apply fails fast, naming the holder), and the checks on a request — one wording for SQLite and
 * PostgreSQL, so a message does not depend on where the state lives.
 */
import { UpdopsError } from '../errors.js';
import type { Fence, LeaseInfo, LockInfo, LockRequest } from './store.js';

export function lockedError(held: LockInfo): UpdopsError {
  return new UpdopsError(
    'LOCKED',
    `state is locked by ${describeHolder(held)} since ${held.acquiredAt} (lock id ${held.id}) for ${held.operation}, until ${held.expiresAt}; ` +
      `wait for it to finish, or use --force-unlock ${held.id} if it is stale`,
  );
}

export function lockLostError(id: string, held: LockInfo | undefined): UpdopsError {
  return new UpdopsError('LOCKED', held ? `${lockedError(held).message}; lock ${id} was lost` : `lock ${id} is no longer held (it was released or force-unlocked)`);
}

export function noSuchLockError(id: string, held: LockInfo | undefined): UpdopsError {
  const now = held ? `; the current lock is ${held.id} (${describeHolder(held)})` : '; the state is not locked';
  return new UpdopsError('NOT_FOUND', `no state lock with id ${id}${now}`);
}

export function describeHolder(held: Pick<LockInfo, 'owner' | 'host' | 'pid'>): string {
  return `${held.owner}@${held.host} pid ${held.pid}`;
}

export function checkTtl(what: 'lock' | 'lease', request: Pick<LockRequest, 'ttlMs'>): void {
  if (!Number.isFinite(request.ttlMs) || request.ttlMs <= 0) {
    throw new UpdopsError('USAGE', `${what} ttlMs must be a positive number of milliseconds, got ${request.ttlMs}`);
  }
}

export function leaseHeldError(held: LeaseInfo): UpdopsError {
  return new UpdopsError('LEASE', `the ${held.name} lease of this state is held by ${describeHolder(held)} since ${held.acquiredAt}, until ${held.expiresAt} unless renewed`);
}

export function leaseLostError(name: string, held: LeaseInfo | undefined): UpdopsError {
  return new UpdopsError('LEASE', held ? `${leaseHeldError(held).message}: this process lost it` : `the ${name} lease is no longer held by this process`);
}

export interface LeaseRow {
  name: string;
  id: string;
  owner: string;
  host: string;
  pid: number;
  generation: number;
  acquired_at: string;
  expires_at: string;
}

export function toLease(row: LeaseRow): LeaseInfo {
  return { name: row.name, id: row.id, owner: row.owner, host: row.host, pid: row.pid, generation: row.generation, acquiredAt: row.acquired_at, expiresAt: row.expires_at };
}

/** A fenced write whose lease generation is not the current one (docs/architecture.md "Replicas"). */
export function fencedError(fence: Fence, current: { generation: number; owner: string; host: string; pid: number } | undefined): UpdopsError {
  const now = current ? `generation ${current.generation} is held by ${describeHolder(current)}` : 'nobody holds it';
  return new UpdopsError('FENCED', `this controller's ${fence.lease} lease (generation ${fence.generation}) is no longer current: ${now}; it stops so that the active controller alone writes`);
}

/** The unique index on (task, scheduled_at): that due start is already recorded (by another replica, or before a restart). */
export function scheduledStartRecorded(task: string, scheduledAt: string): UpdopsError {
  return new UpdopsError('CONFLICT', `the scheduled start of "${task}" due at ${scheduledAt} is already recorded`, { detail: SCHEDULED_START_RECORDED });
}

export const SCHEDULED_START_RECORDED = 'scheduled-start-recorded';

/** `UpdopsError.detail` of a STATE error that may pass by itself (the server restarting, a connection lost): a write may be retried. */
export const STATE_TRANSIENT = 'transient';
