/**
 * wrk for `bench/serve.ts`: one run with `--latency`, read into numbers. Socket errors of every
 * kind (wrk's own timeouts included) and non-2xx answers are counted as errors.
 */
import { spawn } from 'node:child_process';

import { RAISE_NOFILE } from '../../test/helpers/processes.js';

/** Raises the open-file limit of the spawned shell for 1,000+ connections (the hard limit where 65536 is not allowed). */
export { RAISE_NOFILE };

export interface WrkFigures {
  requests: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** connect + read + write + timeout. */
  socketErrors: number;
  non2xx: number;
}

const msOf = (value: string, unit: string): number => Number(value) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 1);

export function parseWrk(out: string): WrkFigures {
  const percentile = (p: string): number => {
    const m = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(out);
    return m ? msOf(m[1]!, m[2]!) : NaN;
  };
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? NaN),
    requestsPerSec: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
    p50Ms: percentile('50'),
    p99Ms: percentile('99'),
    socketErrors: sock ? Number(sock[1]) + Number(sock[2]) + Number(sock[3]) + Number(sock[4]) : 0,
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
  };
}

export interface WrkOptions {
  connections: number;
  seconds: number;
  threads: number;
}

/** `wrk -t T -c C -d Ss --timeout 10s --latency URL`, rejected if wrk itself fails. */
export function runWrk(url: string, options: WrkOptions): Promise<WrkFigures> {
  return new Promise((resolve, reject) => {
    const cmd = `${RAISE_NOFILE} && exec wrk -t ${options.threads} -c ${options.connections} -d ${options.seconds}s --timeout 10s --latency "$0"`;
    const child = spawn('bash', ['-c', cmd, url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (out += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), (options.seconds + 60) * 1000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`wrk exited ${code}: ${out.trim()}`));
      else resolve(parseWrk(out));
    });
  });
}
