/**
 * Runs a configured health-check command (docs/design.md 1: "if the application is unhealthy after
 * the update (a configured health check fails), it rolls back"): shell command, exit 0 within
 * the timeout = healthy; on timeout the command's process group is killed.
 */
import { spawn } from 'node:child_process';

export interface HealthCommandResult {
  healthy: boolean;
  exitCode: number | null;
  timedOut: boolean;
  output: string;
}

const MAX_OUTPUT = 4096;

export function runHealthCommand(command: string, timeoutSeconds: number, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<HealthCommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    let output = '';
    let timedOut = false;
    const collect = (d: Buffer): void => {
      if (output.length < MAX_OUTPUT) output += d.toString().slice(0, MAX_OUTPUT - output.length);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      timedOut = true;
      kill(child.pid);
    }, Math.max(0, timeoutSeconds) * 1000);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ healthy: false, exitCode: null, timedOut, output: error.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ healthy: !timedOut && code === 0, exitCode: code, timedOut, output });
    });
  });
}

/** The shell and whatever it started: the whole process group where there is one. */
function kill(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
