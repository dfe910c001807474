/**
 * Per-target work as jobs (docs/architecture.md "Job queue"): a device update or a DP sync of a run
 * is one job on its agent's queue (`updops-agent-NAME`), whose id is derived from (run, target) —
 * so sending it twice creates one job — with retries (exponential backoff), and an expiry of the
 * agent timeout: an active job without a result by then is retried, and after the last attempt it
 * fails, and the target with it. The agent's long-poll, on whichever replica it reaches, fetches
 * from that queue; its result, on whichever replica it reaches, completes the job. What a result
 * says is kept by the store (once per (run, agent)); the job only says that it came.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type PgBoss from 'pg-boss';
import type { Assignment } from '../protocol/index.js';
import { affected, createQueue, sql, type Boss } from './boss.js';

export const AGENT_QUEUE_PREFIX = 'updops-agent-';
export const STOPPED_REASON = 'the controller stopped before the agent reported';
export const WITHDRAWN_REASON = 'the assignment was withdrawn before the agent took it';

/** How a dispatched job ended: a result came (read it from the store), or why not. */
export type TargetOutcome = { done: true } | { done: false; reason: string };

/** What the hub says of a job an agent's poll fetched: hand it over, or drop it (its run ended, or its result is recorded). */
export type Verdict = 'give' | 'drop';

export interface TargetJobOptions {
  /** An active job without a result after this long is retried (then failed): the agent timeout. */
  expireSeconds: number;
  retryLimit: number;
  retryDelaySeconds: number;
  pollMs: number;
}

interface TargetData {
  assignment: Assignment;
}

interface Watcher {
  queue: string;
  finish(outcome: TargetOutcome): void;
}

export function agentQueue(agent: string): string {
  return `${AGENT_QUEUE_PREFIX}${agent}`;
}

