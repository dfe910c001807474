/**
 * One in-memory queue of assignments per agent, handed out by long-poll (docs/design.md 4 `updops
 * agent`): a poll takes the next assignment at once, or waits until one is queued or its wait
 * ends. A newer poll from the same agent replaces an older one (which then gets nothing).
 */
import type { Assignment } from '../../protocol/index.js';

interface Waiter {
  resolve(assignment: Assignment | undefined): void;
}

export class WorkQueue {
  readonly #queues = new Map<string, Assignment[]>();
  readonly #waiters = new Map<string, Waiter>();

  push(agent: string, assignment: Assignment): void {
    const waiter = this.#waiters.get(agent);
    if (waiter) {
      this.#waiters.delete(agent);
      waiter.resolve(assignment);
      return;
    }
    const queue = this.#queues.get(agent) ?? [];
    queue.push(assignment);
    this.#queues.set(agent, queue);
  }

  /** Drops a queued (not yet taken) assignment; true when it was still queued. */
  withdraw(agent: string, runId: string): boolean {
    const queue = this.#queues.get(agent) ?? [];
    const i = queue.findIndex((a) => a.runId === runId);
    if (i >= 0) queue.splice(i, 1);
    return i >= 0;
  }

  next(agent: string, waitMs: number): Promise<Assignment | undefined> {
    const queued = this.#queues.get(agent)?.shift();
    if (queued || waitMs <= 0) return Promise.resolve(queued);
    this.#waiters.get(agent)?.resolve(undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(undefined), waitMs);
      const waiter: Waiter = { resolve: (a) => finish(a) };
      const finish = (assignment: Assignment | undefined): void => {
        clearTimeout(timer);
        if (this.#waiters.get(agent) === waiter) this.#waiters.delete(agent);
        resolve(assignment);
      };
      this.#waiters.set(agent, waiter);
    });
  }

  /** Ends every waiting poll (the API is closing). */
  close(): void {
    for (const waiter of [...this.#waiters.values()]) waiter.resolve(undefined);
    this.#waiters.clear();
  }
}
