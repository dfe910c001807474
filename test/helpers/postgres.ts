/**
 * A real PostgreSQL for tests (issue 17; ../shared/DEPENDENCIES.md): Debian's server binaries,
 * `initdb` into a temp folder (as the `postgres` user when we are root: initdb refuses root),
 * `pg_ctl start` on a free loopback port with its socket in that folder, stopped `-m immediate`
 * at teardown. One server per test file; each store gets a schema of its own (`?schema=`).
 * `postgresSkipReason()` says why not, when the binaries are missing.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { Test } from 'tap';
import { freeLoopbackPort } from './loopback.js';
import { tempDir } from './temp-dir.js';

const BIN_ROOT = '/usr/lib/postgresql';

function binDir(): string | undefined {
  if (!existsSync(BIN_ROOT)) return undefined;
  const versions = readdirSync(BIN_ROOT).filter((v) => existsSync(path.join(BIN_ROOT, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(BIN_ROOT, versions[0], 'bin') : undefined;
}

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresSkipReason(): string | undefined {
  return binDir() ? undefined : `no PostgreSQL server binaries under ${BIN_ROOT} (apt-get install postgresql)`;
}

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  url: string;
  port: number;
  /** A URL for a fresh, empty state: a schema of its own in the same database. */
  freshUrl(): string;
  /** Stop (`-m fast` or `immediate`) and start again on the same port and data: a server restart. */
  restart(mode?: 'fast' | 'immediate'): void;
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
}

export async function startPostgres(t: Test): Promise<PostgresServer> {
  const bin = binDir();
  if (!bin) throw new Error(postgresSkipReason());
  const dir = await tempDir(t, 'updops-pg-');
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
  const options = `-p ${port} -k ${data} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const logFile = path.join(data, 'server.log');
  const start = (): void => run('pg_ctl', ['-D', data, '-l', logFile, '-o', options, '-w', 'start']);
  const stop = (mode: 'fast' | 'immediate' = 'fast'): void => run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  start();
  t.teardown(() => {
    try {
      stop('immediate');
    } catch {
      // already stopped
    }
  });
  let schemas = 0;
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    freshUrl: () => `${url}?schema=t${process.pid}_${++schemas}`,
    restart: (mode = 'fast') => {
      stop(mode);
      start();
    },
    stop,
    start,
  };
}
