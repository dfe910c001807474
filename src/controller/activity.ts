/**
 * Counts work that is actually doing something — a reconcile, a scheduler tick, a DP sync —
 * as opposed to waiting on the clock. `settled()` resolves when only clock waits are left,
 * which is what a test with a FakeClock needs before it moves time again (docs/style.md 2).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Clock } from './types.js';

export class Activity {
  #busy = 0;
  #waiters: (() => void)[] = [];

  /** Runs `work` as busy. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.#busy++;
    try {
      return await work();
    } finally {
      this.#done();
    }
  }

  /** Awaits `promise` as not busy: used while waiting on the clock or on other tracked work. */
  async parked<T>(promise: Promise<T>): Promise<T> {
    this.#done();
    try {
      return await promise;
    } finally {
      this.#busy++;
    }
  }

  /** A clock sleep that does not count as busy. */
  sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
    return this.parked(clock.sleep(ms, signal));
  }

  /** Resolves once nothing is busy across two event-loop turns (woken sleepers re-count first). */
  async settled(): Promise<void> {
    for (;;) {
      await nextTurn();
      if (this.#busy === 0) {
        await nextTurn();
        if (this.#busy === 0) return;
      }
      if (this.#busy > 0) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  #done(): void {
    this.#busy--;
    if (this.#busy === 0) for (const wake of this.#waiters.splice(0)) wake();
  }
}
