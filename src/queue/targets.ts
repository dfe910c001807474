/**
 * Per-target work as jobs (docs/architecture.md "Job queue"): a device update or a DP sync of a run
 * is one job on the one targets queue (`updops-targets`), with its agent's name in the job's data
 * and an id derived from (run, target) — so sending it twice creates one job — with retries
 * (exponential backoff), and an expiry of the agent timeout: an active job without a result by
 * then is retried, and after the last attempt it fails, and the target with it. The agent's
 * long-poll, on whichever replica it reaches, fetches that agent's jobs (a partial index on the
 * agent's name); its result, on whichever replica it reaches, completes the job. What a result says
 * is kept by the store (once per (run, agent)); the job only says that it came.
 *
 * One queue, not one per agent: pg-boss makes each queue a partition table, so 10,000 agents were
 * 10,000 tables, and every waiting poll asked its own queue every tick. Now the polls waiting on a
 * replica are woken by one query per tick for all of them.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type PgBoss from 'pg-boss';
import type { Assignment } from '../protocol/index.js';
import { affected, createQueue, sql, type Boss } from './boss.js';

export const TARGET_QUEUE = 'updops-targets';
/** The partial index an agent's fetch reads: its jobs not yet taken (and, beside it, its active ones). */
export const TARGET_INDEX = 'updops_targets_by_agent';
const ACTIVE_INDEX = 'updops_targets_active_by_agent';
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
  agent: string;
  assignment: Assignment;
}

interface Watcher {
  finish(outcome: TargetOutcome): void;
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
  /** Runs waiting on each job of this replica (by job id). */
  readonly #watchers = new Map<string, Set<Watcher>>();
  /** The long-poll of each agent on this replica: a newer one replaces it. */
  readonly #polls = new Map<string, { wake(): void }>();
  #polling: Promise<void> | undefined;
  /** The loop that wakes this replica's waiting polls (one query per tick for all of them). */
  #waking: Promise<void> | undefined;
  #closed = false;

  constructor(boss: Boss, schema: string, options: TargetJobOptions) {
    this.#boss = boss;
    this.#schema = schema;
    this.#o = options;
  }

