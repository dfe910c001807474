import { isUpdopsError } from '../errors.js';

/** Prints one line for a failure and returns the exit code: known errors plainly, anything else as internal. */
export function reportFailure(error: unknown, debug: boolean): number {
  if (isUpdopsError(error)) {
    process.stderr.write(`error: ${error.toLine()}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: INTERNAL: ${message} (run with --debug for details)\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return 1;
}
