/**
 * Exponential backoff with jitter for reconnects and result retries (docs/design.md 4 `updops agent`:
 * a controller restart loses no result — the agent keeps trying until it is acknowledged).
 */
export interface Backoff {
  /** Waits the next delay; resolves false when `signal` aborted meanwhile. */
  wait(signal?: AbortSignal): Promise<boolean>;
  reset(): void;
}

export function backoff(firstMs = 250, maxMs = 10_000): Backoff {
  let attempt = 0;
  return {
    wait: (signal) => {
      const delay = Math.min(maxMs, firstMs * 2 ** attempt) * (0.75 + Math.random() * 0.5);
      attempt += 1;
      if (signal?.aborted) return Promise.resolve(false);
      return new Promise((resolve) => {
        const done = (ok: boolean): void => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(ok);
        };
        const onAbort = (): void => done(false);
        const timer = setTimeout(() => done(true), delay);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    reset: () => {
      attempt = 0;
    },
  };
}
