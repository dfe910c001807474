/**
 * The store as the active controller writes to it (docs/architecture.md "Replicas"): run creation,
 * run status transitions and applies carry the lease's fence, checked by the store inside the
 * write's transaction. A write refused with `FENCED` means another replica leads now: `onFenced`
 * stops this controller. Everything else passes through unchanged.
 */
import { isUpdopsError } from '../errors.js';
import type { ApplyChangesInput, Fence, NewRun, RunUpdate, StateStore } from '../state/index.js';

export function fencedStore(store: StateStore, fence: () => Fence | undefined, onFenced: (error: Error) => void): StateStore {
  const guard = <T>(write: Promise<T>): Promise<T> =>
    write.catch((error: unknown) => {
      if (isUpdopsError(error) && error.code === 'FENCED') onFenced(error);
      throw error;
    });
  const overrides: Partial<StateStore> = {
    createRun: (run: NewRun, own?: Fence) => guard(store.createRun(run, own ?? fence())),
    updateRun: (id: string, update: RunUpdate, own?: Fence) => guard(store.updateRun(id, update, own ?? fence())),
    applyChanges: (input: ApplyChangesInput) => {
      const current = input.fence ?? fence();
      return guard(store.applyChanges(current ? { ...input, fence: current } : input));
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