  /**
   * The queue and its indexes on the agent's name, on the queue's own partition table (pg-boss's
   * `create_queue` makes one per queue). Idempotent: every replica runs it at start-up, and two at
   * once may race on the index (then the loser finds it made).
   */
  async init(): Promise<void> {
    await createQueue(this.#boss, TARGET_QUEUE, { name: TARGET_QUEUE, policy: 'standard', ...this.#retry() });
    const [queue] = await sql<{ partition_name: string }>(this.#boss, `SELECT partition_name FROM ${this.#schema}.queue WHERE name = $1`, [TARGET_QUEUE]);
    if (!queue) throw new Error(`pg-boss made no partition for ${TARGET_QUEUE}`);
    const table = `${this.#schema}."${queue.partition_name}"`;
    const indexes = [
      `CREATE INDEX IF NOT EXISTS ${TARGET_INDEX} ON ${table} ((data->>'agent'), created_on, id) WHERE state < 'active'`,
      `CREATE INDEX IF NOT EXISTS ${ACTIVE_INDEX} ON ${table} ((data->>'agent')) WHERE state = 'active'`,
    ];
    for (const statement of indexes) {
      for (let attempt = 1; ; attempt++) {
        try {
          await sql(this.#boss, statement);
          break;
        } catch (error) {
          if (attempt >= 5) throw error;
          await sleep(25 + Math.random() * 100 * attempt);
        }
      }
    }
  }

  #retry(): Pick<PgBoss.SendOptions, 'retryLimit' | 'retryDelay' | 'retryBackoff' | 'expireInSeconds'> {
    return { retryLimit: this.#o.retryLimit, retryDelay: this.#o.retryDelaySeconds, retryBackoff: true, expireInSeconds: this.#o.expireSeconds };
  }

  /** Sends `assignment` to `agent`'s queue and resolves when its job has ended (or `signal` aborted). */
  async dispatch(agent: string, assignment: Assignment, signal?: AbortSignal): Promise<TargetOutcome> {
    const id = targetJobId(assignment.runId, agent);
    await this.#boss.send(TARGET_QUEUE, { agent, assignment } satisfies TargetData, { id, singletonKey: assignment.runId, ...this.#retry() });
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
        void this.#withdraw(id);
        finish({ done: false, reason: STOPPED_REASON });
      };
      const watcher: Watcher = { finish };
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
  async #withdraw(id: string): Promise<void> {
    try {
      await sql(this.#boss, `UPDATE ${this.#schema}.job SET completed_on = now(), state = 'cancelled' WHERE name = $1 AND id = $2 AND state < 'active'`, [TARGET_QUEUE, id]);
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
        rows = await sql(this.#boss, `SELECT id, state, output, retry_count FROM ${this.#schema}.job WHERE name = $1 AND id = ANY($2::uuid[])`, [TARGET_QUEUE, watched.map(([id]) => id)]);
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
    const deadline = Date.now() + waitMs;
    this.#polls.get(agent)?.wake();
    let awake = new AbortController();
    const poll = { wake: () => awake.abort() };
    this.#polls.set(agent, poll);
    try {
      // The first look is the tick's too: a new poll does not fetch on its own (one shorter than a
      // tick does). 10,000 agents re-polling every 20 s were 500 fetches a second that almost all
      // found nothing.
      let woken = waitMs <= this.#o.pollMs;
      for (;;) {
        if (this.#closed || this.#polls.get(agent) !== poll) return undefined;
        const job = woken ? await this.#fetch(agent) : undefined;
        if (job) {
          if ((await verdict(job.data.assignment)) === 'give') return job.data.assignment;
          await this.#boss.cancel(TARGET_QUEUE, job.id);
          continue;
        }
        const left = deadline - Date.now();
        if (left <= 0) return undefined;
        // Woken by a dispatch on this replica, or by the tick's one query for every waiting poll.
        this.#waking ??= this.#wake().finally(() => (this.#waking = undefined));
        await sleep(left, undefined, { signal: awake.signal }).catch(() => undefined);
        // Not woken: nothing came for it (a job due since is found by the agent's next poll).
        if (!awake.signal.aborted) return undefined;
        awake = new AbortController();
        woken = true;
      }
    } finally {
      if (this.#polls.get(agent) === poll) this.#polls.delete(agent);
    }
  }

  /**
   * The agent's oldest job that is due, taken (marked active) in one statement as pg-boss's own
   * fetch does — FOR UPDATE SKIP LOCKED, so two replicas never hand out the same job — but found
   * through the index on the agent's name instead of the head of the queue.
   */
  async #fetch(agent: string): Promise<{ id: string; data: TargetData } | undefined> {
    const [job] = await sql<{ id: string; data: TargetData }>(
      this.#boss,
      `WITH next AS (
         SELECT id FROM ${this.#schema}.job
         WHERE name = $1 AND data->>'agent' = $2 AND state < 'active' AND start_after < now()
         ORDER BY created_on, id LIMIT 1 FOR UPDATE SKIP LOCKED
       )
       UPDATE ${this.#schema}.job j SET state = 'active', started_on = now(),
         retry_count = CASE WHEN j.started_on IS NOT NULL THEN j.retry_count + 1 ELSE j.retry_count END
       FROM next WHERE j.name = $1 AND j.id = next.id
       RETURNING j.id, j.data`,
      [TARGET_QUEUE, agent],
    );
    return job;
  }

  /** While polls wait on this replica: one query per tick says which of their agents have a job due, and wakes those. */
  async #wake(): Promise<void> {
    while (this.#polls.size > 0 && !this.#closed) {
      await sleep(this.#o.pollMs);
      const agents = [...this.#polls.keys()];
      if (agents.length === 0) break;
      let rows: { agent: string }[];
      try {
        rows = await sql(this.#boss, `SELECT DISTINCT data->>'agent' AS agent FROM ${this.#schema}.job WHERE name = $1 AND state < 'active' AND start_after < now() AND data->>'agent' = ANY($2::text[])`, [TARGET_QUEUE, agents]);
      } catch {
        continue;
      }
      for (const { agent } of rows) this.#polls.get(agent)?.wake();
    }
  }

  /** The agent's result is recorded: its job completes (or, if it is not active — a retry waiting — is cancelled). */
  async done(agent: string, runId: string): Promise<void> {
    const id = targetJobId(runId, agent);
    if (affected(await this.#boss.complete(TARGET_QUEUE, id)) === 0) await this.#boss.cancel(TARGET_QUEUE, id);
    for (const watcher of [...(this.#watchers.get(id) ?? [])]) watcher.finish({ done: true });
  }

  /** A new agent process: what it had taken will never be reported, so those jobs fail now (and are retried). */
  async restarted(agent: string, reason: string): Promise<number> {
    const ids = (await sql<{ id: string }>(this.#boss, `SELECT id FROM ${this.#schema}.job WHERE name = $1 AND state = 'active' AND data->>'agent' = $2`, [TARGET_QUEUE, agent])).map((r) => r.id);
    for (const id of ids) await this.#boss.fail(TARGET_QUEUE, id, { message: reason });
    return ids.length;
  }

  /** Whether `agent` has taken the job of `runId` (progress reports are accepted then). */
  async taken(agent: string, runId: string): Promise<boolean> {
    const [row] = await sql<{ state: string }>(this.#boss, `SELECT state FROM ${this.#schema}.job WHERE name = $1 AND id = $2`, [TARGET_QUEUE, targetJobId(runId, agent)]);
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
    await this.#waking;
  }
}
