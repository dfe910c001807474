/**
 * The store as the active controller writes to it (docs/architecture.md "Replicas"):
 * - fenced: run creation, run status transitions, rollout and verification progress and applies carry the lease's fence, checked by
 *   the store inside the write's transaction. A write refused with `FENCED` means another replica
 *   leads now: `onFenced` stops this controller;
 * - patient: a run's writes (create, status, per-target results) that fail because the store is
 *   briefly away (a PostgreSQL restart: `STATE` with detail `transient`) are tried again for up
 *   to `retryMs`, so a run in progress completes instead of being left `running`. A create is
 *   retried under the id of its first attempt, so an insert that committed before the connection
 *   dropped is found, never recorded twice.
 * Everything else passes through unchanged.
 */
import { randomUUID } from 'node:crypto';
import { isUpdopsError } from '../errors.js';
import { STATE_TRANSIENT, type ApplyChangesInput, type DeviceResult, type Fence, type NewRun, type RolloutProgress, type RunRecord, type RunUpdate, type StateStore, type VerificationProgress } from '../state/index.js';

export interface WriteGuard {
  fence(): Fence | undefined;
  onFenced(error: Error): void;
  /** How long a write is retried while the store is away; default 15 s. */
  retryMs?: number;
  /** Aborted: stop retrying (the controller stops). */
  signal?: AbortSignal;
}

const FIRST_RETRY_MS = 200;
const MAX_RETRY_STEP_MS = 2000;

function transient(error: unknown): boolean {
  return isUpdopsError(error) && error.code === 'STATE' && error.detail === STATE_TRANSIENT;
}

export function fencedStore(store: StateStore, guard: WriteGuard): StateStore {
  const budget = guard.retryMs ?? 15_000;
  const fenced = <T>(write: Promise<T>): Promise<T> =>
    write.catch((error: unknown) => {
      if (isUpdopsError(error) && error.code === 'FENCED') guard.onFenced(error);
      throw error;
    });
  /** `attempt(n)` is called again after a transient failure, with a growing pause, until the budget is spent. */
  const patient = async <T>(attempt: (n: number) => Promise<T>): Promise<T> => {
    const until = Date.now() + budget;
    let pause = FIRST_RETRY_MS;
    for (let n = 0; ; n++) {
      try {
        return await attempt(n);
      } catch (error) {
        if (!transient(error) || Date.now() + pause > until || guard.signal?.aborted) throw error;
        await new Promise((resolve) => setTimeout(resolve, pause));
        pause = Math.min(pause * 2, MAX_RETRY_STEP_MS);
      }
    }
  };
  const createRun = (run: NewRun, own?: Fence): Promise<RunRecord> => {
    const withId = { ...run, id: run.id ?? randomUUID() };
    return patient(async (n) => {
      if (n > 0) {
        const recorded = await store.getRun(withId.id);
        if (recorded) return recorded;
      }
      return fenced(store.createRun(withId, own ?? guard.fence()));
    });
  };
  const overrides: Partial<StateStore> = {
    createRun,
    updateRun: (id: string, update: RunUpdate, own?: Fence) => patient(() => fenced(store.updateRun(id, update, own ?? guard.fence()))),
    putDeviceResult: (result: DeviceResult) => patient(() => store.putDeviceResult(result)),
    putRollout: (progress: RolloutProgress, own?: Fence) => fenced(store.putRollout(progress, own ?? guard.fence())),
    putVerification: (progress: VerificationProgress, own?: Fence) => fenced(store.putVerification(progress, own ?? guard.fence())),
    applyChanges: (input: ApplyChangesInput) => {
      const current = input.fence ?? guard.fence();
      return fenced(store.applyChanges(current ? { ...input, fence: current } : input));
    },
  };
  return new Proxy(store, {
    get(target, property) {
      if (typeof property === 'string' && property in overrides) return overrides[property as keyof StateStore];
      const value: unknown = Reflect.get(target, property, target);
      // Bound to the real store: its methods use private fields a Proxy receiver does not have.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
