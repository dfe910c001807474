/**
 * Every kind of start goes through the job queue when the controller has one (PostgreSQL state;
 * docs/architecture.md "Job queue"): the apply's `immediately` run, a manual start, the chain it
 * triggers, an outbreak — each a start job on `updops-start` with the task as its singleton key,
 * executed by the controller's consumer through the one executor (DPs without agents are synced
 * in the process, as on SQLite). A second start of a running task is a skipped run naming it.
 */
import pg from 'pg';
import t from 'tap';
import { openJobQueue, START_QUEUE } from '../../src/queue/index.js';
import { openStateStore } from '../../src/state/index.js';
import { groupYaml, makeFixture, runsOf, sourceYaml, taskYaml } from '../controller/helpers/fixture.js';
import { postgresSkipReason, startPostgres } from '../helpers/postgres.js';

const skip = postgresSkipReason();

if (skip) {
  t.plan(0, skip);
} else {
  void t.test('apply, manual, chained and outbreak starts are jobs, run once each', async (t) => {
    const server = await startPostgres(t);
    const url = server.freshUrl();
    const f = await makeFixture(t);
    // One DP per task the apply starts: their syncs never share a folder.
    f.write('groups.yaml', groupYaml('hq', [{ name: 'dp-1' }], f.repo) + groupYaml('lab', [{ name: 'dp-2' }], f.repo) + groupYaml('mail', [{ name: 'dp-3' }], f.repo));
    f.write('sources.yaml', sourceYaml('vendor', f.vendorUrl));
    f.write('tasks.yaml', [
      taskYaml('At once', { scope: '{group: hq}', schedule: '{kind: immediately}' }),
      taskYaml('Good', { scope: '{group: lab}', schedule: '{kind: manual}' }),
      taskYaml('After good', { scope: '{group: lab}', schedule: '{kind: onTaskCompletion, task: "Good", outcome: success}' }),
      taskYaml('On mail', { scope: '{group: mail}', schedule: '{kind: onOutbreak, applicationTypes: [mail]}' }),
    ].join(''));
    f.commit('tasks of every trigger');
    const store = await openStateStore({ path: url, now: () => f.clock.now() });
    const queue = await openJobQueue({ url, pollMs: 50 });
    const db = new pg.Pool({ connectionString: server.url, max: 1 });
    t.teardown(async () => {
      await db.end();
      await queue.stop();
      await store.close();
    });
    const jobs = async (): Promise<string[]> =>
      (await db.query<{ key: string; state: string }>(`SELECT singleton_key AS key, state FROM ${queue.schema}.job WHERE name = $1 ORDER BY created_on`, [START_QUEUE])).rows.map((r) => `${r.key}:${r.state}`);

    const c = await f.controller({ store, starts: queue.starts });
    await c.idle();
    // The apply runs `immediately` tasks, and every non-manual task on its empty DP.
    const applied = [['At once', 'apply', 'completed'], ['After good', 'apply', 'completed'], ['On mail', 'apply', 'completed']];
    t.same((await runsOf(store)).map((r) => [r.task, r.trigger, r.status]).sort(), applied.sort(), "the apply's runs");
    t.same((await jobs()).sort(), ['After good:completed', 'At once:completed', 'On mail:completed'], 'were start jobs');

    const good = await c.runTask('Good');
    const again = await c.runTask('Good');
    t.match(again, { status: 'skipped', reason: `already running (run ${good.id})` }, 'a second start while it runs is skipped, naming it');
    await c.idle();
    await f.clock.flush();
    await c.idle();
    const mail = await c.outbreak('mail');
    t.same(mail.map((r) => [r.task, r.trigger]), [['On mail', 'outbreak']]);
    await c.idle();
    // Runs of one instant of the fake clock: compared as a set.
    t.same((await runsOf(store)).filter((r) => r.trigger !== 'apply').map((r) => [r.task, r.trigger, r.status]).sort(), [
      ['Good', 'manual', 'completed'],
      ['Good', 'manual', 'skipped'],
      ['After good', 'chain', 'completed'],
      ['On mail', 'outbreak', 'completed'],
    ].sort());
    t.same((await jobs()).slice(3), ['Good:completed', 'After good:completed', 'On mail:completed'], 'one start job per run; the skipped start sent none');
    await c.stop();
  });
}
