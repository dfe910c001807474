/**
 * The reconcile condition of a commit (like Flux's `Ready` condition): what the reconciler
 * records in the store after every attempt, and when a failed commit is tried again. Pure.
 */
import type { ReconcileStatus } from '../state/index.js';

/**
 * Why an attempt failed. `ValidationFailed` is not retried until the commit changes (or a webhook
 * asks); `SourceUnreachable` needs no retry of its own, every poll asks the remote again.
 */
export type FailureReason = 'ValidationFailed' | 'FetchFailed' | 'ApplyFailed' | 'RunFailed' | 'SourceUnreachable';

export interface Backoff {
  baseMs: number;
  maxMs: number;
}

/** `base · 2^(failures−1)`, capped: 10 s, 20 s, 40 s … 10 min with the defaults. */
export function retryDelayMs(failures: number, backoff: Backoff): number {
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, Math.min(30, failures - 1)));
}

export function readyStatus(commit: string | undefined, message: string, now: Date): ReconcileStatus {
  const at = now.toISOString();
  return { ...(commit !== undefined ? { commit } : {}), condition: 'Ready', reason: 'ReconcileSucceeded', message, lastAttemptAt: at, failures: 0, ...(commit !== undefined ? { lastReadyCommit: commit } : {}), lastReadyAt: at };
}

/** A failure of `commit`: counts failures of the same commit in a row, and schedules the retry. */
export function failedStatus(previous: ReconcileStatus | undefined, commit: string | undefined, reason: FailureReason, message: string, now: Date, backoff: Backoff): ReconcileStatus {
  const failures = previous?.condition === 'Failed' && previous.commit === commit ? previous.failures + 1 : 1;
  const retry = reason === 'ValidationFailed' || reason === 'SourceUnreachable' ? {} : { nextRetryAt: new Date(now.getTime() + retryDelayMs(failures, backoff)).toISOString() };
  const lastReady = { ...(previous?.lastReadyCommit ? { lastReadyCommit: previous.lastReadyCommit } : {}), ...(previous?.lastReadyAt ? { lastReadyAt: previous.lastReadyAt } : {}) };
  return { ...(commit !== undefined ? { commit } : {}), condition: 'Failed', reason, message, lastAttemptAt: now.toISOString(), failures, ...retry, ...lastReady };
}

/** A failed commit's retry is due (a poll), or the caller asked now (start, webhook, API). */
export function retryDue(status: ReconcileStatus, now: Date, urgent: boolean): boolean {
  if (urgent) return true;
  if (status.nextRetryAt === undefined) return false;
  return Date.parse(status.nextRetryAt) <= now.getTime();
}
