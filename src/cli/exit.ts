import { formatProblem, isUpdopsError, type Problem } from '../errors.js';

function problemsOf(error: unknown): Problem[] | undefined {
  const problems = (error as { problems?: unknown }).problems;
  return Array.isArray(problems) ? (problems as Problem[]) : undefined;
}

/** Prints one line per failure and returns the exit code: known errors plainly, anything else as internal (docs/style.md 7). */
export function reportFailure(error: unknown, debug: boolean): number {
  if (isUpdopsError(error)) {
    for (const problem of problemsOf(error) ?? []) process.stderr.write(`${formatProblem(problem)}\n`);
    process.stderr.write(`error: ${error.toLine()}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: INTERNAL: ${message} (run with --debug for details)\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return 1;
}
