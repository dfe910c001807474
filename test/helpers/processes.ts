/**
 * Child processes for tests: one-shot runs (`updops validate …`) collected whole with a timeout
 * that kills, and long-running ones (controller, agent, serve) started until a line says they are
 * ready and stopped in teardown. Every process is killed at teardown, so a failing test never
 * leaves one behind.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built CLI (`npm run build` first: it runs dist/). */
export const CLI = path.join(ROOT, 'bin/updops.js');

/** Shell prefix for a process that holds thousands of connections (servers and wrk under load). */
export const RAISE_NOFILE = 'ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"';

export interface ProcessResult {
  /** The exit code; 128 when a signal ended the process (then `signal` says which). */
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Killed because it ran past `timeoutMs`. */
  timedOut: boolean;
}

export interface ProcessOptions {
  cwd?: string;
  /** Laid over the test's own environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** Killed with SIGKILL after this long (default 60 s). */
  timeoutMs?: number;
  /** Killed at this test's teardown if still running. */
  t?: Test;
}

function environment(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Runs `command` to its end and collects what it printed. */
export function runProcess(command: string, args: string[], options: ProcessOptions = {}): Promise<ProcessResult> & { child: ChildProcess } {
  const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: environment(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  options.t?.teardown(() => {
    if (isRunning(child)) child.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 60_000);
  const done = new Promise<ProcessResult>((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? 128, signal, stdout, stderr, timedOut });
    });
  });
  return Object.assign(done, { child });
}

/** `node bin/updops.js ARGS` to its end; NO_COLOR so output compares as plain text. */
export function runCli(args: string[], options: ProcessOptions = {}): Promise<ProcessResult> & { child: ChildProcess } {
  return runProcess(process.execPath, [CLI, ...args], { ...options, env: { NO_COLOR: '1', ...options.env } });
}

/** The same, blocking: for timing a start-up (`--help` is fast) where an event loop would add noise. */
export function runCliSync(args: string[], options: Omit<ProcessOptions, 't'> = {}): ProcessResult {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, env: environment({ NO_COLOR: '1', ...options.env }), encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL' });
  const timedOut = r.error !== undefined && 'code' in r.error && r.error.code === 'ETIMEDOUT';
  if (r.error && !timedOut) throw r.error;
  return { code: r.status ?? 128, signal: r.signal, stdout: r.stdout, stderr: r.stderr, timedOut };
}

export interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** stdout and stderr interleaved as they arrived. */
  output: () => string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (default SIGTERM) and waits for the exit; a process already gone just reports how it ended. */
  stop: (signal?: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a long-running process (controller, agent, serve); SIGKILLed at teardown if the test did not stop it. */
export function spawnProcess(t: Test, command: string, args: string[], options: Omit<ProcessOptions, 't' | 'timeoutMs'> = {}): Running {
  const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: environment(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  t.teardown(() => {
    if (isRunning(child)) child.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
    output += s;
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
    output += s;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    output: () => output,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (isRunning(child)) child.kill(signal);
      return exited;
    },
  };
}

export interface UntilLineOptions extends Omit<ProcessOptions, 't'> {
  /** The line that says the process is ready, matched against stdout (or stderr with `stream`). */
  line: RegExp;
  stream?: 'stdout' | 'stderr';
}

/**
 * Resolves with the match of `line` once the process has printed it; rejects (with what it
 * printed) when the process exits first or `timeoutMs` (default 30 s) passes, and kills it then.
 */
export async function waitForLine(running: Running, line: RegExp, options: { stream?: 'stdout' | 'stderr'; timeoutMs?: number } = {}): Promise<RegExpExecArray> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const text = (): string => (options.stream === 'stderr' ? running.stderr() : running.stdout());
  const printed = (): string => `\nstdout: ${running.stdout()}\nstderr: ${running.stderr()}`;
  return new Promise<RegExpExecArray>((resolve, reject) => {
    const stream = options.stream === 'stderr' ? running.child.stderr : running.child.stdout;
    const finish = (): void => {
      clearTimeout(timer);
      stream?.off('data', check);
    };
    const check = (): void => {
      const match = line.exec(text());
      if (match) {
        finish();
        resolve(match);
      }
    };
    const timer = setTimeout(() => {
      finish();
      running.child.kill('SIGKILL');
      reject(new Error(`no line ${line} within ${timeoutMs} ms${printed()}`));
    }, timeoutMs);
    stream?.on('data', check);
    void running.exited.then(({ code, signal }) => {
      finish();
      const match = line.exec(text()); // the line and the exit can arrive in one turn
      if (match) resolve(match);
      else reject(new Error(`exited (${code ?? signal}) before ${line}${printed()}`));
    });
    check();
  });
}

/** Starts a long-running process and waits for its ready line (see `waitForLine`). */
export async function spawnUntilLine(t: Test, command: string, args: string[], options: UntilLineOptions): Promise<Running & { ready: RegExpExecArray }> {
  const running = spawnProcess(t, command, args, options);
  const ready = await waitForLine(running, options.line, options);
  return { ...running, ready };
}

/** `node bin/updops.js ARGS` (controller, agent, serve) until its ready line. */
export function startCli(t: Test, args: string[], options: UntilLineOptions): Promise<Running & { ready: RegExpExecArray }> {
  return spawnUntilLine(t, process.execPath, [CLI, ...args], { ...options, env: { NO_COLOR: '1', ...options.env } });
}
