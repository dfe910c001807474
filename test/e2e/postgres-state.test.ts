/**
 * A PostgreSQL state through the CLI a user runs (issue 17): `updops apply` and a DP sync on SQLite,
 * `updops migrate-state` to a real PostgreSQL on 127.0.0.1 — status, history and runs read the same,
 * the plan converges (same lineage and serial) — a second migrate is refused, apply and the
 * controller work on it, one controller at a time, and the state moves back to a file unchanged.
 */
import path from 'node:path';
import t from 'tap';
import { makeFixture, groupYaml, sourceYaml, taskYaml } from '../controller/helpers/fixture.js';
import { runCli, startCli } from '../helpers/processes.js';
import { postgresSkipReason, startPostgres } from '../helpers/postgres.js';
import { until } from '../helpers/wait.js';

const LISTENING = /controller listening on (http:\/\/[^\s"]+)/;
const NOW = '2026-12-02T12:00:00.000Z';
const skip = postgresSkipReason();

if (skip) {
  t.plan(0, skip);
} else {
  void t.test('migrate-state moves a state to PostgreSQL and back; apply, plan and the controller work on it', async (t) => {
    const server = await startPostgres(t);
    const fx = await makeFixture(t);
    fx.write('groups.yaml', groupYaml('office', [{ name: 'dp-1' }], fx.repo));
    fx.write('sources.yaml', sourceYaml('vendor', fx.vendorUrl));
    fx.write('tasks.yaml', taskYaml('Download', { scope: '{group: office}', schedule: '{kind: manual}' }));
    fx.commit('config');
    const file = path.join(fx.dir, 'state.db');
    const pgUrl = server.freshUrl();
    const cli = (args: string[]) => runCli(args, { t, cwd: fx.dir, timeoutMs: 60_000 });
    const ok = async (args: string[]): Promise<string> => {
      const res = await cli(args);
      t.equal(res.code, 0, `${args.slice(0, 2).join(' ')}: ${res.stderr}`);
      return res.stdout;
    };
    await ok(['apply', '--config', fx.config, '--state', file, '--auto-approve']);
    await ok(['run', 'Download', '--config', fx.config, '--state', file]);

    const moved = await ok(['migrate-state', '--from', file, '--to', pgUrl]);
    t.match(moved, /^Migrated \S+state\.db to postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres\?schema=\w+: 1 meta, \d+ objects, 1 history, 1 observations, 1 runs, 1 device_results/);
    const read = async (state: string) => ({
      status: JSON.parse(await ok(['status', '--state', state, '--now', NOW, '--format', 'json'])) as unknown,
      history: JSON.parse(await ok(['history', '--state', state, '--format', 'json'])) as unknown,
      runs: JSON.parse(await ok(['runs', '--state', state, '--format', 'json'])) as unknown,
    });
    const before = await read(file);
    t.same(await read(pgUrl), before, 'status, history and runs read the same from PostgreSQL');
    const plan = await cli(['plan', '--config', fx.config, '--state', pgUrl, '--detailed-exitcode']);
    t.equal(plan.code, 0, `the plan against the migrated state has nothing to do: ${plan.stdout}${plan.stderr}`);

    const again = await cli(['migrate-state', '--from', file, '--to', pgUrl]);
    t.equal(again.code, 1, 'a second migrate into a used state is refused');
    t.match(again.stderr, /^error: CONFLICT: postgres:\/\/\S+ already holds a state \(serial 1\); migrate into a new, empty one\n$/);

    // Work on the new state: an apply of a new commit, then the controller.
    fx.write('groups.yaml', groupYaml('office', [{ name: 'dp-1' }, { name: 'dp-2' }], fx.repo));
    fx.commit('a second DP');
    await ok(['apply', '--config', fx.config, '--state', pgUrl, '--auto-approve']);
    t.equal((JSON.parse(await ok(['history', '--state', pgUrl, '--format', 'json'])) as unknown[]).length, 2, 'the apply is recorded on PostgreSQL');
    const env = { UPDOPS_TOKEN: 'pg-test-token-0123456789' };
    const args = ['controller', '--config', fx.config, '--state', pgUrl, '--listen', '127.0.0.1:0', '--poll', '1h'];
    const controller = await startCli(t, args, { line: LISTENING, cwd: fx.dir, env });
    const url = controller.ready[1]!;
    await until('the controller to be Ready', async () => ((await (await fetch(`${url}/api/status`)).json()) as { reconcile?: { condition: string } }).reconcile?.condition === 'Ready', 30_000);
    const second = await runCli(args, { t, cwd: fx.dir, env, timeoutMs: 20_000 });
    t.equal(second.code, 1, 'a second controller on the same PostgreSQL state is refused');
    t.match(second.stderr, /LEASE: another controller is active on this state/);
    const refusedWhileRunning = await cli(['migrate-state', '--from', pgUrl, '--to', path.join(fx.dir, 'copy.db')]);
    t.match(refusedWhileRunning.stderr, /LEASE: a controller .* is running on postgres:\/\/\S+; stop it before migrating/);
    t.equal((await controller.stop()).code, 0);

    const back = path.join(fx.dir, 'back.db');
    await ok(['migrate-state', '--from', pgUrl, '--to', back]);
    t.same(await read(back), await read(pgUrl), 'and back to a file, unchanged');
    t.match((await cli(['migrate-state', '--from', path.join(fx.dir, 'missing.db'), '--to', server.freshUrl()])).stderr, /^error: NO_STATE: no state at \S+missing\.db; run updops apply first\n$/);
  });
}
