/**
 * A throwaway PostgreSQL server, shared by the tests (test/helpers/postgres.ts) and the benches
 * (bench/scale.ts): Debian's server binaries, `initdb` into a given folder (as the `postgres`
 * user when we are root: initdb refuses root), `pg_ctl start` on a free loopback port with its
 * socket in that folder. The caller owns the folder and must call `stop()`; nothing here knows
 * about tap. `postgresSkipReason()` says why not, when the binaries are missing. A detached watcher
 * (postgres-reaper.mjs) stops the server if the process that started it dies without `stop()`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeLoopbackPort } from './loopback.js';

const BIN_ROOT = '/usr/lib/postgresql';

function binDir(): string | undefined {
  if (!existsSync(BIN_ROOT)) return undefined;
  const versions = readdirSync(BIN_ROOT).filter((v) => existsSync(path.join(BIN_ROOT, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(BIN_ROOT, versions[0], 'bin') : undefined;
}

/** Why a PostgreSQL server cannot be started here, or undefined when it can. */
export function postgresSkipReason(): string | undefined {
  return binDir() ? undefined : `no PostgreSQL server binaries under ${BIN_ROOT} (apt-get install postgresql)`;
}

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  url: string;
  port: number;
  /** The data folder (the server's log is `server.log` in it). */
  data: string;
  /** A URL for a fresh, empty state: a schema of its own in the same database. */
  freshUrl(): string;
  /** Stop (`-m fast` or `immediate`) and start again on the same port and data: a server restart. */
  restart(mode?: 'fast' | 'immediate'): void;
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  /** The postmaster's pid while it runs (its first line of `postmaster.pid`), for CPU and RSS figures. */
  pid(): number | undefined;
}

export interface PostgresServerOptions {
  /** Extra `-c name=value` settings (e.g. `max_connections=300`). */
  settings?: Record<string, string | number>;
}

/** initdb into `dir/data` and start. `dir` must exist; the caller removes it after `stop()`. */
export async function startPostgresServer(dir: string, options: PostgresServerOptions = {}): Promise<PostgresServer> {
  const bin = binDir();
  if (!bin) throw new Error(postgresSkipReason());
  const data = path.join(dir, 'data');
  mkdirSync(data);
  const asRoot = userInfo().uid === 0;
  const run = (tool: string, args: string[]): void => {
    const command = path.join(bin, tool);
    // initdb and the server refuse to run as root: run them as the `postgres` user then.
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
    else execFileSync(command, args, { stdio: 'pipe' });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chmodSync(dir, 0o755);
    chownSync(data, uid, gid);
  }
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  const port = await freeLoopbackPort();
  const settings = { listen_addresses: '127.0.0.1', fsync: 'off', max_connections: 200, ...options.settings };
  const flags = Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`).join(' ');
  const serverOptions = `-p ${port} -k ${data} ${flags}`;
  const logFile = path.join(data, 'server.log');
  const start = (): void => run('pg_ctl', ['-D', data, '-l', logFile, '-o', serverOptions, '-w', 'start']);
  const stop = (mode: 'fast' | 'immediate' = 'fast'): void => run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  start();
  watchOwner(path.join(bin, 'pg_ctl'), data, asRoot ? 'postgres' : '-');
  let schemas = 0;
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    data,
    freshUrl: () => `${url}?schema=t${process.pid}_${++schemas}`,
    restart: (mode = 'fast') => {
      stop(mode);
      start();
    },
    stop,
    start,
    pid: () => {
      try {
        return Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
      } catch {
        return undefined;
      }
    },
  };
}

const REAPER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'postgres-reaper.mjs');

/** Leaves a watcher that stops the server once this process is gone (see postgres-reaper.mjs). */
function watchOwner(pgCtl: string, data: string, user: string): void {
  const child = spawn(process.execPath, [REAPER, String(process.pid), pgCtl, data, user], { detached: true, stdio: 'ignore' });
  child.unref();
}
