/**
 * Controller replicas on one PostgreSQL state (issue 17), through real `updops controller`
 * processes and a real PostgreSQL:
 * - of two replicas exactly one leads (`updops_controller_leader` 1 on it, 0 on the other; both
 *   name the same leader in `/api/status`, both answer `/healthz` and `/readyz`, the follower
 *   serves `/api/runs` from the store); `kill -9` of the leader on another host (the lease's
 *   expiry path) → the other leads within 15 s with the default ttl, measured; a third replica on
 *   the same host as the new leader takes over at once when that one is killed (the pid path);
 * - a task due every second across both failovers: every due start between the first and the last
 *   is recorded once in the store (counted by scheduled_at): none lost, none twice;
 * - PostgreSQL restarted under a controller whose runs are in progress: every run ends (none left
 *   `running`), none is duplicated, and the schedule goes on.
 */
import t from 'tap';
import pg from 'pg';
import { groupYaml, makeFixture, sourceYaml, taskYaml } from '../controller/helpers/fixture.js';
import { runCli, startCli, type Running } from '../helpers/processes.js';
import { postgresSkipReason, startPostgres } from '../helpers/postgres.js';
import { until } from '../helpers/wait.js';

const LISTENING = /controller listening on (http:\/\/[^\s"]+)/;
const STANDING_BY = /"listen":"(http:\/\/[^"]+)"[^\n]*standing by/;
const EVERY_SECOND = '{kind: cron, expression: "* * * * * *", timeZone: UTC}';
const skip = postgresSkipReason();

interface Replica extends Running {
  url: string;
  pid: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function leaderGauge(url: string): Promise<number | undefined> {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    const match = /^updops_controller_leader\{[^}]*\} (\d)$/m.exec(text);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function json(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** `leader` of `/api/status`, or undefined while no one leads (or the replica does not answer). */
async function leaderOf(url: string): Promise<unknown> {
  try {
    return (await json(`${url}/api/status`)).body.leader ?? undefined;
  } catch {
    return undefined;
  }
}

/** The scheduled starts recorded for `task`, straight from the store's table. */
async function scheduledStarts(url: string, schema: string, task: string): Promise<{ at: string; n: number; statuses: string[] }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{ at: string; n: string; statuses: string[] }>(`SELECT scheduled_at AS at, COUNT(*) AS n, array_agg(status) AS statuses FROM "${schema}".runs WHERE task = $1 AND scheduled_at IS NOT NULL GROUP BY scheduled_at ORDER BY scheduled_at`, [task]);
    return rows.rows.map((r) => ({ at: r.at, n: Number(r.n), statuses: r.statuses }));
  } finally {
    await client.end();
  }
}

/** Seconds between the first and the last recorded start that have no record. */
function gaps(starts: { at: string }[]): string[] {
  const have = new Set(starts.map((s) => Date.parse(s.at)));
  const missing: string[] = [];
  const first = Date.parse(starts[0]!.at);
  const last = Date.parse(starts.at(-1)!.at);
  for (let at = first; at <= last; at += 1000) if (!have.has(at)) missing.push(new Date(at).toISOString());
  return missing;
}