/** A job id per (run, target): a second send of the same pair is a no-op (pg-boss inserts ON CONFLICT DO NOTHING). */
export function targetJobId(runId: string, target: string): string {
  const h = createHash('sha256').update(`${runId}\u0000${target}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class TargetJobs {
  readonly #boss: Boss;
  readonly #schema: string;
  readonly #o: TargetJobOptions;
  readonly #queues = new Map<string, Promise<void>>();
  /** Runs waiting on each job of this replica (by job id). */
  readonly #watchers = new Map<string, Set<Watcher>>();
  /** The long-poll of each agent on this replica: a newer one replaces it. */
  readonly #polls = new Map<string, { wake(): void }>();
  #polling: Promise<void> | undefined;
  #closed = false;

  constructor(boss: Boss, schema: string, options: TargetJobOptions) {
    this.#boss = boss;
    this.#schema = schema;
    this.#o = options;
  }

  #ensure(agent: string): Promise<string> {
    const name = agentQueue(agent);
    let created = this.#queues.get(name);
    if (!created) {
      created = createQueue(this.#boss, name, { name, policy: 'standard', ...this.#retry() }).catch((error: unknown) => {
        this.#queues.delete(name);
        throw error;
      });
      this.#queues.set(name, created);
    }
    return created.then(() => name);
  }

  #retry(): Pick<PgBoss.SendOptions, 'retryLimit' | 'retryDelay' | 'retryBackoff' | 'expireInSeconds'> {
    return { retryLimit: this.#o.retryLimit, retryDelay: this.#o.retryDelaySeconds, retryBackoff: true, expireInSeconds: this.#o.expireSeconds };
  }

  /** Sends `assignment` to `agent`'s queue and resolves when its job has ended (or `signal` aborted). */
  async dispatch(agent: string, assignment: Assignment, signal?: AbortSignal): Promise<TargetOutcome> {
    const name = await this.#ensure(agent);
    const id = targetJobId(assignment.runId, agent);
    await this.#boss.send(name, { assignment } satisfies TargetData, { id, singletonKey: assignment.runId, ...this.#retry() });
    this.#polls.get(agent)?.wake();
    return new Promise<TargetOutcome>((resolve) => {
      const finish = (outcome: TargetOutcome): void => {
        signal?.removeEventListener('abort', onAbort);
        const set = this.#watchers.get(id);
        set?.delete(watcher);
        if (set?.size === 0) this.#watchers.delete(id);
        resolve(outcome);
      };
      const onAbort = (): void => {
        void this.#withdraw(name, id);
        finish({ done: false, reason: STOPPED_REASON });
      };
      const watcher: Watcher = { queue: name, finish };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#watchers.set(id, (this.#watchers.get(id) ?? new Set()).add(watcher));
      this.#polling ??= this.#poll().finally(() => (this.#polling = undefined));
    });
  }

  /**
   * A job not yet taken is cancelled; one an agent took goes on (its agent is told of an operator's
   * cancel, and its result is still recorded). One statement, as pg-boss's own cancel but only
   * below `active`, so a poll fetching it at that instant either gets it first or never.
   */
  async #withdraw(name: string, id: string): Promise<void> {
    try {
      await sql(this.#boss, `UPDATE ${this.#schema}.job SET completed_on = now(), state = 'cancelled' WHERE name = $1 AND id = $2 AND state < 'active'`, [name, id]);
    } catch {
      // The database is away: an agent that fetches it later finds its run ended and drops it.
    }
  }

  /** Watches every dispatched job of this replica with one query per tick. */
  async #poll(): Promise<void> {
    while (this.#watchers.size > 0 && !this.#closed) {
      await sleep(this.#o.pollMs);
      const watched = [...this.#watchers.entries()].map(([id, set]) => [id, [...set]] as const);
      if (watched.length === 0) break;
      let rows: { id: string; state: string; output: { message?: string; value?: { message?: string } } | null; retry_count: number }[];
      try {
        rows = await sql(this.#boss, `SELECT id, state, output, retry_count FROM ${this.#schema}.job WHERE name = ANY($1::text[]) AND id = ANY($2::uuid[])`, [[...new Set(watched.map(([, w]) => w[0]!.queue))], watched.map(([id]) => id)]);
      } catch {
        continue;
      }
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const [id, watchers] of watched) {
        const row = byId.get(id);
        if (!row) continue; // archived only long after it ended
        const outcome: TargetOutcome | undefined =
          row.state === 'completed' ? { done: true } : row.state === 'cancelled' ? { done: false, reason: WITHDRAWN_REASON } : row.state === 'failed' ? { done: false, reason: this.#failure(row.output, row.retry_count + 1) } : undefined;
        if (outcome) for (const watcher of watchers) watcher.finish(outcome);
      }
    }
  }

  #failure(output: { message?: string; value?: { message?: string } } | null, attempts: number): string {
    const message = output?.message ?? output?.value?.message ?? '';
    const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`;
    if (/timeout/i.test(message) || !message) return `no result from the agent within ${this.#o.expireSeconds} s (${tries})`;
    return `${message} (${tries})`;
  }

  /**
   * The agent's long-poll: its next job, or undefined after `waitMs`. Each fetched job is shown to
   * `verdict` first: one whose run has ended or whose result is recorded is dropped (cancelled), so
   * a target never gets the same run twice — a retry of a job whose first attempt reported late
   * included.
   */
  async next(agent: string, waitMs: number, verdict: (assignment: Assignment) => Promise<Verdict>): Promise<Assignment | undefined> {
    const name = await this.#ensure(agent);
    const deadline = Date.now() + waitMs;
    this.#polls.get(agent)?.wake();
    let awake = new AbortController();
    const poll = { wake: () => awake.abort() };
    this.#polls.set(agent, poll);
    try {
      for (;;) {
        if (this.#closed || this.#polls.get(agent) !== poll) return undefined;
        const [job] = await this.#boss.fetch<TargetData>(name, { batchSize: 1 });
        if (job) {
          if ((await verdict(job.data.assignment)) === 'give') return job.data.assignment;
          await this.#boss.cancel(name, job.id);
          continue;
        }
        const left = deadline - Date.now();
        if (left <= 0) return undefined;
        await sleep(Math.min(left, this.#o.pollMs), undefined, { signal: awake.signal }).catch(() => undefined);
        if (awake.signal.aborted) awake = new AbortController();
      }
    } finally {
      if (this.#polls.get(agent) === poll) this.#polls.delete(agent);
    }
  }

  /** The agent's result is recorded: its job completes (or, if it is not active — a retry waiting — is cancelled). */
  async done(agent: string, runId: string): Promise<void> {
    const name = await this.#ensure(agent);
    const id = targetJobId(runId, agent);
    if (affected(await this.#boss.complete(name, id)) === 0) await this.#boss.cancel(name, id);
    for (const watcher of [...(this.#watchers.get(id) ?? [])]) watcher.finish({ done: true });
  }

  /** A new agent process: what it had taken will never be reported, so those jobs fail now (and are retried). */
  async restarted(agent: string, reason: string): Promise<number> {
    const name = await this.#ensure(agent);
    const ids = (await sql<{ id: string }>(this.#boss, `SELECT id FROM ${this.#schema}.job WHERE name = $1 AND state = 'active'`, [name])).map((r) => r.id);
    for (const id of ids) await this.#boss.fail(name, id, { message: reason });
    return ids.length;
  }

  /** Whether `agent` has taken the job of `runId` (progress reports are accepted then). */
  async taken(agent: string, runId: string): Promise<boolean> {
    const [row] = await sql<{ state: string }>(this.#boss, `SELECT state FROM ${this.#schema}.job WHERE name = $1 AND id = $2`, [agentQueue(agent), targetJobId(runId, agent)]);
    return row?.state === 'active';
  }

  /** Ends every waiting long-poll (the API is closing). */
  closePolls(): void {
    for (const poll of [...this.#polls.values()]) poll.wake();
    this.#polls.clear();
  }

  async stop(): Promise<void> {
    this.#closed = true;
    this.closePolls();
    for (const set of [...this.#watchers.values()]) for (const watcher of [...set]) watcher.finish({ done: false, reason: STOPPED_REASON });
    await this.#polling;
  }
}
