/**
 * Starts as jobs (docs/architecture.md "Job queue"): every start of a task — schedule, manual,
 * chained, outbreak, missed, apply — is a job on one `stately` queue with the task's name as its
 * singleton key, so at most one start of a task is active (running) and one waits, across every
 * replica. A replica's consumer takes a start job and executes it through the one executor; the
 * job stays active while the run lasts and completes when it ends. The sender learns the run's
 * id from a small table beside pg-boss's (`start_runs`), written when the run is recorded.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type PgBoss from 'pg-boss';
import { ERROR_CODES, isUpdopsError, UpdopsError, type ErrorCode } from '../errors.js';
import type { RunRequest } from '../runs/index.js';
import { createQueue, sql, type Boss } from './boss.js';

export const START_QUEUE = 'updops-start';
/** pg-boss's ceiling is 24 h; a run that outlives it would be failed under a live controller. */
const START_EXPIRE_HOURS = 23;

interface StartData {
  task: string;
  trigger: RunRequest['trigger'];
  targets?: string[];
  scheduledAt?: string;
}

/** A start job's failure as its output keeps it: the consumer's error, code and detail included. */
interface FailedStart {
  message?: string;
  code?: string;
  detail?: string;
}

/** What a send found: the run recorded for this start, or the task busy with another (its run, once recorded). */
export type QueuedStart = { runId: string } | { busy: string | undefined };

export type StartHandler = (request: RunRequest, recorded: (runId: string) => void) => Promise<void>;

function toData(request: RunRequest): StartData {
  return {
    task: request.task,
    trigger: request.trigger,
    ...(request.targets ? { targets: [...request.targets] } : {}),
    ...(request.scheduledAt ? { scheduledAt: request.scheduledAt.toISOString() } : {}),
  };
}

function toRequest(data: StartData): RunRequest {
  return {
    task: data.task,
    trigger: data.trigger,
    ...(data.targets ? { targets: data.targets } : {}),
    ...(data.scheduledAt ? { scheduledAt: new Date(data.scheduledAt) } : {}),
  };
}

export class StartJobs {
  readonly #boss: Boss;
  readonly #schema: string;
  readonly #pollMs: number;
  /** Senders on this replica waiting for their start's run id. */
  readonly #waiting = new Map<string, (runId: string) => void>();
  readonly #handling = new Set<Promise<void>>();
  #wake: (() => void) | undefined;
  #consuming: Promise<void> | undefined;
  #closed = false;

  constructor(boss: Boss, schema: string, pollMs: number) {
    this.#boss = boss;
    this.#schema = schema;
    this.#pollMs = pollMs;
  }

  async init(): Promise<void> {
    await createQueue(this.#boss, START_QUEUE, { name: START_QUEUE, policy: 'stately', retryLimit: 0, expireInHours: START_EXPIRE_HOURS });
    await sql(this.#boss, `CREATE TABLE IF NOT EXISTS ${this.#schema}.start_runs (job_id uuid PRIMARY KEY, run_id text NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())`).catch(async () => {
      // Two replicas creating it at once: one wins; the other's statement fails once.
      await sql(this.#boss, `SELECT 1 FROM ${this.#schema}.start_runs LIMIT 1`);
    });
  }

  /** The start job of `task` not yet finished (active first), with its run once recorded. */
  async #current(task: string): Promise<{ id: string; run_id: string | null } | undefined> {
    const rows = await sql<{ id: string; run_id: string | null }>(
      this.#boss,
      `SELECT j.id, s.run_id FROM ${this.#schema}.job j LEFT JOIN ${this.#schema}.start_runs s ON s.job_id = j.id
        WHERE j.name = $1 AND j.singleton_key = $2 AND j.state < 'completed' ORDER BY j.state DESC, j.created_on LIMIT 1`,
      [START_QUEUE, task],
    );
    return rows[0];
  }

