/**
 * Shared pieces of the reliability suite: a seeded PRNG (printed, replayable), the real CLI run
 * as a child process with a hard time limit, a temp folder removed in teardown, and the shapes
 * every CLI line must have (docs/design.md 4: "Errors are one clear line each … no stack traces").
 */
import type { Test } from 'tap';
import { runCli as runCliProcess } from '../../helpers/processes.js';
import { tempDirSync } from '../../helpers/temp-dir.js';

export { CLI, ROOT } from '../../helpers/processes.js';

/**
 * Raises the open-file limit of a spawned shell for 1,000+ connections: 65536, or the hard limit
 * when the sandbox does not allow more (it must stay ≥ 2,048 or the load test says so).
 */
export { RAISE_NOFILE } from '../../helpers/processes.js';

/** No line that looks like a V8 stack frame. */
export const STACK_FRAME = /^\s+at /m;
/** `FILE:LINE:COL: CODE: …` (optionally as a warning), `error: …`, or validate's `N errors in DIR` summary. */
export const CLI_LINE = /^(?:(?:warning: )?[^\n]+:\d+:\d+: [A-Z_]+: .*|(?:error|warning): .+|\d+ errors? in .+)$/;
/** A located error line (not a warning). */
export const LOCATED_ERROR_LINE = /^(?!warning: )[^\n]+:\d+:\d+: [A-Z_]+: /;

/** mulberry32: small, fast, good enough to pick mutations; the same seed replays the same cases. */
export function prng(seed: number): { next(): number; int(n: number): number; pick<T>(items: readonly T[]): T } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)]! };
}

/** `UPDOPS_<NAME>_SEED` replays a run; otherwise a fresh seed from the clock. */
export function seedFrom(envName: string): number {
  const fromEnv = process.env[envName];
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv)) return Number(fromEnv) >>> 0;
  return (Date.now() ^ (process.pid << 16)) >>> 0;
}

export function tempDir(t: Test, prefix: string): string {
  return tempDirSync(t, `updops-rel-${prefix}-`);
}

export interface CliResult {
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `node bin/updops.js ARGS`; killed after `timeoutMs` (a hang is a failure the caller sees as code 137). */
export async function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  const started = Date.now();
  const r = await runCliProcess(args, { ...options, env: { CI: '1', UPDOPS_OWNER: 'reliability', ...options.env } });
  return { code: r.signal ? 137 : r.code, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

/** Lines of stderr that are neither a located problem nor an `error:` line, plus any stack frame. */
export function badStderrLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.trim() !== '' && (!CLI_LINE.test(line) || STACK_FRAME.test(line) || line.startsWith('error: INTERNAL')));
}

/** Runs `work` over `items` with at most `limit` at once. */
export async function inParallel<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    while (nextIndex < items.length) {
      const index = nextIndex++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
