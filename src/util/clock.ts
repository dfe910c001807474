/**
 * Clocks for the controller (docs/style.md 2: clocks live at the edges and are injected). The system
 * clock sleeps on real timers; `FakeClock` lets tests and benches move time by hand: sleepers
 * wake in time order and nothing ever busy-waits.
 */
import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';

/** Injectable time (docs/style.md 2): tests drive the controller with a fake clock, never real waiting. */
export interface Clock {
  now(): Date;
  /** Resolves after `ms` of this clock's time, or when `signal` aborts (then rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Node timers overflow past 2^31-1 ms (~24.8 days) and fire at once; longer sleeps are chained. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('The operation was aborted', 'AbortError');
}

export const systemClock: Clock = {
  now: () => new Date(),
  async sleep(ms, signal) {
    let left = Math.max(0, ms);
    do {
      const step = Math.min(left, MAX_TIMER_MS);
      await delay(step, undefined, signal ? { signal } : {});
      left -= step;
    } while (left > 0);
  },
};

interface Sleeper {
  at: number;
  seq: number;
  resolve: () => void;
  reject: (error: Error) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/** Lets woken code run before the next sleeper wakes; tests pass `controller.settled`. */
export type Settle = () => Promise<void>;

async function defaultSettle(): Promise<void> {
  for (let i = 0; i < 5; i++) await nextTurn();
}

export class FakeClock implements Clock {
  #now: number;
  #seq = 0;
  #sleepers: Sleeper[] = [];
  #settle: Settle = defaultSettle;

  constructor(start: Date | string) {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  /** How many sleeps are waiting (tests: "the loops went back to sleep"). */
  get sleepers(): number {
    return this.#sleepers.length;
  }

  /** The instant the earliest sleeper wakes, if any. */
  nextWake(): Date | undefined {
    const first = this.#sorted()[0];
    return first ? new Date(first.at) : undefined;
  }

  /** What to await after each wake-up so the woken code finishes before time moves on. */
  setSettle(settle: Settle): void {
    this.#settle = settle;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<void>((resolve, reject) => {
      const sleeper: Sleeper = { at: this.#now + Math.max(0, ms), seq: this.#seq++, resolve, reject };
      if (signal) {
        sleeper.signal = signal;
        sleeper.onAbort = () => {
          this.#remove(sleeper);
          reject(abortError(signal));
        };
        signal.addEventListener('abort', sleeper.onAbort, { once: true });
      }
      this.#sleepers.push(sleeper);
    });
  }

  /** Moves time forward by `ms`, waking every sleeper due on the way in time order. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(new Date(this.#now + ms));
  }

  /**
   * Moves time to `target` (never backwards): each due sleeper wakes at its own instant and the
   * settle hook runs before the next one, so a loop that sleeps again within the window is woken
   * again at its next instant.
   */
  async advanceTo(target: Date | string): Promise<void> {
    const end = new Date(target).getTime();
    await this.#settle();
    for (;;) {
      const due = this.#sorted().find((s) => s.at <= end);
      if (!due) break;
      this.#now = Math.max(this.#now, due.at);
      this.#wake(due);
      await this.#settle();
    }
    this.#now = Math.max(this.#now, end);
    await this.#settle();
  }

  /** Lets the code already woken finish (the settle hook) without moving time. */
  async flush(): Promise<void> {
    await this.#settle();
  }

  /**
   * Wakes every sleeper due within `limitMs` of now, in time order, then stops there. A loop
   * that always sleeps again never lets a fake clock run "until empty", hence the bound.
   */
  async runUntilIdle(limitMs = 24 * 3_600_000): Promise<void> {
    await this.advance(limitMs);
  }

  #sorted(): Sleeper[] {
    return [...this.#sleepers].sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  #remove(sleeper: Sleeper): void {
    const i = this.#sleepers.indexOf(sleeper);
    if (i >= 0) this.#sleepers.splice(i, 1);
  }

  #wake(sleeper: Sleeper): void {
    this.#remove(sleeper);
    if (sleeper.signal && sleeper.onAbort) sleeper.signal.removeEventListener('abort', sleeper.onAbort);
    sleeper.resolve();
  }
}
