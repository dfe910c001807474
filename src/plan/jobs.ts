/**
 * Long actions of an apply (DP syncs) are jobs; how they are shown is the caller's business
 * (listr2 on a terminal, plain lines in CI, nothing in tests). The default runs them with
 * bounded concurrency and no output.
 */
import pLimit from 'p-limit';

export interface Job {
  title: string;
  /** `report` updates the job's one-line status (bytes, rate). Rejects only on internal errors. */
  run(report: (status: string) => void): Promise<void>;
}

export type JobRunner = (jobs: Job[]) => Promise<void>;

export function quietRunner(concurrency: number): JobRunner {
  return async (jobs) => {
    const limit = pLimit(Math.max(1, concurrency));
    // A failed job is recorded by the job itself; the others still run to the end.
    await Promise.allSettled(jobs.map((job) => limit(() => job.run(() => undefined))));
  };
}
