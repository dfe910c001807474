/**
 * nginx as the baseline of `bench/serve.ts` and of test/reliability/load-serve.test.ts: not a daemon, on a loopback port, with its prefix,
 * pid, logs and temp folders in a folder of ours, so nothing outside it is touched and several
 * runs never collide. Set up as a static file server is in production: sendfile, tcp_nopush,
 * keep-alive without a request limit, no access log.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freeLoopbackPort } from './loopback.js';
import { RAISE_NOFILE } from './processes.js';

export interface Nginx {
  url: string;
  stop(): Promise<void>;
}

function config(dir: string, root: string, port: number, workers: number | 'auto'): string {
  const temp = path.join(dir, 'temp');
  mkdirSync(temp, { recursive: true });
  // As root nginx would drop to `nobody`, who cannot read a private temp folder.
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `daemon off;
worker_processes ${workers};
${user}pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
worker_rlimit_nofile 16384;
events { worker_connections 8192; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  types { application/octet-stream bin; }
  server {
    listen 127.0.0.1:${port};
    root ${root};
  }
}
`;
}

/** Starts nginx serving `root` with `workers` processes; resolves once `probe` (a path) answers 200. */
export async function startNginx(dir: string, root: string, workers: number | 'auto', probe: string): Promise<Nginx> {
  mkdirSync(dir, { recursive: true });
  const port = await freeLoopbackPort();
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, config(dir, root, port, workers));
  const child = spawn('bash', ['-c', `${RAISE_NOFILE} && exec nginx -c "$0" -p "$1"`, conf, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await fetch(`${url}${probe}`, { method: 'HEAD' }).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      let log = '';
      try {
        log = readFileSync(path.join(dir, 'error.log'), 'utf8');
      } catch {
        // no log written
      }
      throw new Error(`nginx did not start: ${err.trim()} ${log.trim()}`);
    }
    await sleep(100);
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
