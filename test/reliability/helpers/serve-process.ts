/**
 * `updops serve` as its own process (the way it runs in production), and raw HTTP requests over
 * a plain socket so request targets reach the server exactly as written (no client-side
 * normalization of `..` or percent-escapes).
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { CLI, RAISE_NOFILE } from './common.js';

export interface ServeProcess {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** Starts `updops serve DIR --listen 127.0.0.1:0` (through bash raising `ulimit -n` when asked) and waits for its URL line. */
export async function startServe(dir: string, options: { raiseNofile?: boolean; timeoutMs?: number } = {}): Promise<ServeProcess> {
  const child = options.raiseNofile
    ? spawn('bash', ['-c', `${RAISE_NOFILE} && exec "$0" "$@"`, process.execPath, CLI, 'serve', dir, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, [CLI, 'serve', dir, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`updops serve did not start: ${err}`)), options.timeoutMs ?? 20_000);
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`updops serve exited with ${code}: ${err}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface RawResponse {
  status: number;
  head: string;
  body: Buffer;
}

/** One request with the target sent byte for byte; the connection closes after the response. */
export function rawRequest(port: number, target: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(new Error(`no answer to ${target}`)), 5_000);
    socket.on('connect', () => {
      const lines = [`GET ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
    });
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, split < 0 ? all.length : split).toString('latin1');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body: split < 0 ? Buffer.alloc(0) : all.subarray(split + 4) });
    });
  });
}