if (skip) {
  t.plan(0, skip);
} else {
  // One server for both tests (each state is a schema of its own).
  const server = await startPostgres(t);

  void t.test('two replicas: one leader; kill -9 → the other leads within 15 s; every start due each second recorded once across two failovers', async (t) => {
    const fx = await makeFixture(t);
    fx.write('groups.yaml', groupYaml('office', [{ name: 'dp-1' }], fx.repo));
    fx.write('sources.yaml', sourceYaml('vendor', fx.vendorUrl));
    fx.write('tasks.yaml', taskYaml('Every second', { scope: '{group: office}', schedule: EVERY_SECOND }));
    fx.commit('a task due every second');
    const url = server.freshUrl();
    const schema = new URL(url).searchParams.get('schema')!;
    const args = ['controller', '--config', fx.config, '--state', url, '--listen', '127.0.0.1:0', '--poll', '1h', '--standby'];
    const start = async (host: string, line: RegExp): Promise<Replica> => {
      const running = await startCli(t, [...args, '--lease-host', host], { line, cwd: fx.dir, timeoutMs: 30_000 });
      return { ...running, url: running.ready[1]!, pid: running.child.pid! };
    };

    const a = await start('host-a', LISTENING);
    const b = await start('host-b', STANDING_BY);
    t.equal(await leaderGauge(a.url), 1, 'the first replica leads');
    t.equal(await leaderGauge(b.url), 0, 'the second does not');
    for (const replica of [a, b]) {
      const health = await json(`${replica.url}/healthz`);
      t.equal(health.status, 200, 'healthz on every replica');
      const ready = await json(`${replica.url}/readyz`);
      t.same([ready.status, ready.body.status], [200, 'ready'], 'readyz: the store answers, migrations current');
      const status = await json(`${replica.url}/api/status`);
      t.match(status.body.leader, { host: 'host-a', pid: a.pid }, 'both name the same leader');
    }
    await until('runs to be recorded', async () => ((await json(`${b.url}/api/runs?limit=5`)).body.runs as unknown[]).length >= 3, 15_000);
    t.pass('the follower serves the runs from the shared store');
    const refused = await fetch(`${b.url}/api/tasks/Every%20second/run`, { method: 'POST' });
    t.equal(refused.status, 503, 'a follower refuses actions (503)');
    await sleep(13_500);

    // The expiry path: the leader's host is another one, so its pid cannot be checked.
    a.child.kill('SIGKILL');
    const killedA = Date.now();
    await until('the second replica to lead', async () => (await leaderGauge(b.url)) === 1, 20_000);
    const expiryTakeover = Date.now() - killedA;
    t.ok(expiryTakeover < 15_000, `took over ${expiryTakeover} ms after kill -9 of a leader on another host (default ttl)`);
    await until('the new leader to serve its API', async () => (await leaderOf(b.url)) !== undefined);
    t.match((await json(`${b.url}/api/status`)).body.leader, { host: 'host-b', pid: b.pid }, 'the status names the new leader');

    const c = await start('host-b', STANDING_BY);
    t.equal(await leaderGauge(c.url), 0, 'a third replica stands by');
    const shown = await runCli(['status', '--controller', c.url], { t, cwd: fx.dir, timeoutMs: 20_000 });
    t.match(shown.stdout, new RegExp(`Leader: updops-controller@host-b pid ${b.pid} \\(generation 2,`), 'updops status --controller on a follower names the leader');
    await sleep(13_500);
    // The pid path: the leader is on this replica's host and its pid is gone.
    b.child.kill('SIGKILL');
    const killedB = Date.now();
    await until('the third replica to lead', async () => (await leaderGauge(c.url)) === 1, 20_000);
    const pidTakeover = Date.now() - killedB;
    t.ok(pidTakeover < 5_000, `took over ${pidTakeover} ms after kill -9 of a leader on the same host`);
    await sleep(13_500);
    t.equal((await c.stop()).code, 0, 'the last leader stops cleanly');

    const starts = await scheduledStarts(server.url, schema, 'Every second');
    t.ok(starts.length >= 50, `${starts.length} scheduled starts recorded (≥ 50)`);
    t.same(starts.filter((s) => s.n !== 1), [], 'none recorded twice');
    t.same(gaps(starts), [], `none lost between ${starts[0]?.at} and ${starts.at(-1)?.at}`);
    const statuses = new Map<string, number>();
    for (const s of starts) for (const status of s.statuses) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    t.notOk(statuses.has('running'), `nothing left running: ${JSON.stringify(Object.fromEntries(statuses))}`);
    t.comment(`takeover: ${expiryTakeover} ms by expiry, ${pidTakeover} ms by pid; starts ${JSON.stringify(Object.fromEntries(statuses))}`);
  });

  void t.test('PostgreSQL restarted under running runs: each ends, none twice, the schedule goes on', async (t) => {
    const fx = await makeFixture(t);
    fx.write('groups.yaml', groupYaml('office', [{ name: 'dp-1' }, { name: 'dp-2' }], fx.repo));
    fx.write('sources.yaml', sourceYaml('vendor', fx.vendorUrl));
    fx.write('tasks.yaml', taskYaml('Every second', { scope: '{group: office}', schedule: EVERY_SECOND }));
    fx.commit('a task due every second');
    const url = server.freshUrl();
    const schema = new URL(url).searchParams.get('schema')!;
    const controller = await startCli(t, ['controller', '--config', fx.config, '--state', url, '--listen', '127.0.0.1:0', '--poll', '1h'], { line: LISTENING, cwd: fx.dir, timeoutMs: 30_000 });
    await until('a few scheduled runs', async () => (await scheduledStarts(server.url, schema, 'Every second')).length >= 4, 15_000);
    const before = (await scheduledStarts(server.url, schema, 'Every second')).length;
    server.restart('fast');
    const restartedAt = new Date().toISOString();
    await sleep(6_000);
    t.equal(controller.child.exitCode, null, 'the controller survived the restart');
    t.equal(await leaderGauge(controller.ready[1]!), 1, 'and still leads');
    t.equal((await controller.stop()).code, 0, 'it stops cleanly');
    const starts = await scheduledStarts(server.url, schema, 'Every second');
    t.ok(starts.filter((s) => s.at > restartedAt).length >= 3, `the schedule went on after the restart (${before} starts before, ${starts.length} in all)`);
    t.same(starts.filter((s) => s.n !== 1), [], 'no start recorded twice');
    t.same(starts.filter((s) => s.statuses.includes('running')), [], 'no run left running');
    t.same(gaps(starts), [], 'none lost');
  });
}
