/**
 * A real PostgreSQL for tests (issue 17; ../shared/DEPENDENCIES.md): the server of
 * test/helpers/postgres-server.ts (Debian's binaries, initdb + pg_ctl on a free loopback port)
 * in a temp folder of the test, stopped `-m immediate` at teardown. One server per test file;
 * each store gets a schema of its own (`?schema=`). `postgresSkipReason()` says why not, when
 * the binaries are missing.
 */
import type { Test } from 'tap';
import { startPostgresServer, type PostgresServer } from './postgres-server.js';
import { tempDir } from './temp-dir.js';

export { postgresSkipReason, type PostgresServer } from './postgres-server.js';

export async function startPostgres(t: Test): Promise<PostgresServer> {
  const dir = await tempDir(t, 'updops-pg-');
  const server = await startPostgresServer(dir);
  t.teardown(() => {
    try {
      server.stop('immediate');
    } catch {
      // already stopped
    }
  });
  return server;
}
