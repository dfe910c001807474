/**
 * Agents talk to any replica (issue 17; docs/architecture.md "Replicas"), through real processes:
 * PostgreSQL on 127.0.0.1, two `updops controller --standby` replicas on one state, and six `updops
 * agent` device processes — three with `--controller B,A` (they register and heartbeat on the
 * standby B), three with `--controller A,B` (on the leader A).
 * - The leader sees the agents heard only by the standby (presence from the store): their device
 *   runs go to them and complete, exactly once per (run, device), none skipped for "no agent";
 *   the leader's request log has none of their calls.
 * - kill -9 of the leader: the A,B agents fail over to B, B leads, and new runs complete.
 * - The lease taken from under B (as a replica elsewhere would): B does not exit but stands by
 *   again in the same process, then takes the lease back once it expires; runs go on.
 */
import path from 'node:path';
import pg from 'pg';
import t from 'tap';
import type { RunRecord } from '../../src/state/index.js';
import { makeFixture } from '../controller/helpers/fixture.js';
import { AGENT_ENV, AGENT_TOKEN } from '../helpers/agent-processes.js';
import { groupYaml, sourceYaml, taskYaml } from '../helpers/manifests.js';
import { startCli, type Running } from '../helpers/processes.js';
import { postgresSkipReason, startPostgres } from '../helpers/postgres.js';
import { until } from '../helpers/wait.js';
import { mkdirSync } from 'node:fs';

const ON_STANDBY = ['ws-01', 'ws-02', 'ws-03'];
const ON_LEADER = ['ws-04', 'ws-05', 'ws-06'];
const DEVICES = [...ON_STANDBY, ...ON_LEADER];
const LISTENING = /controller listening on (http:\/\/[^\s"]+)/;
const STANDING_BY = /"listen":"(http:\/\/[^"]+)"[^\n]*standing by/;
const skip = postgresSkipReason();

const device = (name: string) => ({ name, os: 'linux' as const, license: { expires: '2099-12-31' } });

