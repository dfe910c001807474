/**
 * listr2 progress for apply's jobs (DESIGN.md 2: "executes the derived actions with progress"):
 * a live task list on a terminal, plain lines in CI and pipes.
 */
import { Listr } from 'listr2';
import type { Job, JobRunner } from '../plan/jobs.js';

export function listrRunner(concurrency: number): JobRunner {
  const interactive = Boolean(process.stdout.isTTY) && !process.env.CI;
  return async (jobs: Job[]) => {
    if (jobs.length === 0) return;
    const list = new Listr(
      jobs.map((job) => ({
        title: job.title,
        task: async (_ctx: unknown, task: { output: string }) => {
          // A live line may change often; a log (CI, pipes) gets a line every few seconds at most.
          const every = interactive ? 200 : 5000;
          let last = 0;
          await job.run((status) => {
            const now = Date.now();
            if (now - last < every && !/^(done|failed)/.test(status)) return;
            last = now;
            task.output = status;
          });
        },
        rendererOptions: { persistentOutput: true, outputBar: 1 },
      })),
      {
        concurrent: Math.max(1, concurrency),
        exitOnError: false,
        renderer: interactive ? 'default' : 'simple',
        fallbackRenderer: 'simple',
        collectErrors: false,
      },
    );
    // Failures are recorded per DP by the jobs; the list only shows them.
    await list.run().catch(() => undefined);
  };
}
