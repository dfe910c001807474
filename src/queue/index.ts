/**
 * The job queue of a PostgreSQL state (docs/architecture.md "Job queue"; issue 17): pg-boss on the
 * state's database, in a schema of its own. Starts become jobs with a singleton key per task, and
 * each target's work of a run a job keyed per (run, target) on the one targets queue, by agent. Used only when
 * `--state` is a postgres:// URL; the SQLite default runs everything in-process, as before.
 */
import { DEFAULTS } from '../defaults.js';
import { startBoss, type Boss } from './boss.js';
import { StartJobs } from './starts.js';
import { TargetJobs } from './targets.js';

export { queueLocation } from './boss.js';
export { START_QUEUE, StartJobs, type QueuedStart, type StartHandler } from './starts.js';
export { STOPPED_REASON, TARGET_INDEX, TARGET_QUEUE, targetJobId, TargetJobs, WITHDRAWN_REASON, type TargetOutcome, type Verdict } from './targets.js';

export interface JobQueueOptions {
  /** The state's postgres:// URL (its `?schema=` picks the queue's schema too). */
  url: string;
  /** An agent's job without a result after this long is retried: the agent timeout. */
  resultTimeoutMs?: number;
  /** Attempts after the first for a target whose agent took the job and never reported. Default 2. */
  retryLimit?: number;
  /** The first retry's delay; each further one doubles (with jitter). Default 1 s. */
  retryDelaySeconds?: number;
  /** How often waiting senders, long-polls and run waits look at the queue. Default 200 ms. */
  pollMs?: number;
  /** How often pg-boss expires and archives. Default 10 s. */
  maintenanceSeconds?: number;
  onError?: (error: Error) => void;
}

export interface JobQueue {
  readonly schema: string;
  readonly starts: StartJobs;
  readonly targets: TargetJobs;
  /** Stops consuming, waits for what is in progress, and stops pg-boss (its pool closes). */
  stop(): Promise<void>;
}

export async function openJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const pollMs = options.pollMs ?? 200;
  const { boss, schema } = await startBoss({ url: options.url, maintenanceSeconds: options.maintenanceSeconds ?? 10, ...(options.onError ? { onError: options.onError } : {}) });
  const starts = new StartJobs(boss, schema, pollMs);
  const targets = new TargetJobs(boss, schema, {
    expireSeconds: Math.max(1, Math.round((options.resultTimeoutMs ?? DEFAULTS.agentResultTimeoutMs) / 1000)),
    retryLimit: options.retryLimit ?? 2,
    retryDelaySeconds: options.retryDelaySeconds ?? 1,
    pollMs,
  });
  try {
    await starts.init();
    await targets.init();
  } catch (error) {
    await stopBoss(boss);
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    schema,
    starts,
    targets,
    stop: () =>
      (stopping ??= (async () => {
        await starts.stop();
        await targets.stop();
        await stopBoss(boss);
      })()),
  };
}

async function stopBoss(boss: Boss): Promise<void> {
  await boss.stop({ graceful: true, wait: true, timeout: 5_000 }).catch(() => undefined);
}