async function leaderGauge(url: string): Promise<number | undefined> {
  try {
    const match = /^updops_controller_leader\{[^}]*\} (\d)$/m.exec(await (await fetch(`${url}/metrics`)).text());
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

if (skip) {
  t.plan(0, skip);
} else {
  void t.test('agents on the standby are seen by the leader; kill -9 of the leader fails them over; a replica that loses its lease stands by again', async (t) => {
    // The leader's own API answers /healthz with leader: true (a follower's says false).
    const serving = async (url: string): Promise<boolean> => ((await (await fetch(`${url}/healthz`).catch(() => undefined))?.json().catch(() => undefined)) as { leader?: boolean } | undefined)?.leader === true;
    const server = await startPostgres(t);
    const fx = await makeFixture(t);
    fx.write('sources.yaml', sourceYaml('vendor', { url: fx.vendorUrl, timeoutSeconds: 5 }));
    fx.write('groups.yaml', groupYaml('office', { devices: DEVICES.map(device) }));
    fx.write('tasks.yaml', taskYaml('Update', { type: 'Update', scope: { group: 'office' }, settings: { sources: ['vendor'], applicationUpdateMode: 'disabled' }, schedule: { kind: 'manual' } }));
    fx.commit('a manual Update task on six devices');
    const state = server.freshUrl();
    const schema = new URL(state).searchParams.get('schema')!;
    const db = new pg.Pool({ connectionString: server.url, max: 2 });
    t.teardown(() => db.end());
    const rows = async <T>(text: string, values: unknown[] = []): Promise<T[]> => (await db.query(text, values)).rows as T[];

    const args = ['controller', '--config', fx.config, '--state', state, '--listen', '127.0.0.1:0', '--poll', '1h', '--standby', '--lease-ttl', '3s', '--agent-timeout', '60s'];
    const a = await startCli(t, args, { line: LISTENING, cwd: fx.dir, env: AGENT_ENV, timeoutMs: 30_000 });
    const aUrl = a.ready[1]!;
    await until('the first reconcile', async () => ((await (await fetch(`${aUrl}/api/status`)).json()) as { lastApplied: unknown }).lastApplied !== null, 30_000);
    const b = await startCli(t, args, { line: STANDING_BY, cwd: fx.dir, env: AGENT_ENV, timeoutMs: 30_000 });
    const bUrl = b.ready[1]!;
    t.same([await leaderGauge(aUrl), await leaderGauge(bUrl)], [1, 0], 'A leads, B stands by');
    const unauthenticated = await fetch(`${bUrl}/api/agents/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'ws-01', version: '1' }) });
    t.equal(unauthenticated.status, 401, 'the standby checks the bearer token on agent calls, as the leader does');
    const stranger = await fetch(`${bUrl}/api/agents/register`, { method: 'POST', headers: { authorization: `Bearer ${AGENT_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'stranger', version: '1' }) });
    t.equal(stranger.status, 404, 'and registers only names of the applied config');

    const agents = new Map<string, Running>();
    await Promise.all(
      DEVICES.map(async (name) => {
        const root = path.join(fx.dir, 'agents', name);
        mkdirSync(root, { recursive: true });
        const urls = ON_STANDBY.includes(name) ? `${bUrl},${aUrl}` : `${aUrl},${bUrl}`;
        agents.set(name, await startCli(t, ['agent', '--controller', urls, '--name', name, '--root', root, '--heartbeat', '1s', '--log-format', 'json'], { line: /registered as/, env: AGENT_ENV, timeoutMs: 30_000 }));
      }),
    );

    const run = async (url: string): Promise<RunRecord> => {
      const res = await fetch(`${url}/api/tasks/Update/run`, { method: 'POST', headers: { authorization: `Bearer ${AGENT_TOKEN}`, 'content-type': 'application/json' }, body: '{}' });
      const body = (await res.json()) as { run: RunRecord };
      t.equal(res.status, 202, `the run starts on ${url}`);
      await until(`run ${body.run.id} to end`, async () => (await rows<{ status: string }>(`SELECT status FROM ${schema}.runs WHERE id = $1`, [body.run.id]))[0]?.status !== 'running', 60_000);
      return body.run;
    };
    const results = async (runId: string): Promise<Record<string, string>> =>
      Object.fromEntries((await rows<{ device: string; status: string; reason: string | null }>(`SELECT device, status, reason FROM ${schema}.device_results WHERE run_id = $1 ORDER BY device`, [runId])).map((r) => [r.device, r.status === 'completed' ? 'completed' : `${r.status}: ${r.reason}`]));
    const everyCompleted = Object.fromEntries(DEVICES.map((d) => [d, 'completed']));

    // 1. Presence from the store: the leader hands the standby's agents their work.
    const first = await run(aUrl);
    t.same(await results(first.id), everyCompleted, 'every device run completed, the standby’s agents’ included (none skipped: the leader sees them)');
    const second = await run(aUrl);
    t.same(await results(second.id), everyCompleted, 'a second run too');
    const leaderHeard = [...a.output().matchAll(/"path":"\/api\/agents\/([^/"]+)\//g)].map((m) => m[1]);
    t.same(ON_STANDBY.filter((name) => leaderHeard.includes(name)), [], 'the leader never heard from the B,A agents: they registered, beat, polled and reported on the standby');
    t.ok(ON_LEADER.every((name) => leaderHeard.includes(name)), 'the A,B agents talk to the leader');

    // 2. kill -9 of the leader: same host, so B takes over at once (pid path); the A,B agents fail over.
    a.child.kill('SIGKILL');
    await a.exited;
    await until('B to lead', async () => (await leaderGauge(bUrl)) === 1, 20_000);
    await until('B to serve its API', () => serving(bUrl), 20_000);
    const third = await run(bUrl);
    t.same(await results(third.id), everyCompleted, 'after the failover every device run completes on the new leader');
    await until('the A,B agents to say they failed over', async () => ON_LEADER.every((name) => agents.get(name)!.output().includes(`controller ${aUrl} failed`)), 20_000);
    t.pass('the A,B agents failed over to B');

    // 3. The lease taken from under B (a replica elsewhere), expiring in 4 s: B stands by again in-process, then leads again.
    await rows(`UPDATE ${schema}.leases SET id = 'stolen', host = 'elsewhere', pid = 1, generation = generation + 1, expires_at = $1 WHERE name = 'controller'`, [new Date(Date.now() + 4000).toISOString()]);
    await until('B to stand by', async () => (await leaderGauge(bUrl)) === 0, 10_000);
    t.equal(b.child.exitCode, null, 'B did not exit');
    await until('B to say why', () => /lost the controller lease[^\n]*standing by again/.test(b.output()), 10_000);
    t.pass('B stopped its term and said why');
    const standing = await fetch(`${bUrl}/api/tasks/Update/run`, { method: 'POST', headers: { authorization: `Bearer ${AGENT_TOKEN}` } });
    t.equal(standing.status, 503, 'while standing by it refuses actions');
    await until('B to lead again', async () => (await leaderGauge(bUrl)) === 1, 20_000);
    await until('B to serve its API again', () => serving(bUrl), 20_000);
    await until('B to log its new term', () => /leading again on/.test(b.output()), 5_000);
    t.pass('a new lease term in the same process');
    const fourth = await run(bUrl);
    t.same(await results(fourth.id), everyCompleted, 'runs go on in the new term');

    // Exactly once: each (run, device) one result and one counted agent result; the runs completed.
    const ids = [first, second, third, fourth].map((r) => r.id);
    const statuses = await rows<{ status: string }>(`SELECT status FROM ${schema}.runs WHERE id = ANY($1)`, [ids]);
    t.same(statuses.map((r) => r.status), ['completed', 'completed', 'completed', 'completed'], 'the four runs completed');
    const claims = await rows<{ n: number; pairs: number }>(`SELECT count(*)::int AS n, count(DISTINCT (run_id, agent))::int AS pairs FROM ${schema}.agent_results WHERE run_id = ANY($1)`, [ids]);
    t.same(claims[0], { n: ids.length * DEVICES.length, pairs: ids.length * DEVICES.length }, 'each agent result counted once per (run, device)');
    const reported = new Map<string, number>();
    for (const [name, agent] of agents) for (const m of agent.output().matchAll(/run (\S+): (completed|failed)/g)) reported.set(`${m[1]} ${name}`, (reported.get(`${m[1]} ${name}`) ?? 0) + 1);
    t.same([...reported].filter(([key, n]) => ids.includes(key.split(' ')[0]!) && n !== 1), [], 'no agent ran a (run, device) twice');

    t.same(await Promise.all([...agents.values()].map(async (agent) => (await agent.stop()).code)), DEVICES.map(() => 0), 'the agents stop cleanly');
    t.equal((await b.stop()).code, 0, 'B stops cleanly');
  });
}