  /**
   * Sends a start. A task with a start active or waiting is busy (the caller records a `skipped`
   * run naming it, as a single controller does); otherwise resolves once a consumer has recorded
   * the run. The `stately` policy keeps a race between two senders to one waiting start.
   */
  async send(request: RunRequest, signal?: AbortSignal): Promise<QueuedStart> {
    const current = await this.#current(request.task);
    if (current) return { busy: current.run_id ?? undefined };
    const id = await this.#boss.send(START_QUEUE, toData(request), { singletonKey: request.task, retryLimit: 0, expireInHours: START_EXPIRE_HOURS });
    if (!id) return { busy: (await this.#current(request.task))?.run_id ?? undefined };
    this.#wake?.();
    return { runId: await this.#recorded(id, request.task, signal) };
  }

  /** The run id of start job `id`: told here by a local consumer, else read from `start_runs`. */
  async #recorded(id: string, task: string, signal?: AbortSignal): Promise<string> {
    let told: string | undefined;
    this.#waiting.set(id, (runId) => (told = runId));
    try {
      for (;;) {
        if (told) return told;
        if (signal?.aborted) throw new UpdopsError('STATE', `the start of "${task}" was queued, but the controller stopped before a replica took it`);
        const rows = await sql<{ run_id: string | null; state: string | null; output: FailedStart | null }>(
          this.#boss,
          `SELECT s.run_id, j.state, j.output FROM (SELECT $2::uuid AS id) k
            LEFT JOIN ${this.#schema}.start_runs s ON s.job_id = k.id LEFT JOIN ${this.#schema}.job j ON j.name = $1 AND j.id = k.id`,
          [START_QUEUE, id],
        );
        const row = rows[0];
        if (told) return told;
        if (row?.run_id) return row.run_id;
        if (row?.state === 'failed' && row.output?.code && (ERROR_CODES as readonly string[]).includes(row.output.code)) {
          // The consumer's own error, as it threw it (a scheduled start already recorded by another replica, an unknown task).
          throw new UpdopsError(row.output.code as ErrorCode, row.output.message ?? `the start of "${task}" failed`, { ...(row.output.detail ? { detail: row.output.detail } : {}) });
        }
        if (row?.state === 'failed' || row?.state === 'cancelled') {
          throw new UpdopsError('STATE', `the start of "${task}" was ${row.state} before its run was recorded${row.output?.message ? `: ${row.output.message}` : ''}`);
        }
        await sleep(this.#pollMs);
      }
    } finally {
      this.#waiting.delete(id);
    }
  }

  /**
   * Takes start jobs until `signal` aborts: each one is executed by `handler` (the runner), which
   * calls `recorded` with the run's id and resolves when the run has ended; the job completes
   * then (or fails with why, when the run could not start).
   */
  consume(handler: StartHandler, signal: AbortSignal): void {
    if (this.#consuming) throw new UpdopsError('USAGE', 'start jobs are already consumed');
    // Ends with `signal`: a replica that lost the lease and took it again consumes anew (cli/controller-run.ts).
    const consuming = this.#loop(handler, signal).finally(() => {
      if (this.#consuming === consuming) this.#consuming = undefined;
    });
    this.#consuming = consuming;
  }

  async #loop(handler: StartHandler, signal: AbortSignal): Promise<void> {
    while (!signal.aborted && !this.#closed) {
      let jobs: PgBoss.Job<StartData>[] = [];
      try {
        jobs = await this.#boss.fetch<StartData>(START_QUEUE, { batchSize: 16 });
      } catch {
        // The database is away for a moment: try again on the next tick.
      }
      if (jobs.length > 0 && (signal.aborted || this.#closed)) {
        // Fetched while stopping: put back for the next controller, as if never taken.
        await sql(this.#boss, `UPDATE ${this.#schema}.job SET state = 'created', started_on = NULL WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active'`, [START_QUEUE, jobs.map((j) => j.id)]).catch(() => undefined);
        break;
      }
      for (const job of jobs) {
        const handling = this.#handle(job, handler).finally(() => this.#handling.delete(handling));
        this.#handling.add(handling);
      }
      if (jobs.length === 0) await this.#nap(signal);
    }
  }

  async #nap(signal: AbortSignal): Promise<void> {
    const awake = new AbortController();
    this.#wake = () => awake.abort();
    const both = AbortSignal.any([signal, awake.signal]);
    await sleep(this.#pollMs, undefined, { signal: both }).catch(() => undefined);
    this.#wake = undefined;
  }

  async #handle(job: PgBoss.Job<StartData>, handler: StartHandler): Promise<void> {
    const writes: Promise<unknown>[] = [];
    try {
      await handler(toRequest(job.data), (runId) => {
        this.#waiting.get(job.id)?.(runId);
        writes.push(sql(this.#boss, `INSERT INTO ${this.#schema}.start_runs (job_id, run_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [job.id, runId]).catch(() => undefined));
      });
      await Promise.all(writes);
      await this.#boss.complete(START_QUEUE, job.id);
    } catch (error) {
      await Promise.all(writes);
      const failure: FailedStart = { message: (error as Error).message, ...(isUpdopsError(error) ? { code: error.code, ...(error.detail ? { detail: error.detail } : {}) } : {}) };
      await this.#boss.fail(START_QUEUE, job.id, failure).catch(() => undefined);
    }
  }

  /**
   * Start jobs left active by a controller that died (called with the lease held, before this one
   * consumes): their runs are marked interrupted by the store, and the jobs are cancelled so the
   * task can start again. Resolves with how many.
   */
  async abandonActive(): Promise<number> {
    const ids = (await sql<{ id: string }>(this.#boss, `SELECT id FROM ${this.#schema}.job WHERE name = $1 AND state = 'active'`, [START_QUEUE])).map((r) => r.id);
    if (ids.length > 0) await this.#boss.cancel(START_QUEUE, ids);
    return ids.length;
  }

  /** Stops taking jobs and waits for the runs in progress to end (the controller aborts them first). */
  async stop(): Promise<void> {
    this.#closed = true;
    this.#wake?.();
    await this.#consuming;
    await Promise.allSettled([...this.#handling]);
  }
}
