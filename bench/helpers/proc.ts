/**
 * Processes for `bench/sync.ts`: a server child whose per-request log lines are counted, and a
 * timed client child whose peak RSS is read from `/proc/<pid>/status` (VmHWM) while it runs.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  bytes: number;
}

export interface ServerChild {
  url: string;
  /** Requests logged so far; pass to `since` to count a phase. */
  mark(): number;
  since(mark: number): { requests: number; bytes: number; lines: LoggedRequest[] };
  /** Waits until no new log line came for a short while (responses log on 'finish'). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** Lines `ISO METHOD PATH STATUS BYTES` (updops serve --verbose and the static helper). */
function parseLine(line: string): LoggedRequest | undefined {
  const m = /^\S+ (\S+) (\S+) (\d+) (\d+)$/.exec(line);
  return m ? { method: m[1]!, path: m[2]!, status: Number(m[3]), bytes: Number(m[4]) } : undefined;
}

export async function startServer(command: string, args: string[], cwd: string): Promise<ServerChild> {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  const log: LoggedRequest[] = [];
  let lastLine = Date.now();
  let rest = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it listened: ${command} ${args.join(' ')}`)));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      const lines = (rest + text).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        const served = / on (http:\/\/\S+)$/.exec(line);
        if (served) resolve(served[1]!);
        const req = parseLine(line);
        if (req) {
          log.push(req);
          lastLine = Date.now();
        }
      }
    });
  });
  return {
    url,
    mark: () => log.length,
    since: (mark) => {
      const lines = log.slice(mark);
      return { requests: lines.length, bytes: lines.reduce((n, l) => n + l.bytes, 0), lines };
    },
    settle: async () => {
      await sleep(150);
      while (Date.now() - lastLine < 150) await sleep(50);
    },
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export interface TimedRun {
  ms: number;
  code: number | null;
  /** Peak resident set (VmHWM) in bytes, 0 if /proc is not there. */
  peakRss: number;
  stdout: string;
  stderr: string;
}

async function vmHwm(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/** Runs a command to completion, timing the whole process and polling its peak RSS. */
export async function runTimed(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<TimedRun> {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let peakRss = 0;
  let running = true;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    running = false;
    resolve(code);
  }));
  const poll = (async () => {
    while (running && child.pid !== undefined) {
      const hwm = await vmHwm(child.pid);
      if (hwm !== undefined) peakRss = Math.max(peakRss, hwm);
      await sleep(25);
    }
  })();
  const code = await exited;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await poll;
  return { ms, code, peakRss, stdout, stderr };
}

export function hasCommand(name: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(name, ['version'], { stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}

/** Whether `name` is a command on PATH (for tools with no exit-0 `version` subcommand, e.g. wrk). */
export function onPath(name: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', 'command -v "$0" >/dev/null', name], { stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}
