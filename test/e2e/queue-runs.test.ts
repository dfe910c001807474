/**
 * Job distribution on a PostgreSQL state (issue 17; docs/architecture.md "Job queue"), through real
 * processes: PostgreSQL on 127.0.0.1, an `updops controller --state postgres://…`, ten `updops
 * agent` device processes and a git config repository. 100 Update tasks on the ten devices are
 * started through the API — 1,000 device runs, every start a job (singleton key per task: a second
 * start of a running task is a skipped run naming it) and every (run, device) a job on the one targets
 * queue (`updops-targets`), with the device's name in its data. One agent is killed (SIGKILL) while it works on a job and started again: its job is failed
 * at its re-registration, retried, and done once. In the store: every (run, device) has exactly one
 * result, completed, and one counted agent result; no run is left running; no job is left open.
 */
import path from 'node:path';
import pg from 'pg';
import t from 'tap';
import type { RunRecord } from '../../src/state/index.js';
import { makeFixture } from '../controller/helpers/fixture.js';
import { AGENT_ENV, AGENT_TOKEN, startAgent } from '../helpers/agent-processes.js';
import { groupYaml, sourceYaml, taskYaml } from '../helpers/manifests.js';
import { startCli, type Running } from '../helpers/processes.js';
import { postgresSkipReason, startPostgres } from '../helpers/postgres.js';
import { until } from '../helpers/wait.js';

const DEVICES = Array.from({ length: 10 }, (_, i) => `ws-${String(i + 1).padStart(2, '0')}`);
const TASKS = Array.from({ length: 100 }, (_, i) => `Update-${String(i + 1).padStart(3, '0')}`);
const TOTAL = TASKS.length * DEVICES.length;
const LISTENING = /controller listening on (http:\/\/[^\s"]+)/;
const skip = postgresSkipReason();

const device = (name: string) => ({ name, os: 'linux' as const, license: { expires: '2099-12-31' } });
const updateTask = (name: string): string => taskYaml(name, { type: 'Update', scope: { group: 'office' }, settings: { sources: ['vendor'], applicationUpdateMode: 'disabled' }, schedule: { kind: 'manual' } });

async function post(url: string): Promise<{ status: number; body: { run: RunRecord } }> {
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${AGENT_TOKEN}`, 'content-type': 'application/json' }, body: '{}' });
  return { status: res.status, body: (await res.json()) as { run: RunRecord } };
}

if (skip) {
  t.plan(0, skip);
} else {
  void t.test('1,000 device runs through the job queue complete exactly once, with an agent killed mid-way', async (t) => {
    const t0 = Date.now();
    const mark = (what: string): void => void t.comment(`${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const server = await startPostgres(t);
    const fx = await makeFixture(t);
    fx.write('sources.yaml', sourceYaml('vendor', { url: fx.vendorUrl, timeoutSeconds: 5 }));
    fx.write('groups.yaml', groupYaml('office', { devices: DEVICES.map(device) }));
    fx.write('tasks.yaml', TASKS.map(updateTask).join(''));
    fx.commit('100 manual Update tasks on ten devices');
    const state = server.freshUrl();
    const schema = new URL(state).searchParams.get('schema')!;
    const queueSchema = `${schema}_queue`;
    const db = new pg.Pool({ connectionString: server.url, max: 2 });
    t.teardown(() => db.end());
    const rows = async <T>(text: string, values: unknown[] = []): Promise<T[]> => (await db.query(text, values)).rows as T[];

    const controller = await startCli(t, ['controller', '--config', fx.config, '--state', state, '--listen', '127.0.0.1:0', '--poll', '1h', '--agent-timeout', '60s'], { line: LISTENING, cwd: fx.dir, env: AGENT_ENV });
    const url = controller.ready[1]!;
    await until('the first reconcile', async () => ((await (await fetch(`${url}/api/status`)).json()) as { lastApplied: unknown }).lastApplied !== null, 30_000);
    t.same((await rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${queueSchema}.queue WHERE name = 'updops-start'`))[0]?.n, 1, "pg-boss runs in the state's database, in a schema of its own");

    const roots = new Map(DEVICES.map((name) => [name, path.join(fx.dir, 'agents', name)]));
    const agents = new Map<string, Running>();
    const everyProcess: { name: string; process: Running }[] = [];
    const launch = async (name: string): Promise<void> => {
      const agent = await startAgent(t, url, name, roots.get(name)!);
      agents.set(name, agent);
      everyProcess.push({ name, process: agent });
    };
    await Promise.all(DEVICES.map(launch));

    mark('agents registered');
    const started = Date.now();
    const runs: RunRecord[] = [];
    for (const task of TASKS) {
      const res = await post(`${url}/api/tasks/${task}/run`);
      if (res.status !== 202) t.fail(`${task} does not start: ${res.status} ${JSON.stringify(res.body)}`);
      runs.push(res.body.run);
      if (task === TASKS[0]) {
        // The task's start job is active while its run lasts: a second start is skipped, naming it.
        const again = await post(`${url}/api/tasks/${task}/run`);
        t.match(again.body.run, { task, status: 'skipped', reason: `already running (run ${res.body.run.id})` }, 'a task never runs twice at once');
      }
    }
    t.equal(new Set(runs.map((r) => r.id)).size, TASKS.length, 'one run per start');
    t.ok(runs.every((r) => r.status === 'running'), 'each start recorded its run, running');

    // Kill one agent while it works on a job (its job is active), then start it again.
    const victim = 'ws-03';
    const done = async (): Promise<number> => (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.device_results WHERE status IN ('completed', 'failed')`))[0]!.n;
    await until('a third of the device runs', async () => (await done()) >= TOTAL / 3, 120_000);
    // The jobs still active once the process is dead are the ones it took and will never report.
    let orphaned: string[] = [];
    for (let attempt = 1; orphaned.length === 0 && attempt <= 5; attempt++) {
      await until(`${victim} working on a job`, async () => (await rows(`SELECT id FROM ${queueSchema}.job WHERE name = 'updops-targets' AND data->>'agent' = $1 AND state = 'active'`, [victim])).length > 0, 30_000);
      agents.get(victim)!.child.kill('SIGKILL');
      await agents.get(victim)!.stop();
      orphaned = (await rows<{ id: string }>(`SELECT id FROM ${queueSchema}.job WHERE name = 'updops-targets' AND data->>'agent' = $1 AND state = 'active'`, [victim])).map((r) => r.id);
      await launch(victim);
    }
    t.equal(orphaned.length, 1, `${victim} was killed holding one job`);

    await until('every run to end', async () => (await rows(`SELECT id FROM ${schema}.runs WHERE status = 'running'`)).length === 0, 240_000);
    const elapsed = Date.now() - started;
    t.comment(`1,000 device runs through the queue in ${(elapsed / 1000).toFixed(1)} s`);

    const finished = await rows<{ id: string; status: string; run_trigger: string }>(`SELECT id, status, run_trigger FROM ${schema}.runs WHERE task LIKE 'Update-%' ORDER BY id`);
    t.equal(finished.length, TASKS.length + 1, 'the runs started, and the one skipped');
    t.same(finished.filter((r) => r.status !== 'completed').map((r) => r.status), ['skipped'], 'every run completed (the second start was skipped)');

    const results = await rows<{ run_id: string; device: string; status: string; reason: string | null }>(`SELECT run_id, device, status, reason FROM ${schema}.device_results`);
    t.equal(results.length, TOTAL, '1,000 (run, device) results');
    t.same(results.filter((r) => r.status !== 'completed'), [], 'every device run completed');
    // What the agents did: each (run, device) reported by an agent process exactly once — the killed
    // process never reported the job it had taken, and its retry ran on the restarted one.
    const reported = new Map<string, number>();
    for (const { name, process } of everyProcess) {
      for (const m of process.output().matchAll(/run (\S+): (completed|failed)/g)) reported.set(`${m[1]} ${name}`, (reported.get(`${m[1]} ${name}`) ?? 0) + 1);
    }
    t.equal(reported.size, TOTAL, 'the agents reported 1,000 (run, device) results');
    t.same([...reported].filter(([, n]) => n !== 1), [], 'none twice');
    t.same(results.filter((r) => !reported.has(`${r.run_id} ${r.device}`)), [], 'and the store has exactly those');
    const claims = await rows<{ n: number; pairs: number }>(`SELECT count(*)::int AS n, count(DISTINCT (run_id, agent))::int AS pairs FROM ${schema}.agent_results`);
    t.same(claims[0], { n: TOTAL, pairs: TOTAL }, "each agent's result counted once per (run, device)");

    const queues = await rows<{ name: string }>(`SELECT name FROM ${queueSchema}.queue ORDER BY name`);
    t.same(queues.map((q) => q.name), ['updops-start', 'updops-targets'], 'two queues, whatever the number of agents');
    const jobs = await rows<{ agent: string; state: string; retry_count: number }>(`SELECT data->>'agent' AS agent, state, retry_count FROM ${queueSchema}.job WHERE name = 'updops-targets'`);
    t.same([...new Set(jobs.map((j) => j.agent))].sort(), DEVICES, "each job names its agent in its data");
    t.equal(jobs.length, TOTAL, 'one job per (run, device): none sent twice');
    t.same([...new Set(jobs.map((j) => j.state))], ['completed'], 'every device job completed; none left open or failed');
    const retried = await rows<{ id: string; retry_count: number }>(`SELECT id, retry_count FROM ${queueSchema}.job WHERE name = 'updops-targets' AND retry_count > 0`);
    t.same(retried.map((j) => j.id), orphaned, "the killed agent's job was retried (failed at its re-registration), and no other");
    const starts = await rows<{ state: string; n: number }>(`SELECT state, count(*)::int AS n FROM ${queueSchema}.job WHERE name = 'updops-start' GROUP BY state`);
    t.same(starts, [{ state: 'completed', n: TASKS.length }], 'every start job completed with its run');

    // An operator's cancel: the run's jobs still queued are withdrawn and never handed out; the
    // ones taken are told and end failed, naming who cancelled.
    const more = await Promise.all(TASKS.slice(0, 5).map(async (task) => (await post(`${url}/api/tasks/${task}/run`)).body.run));
    const cancelled = more.at(-1)!;
    const answer = await fetch(`${url}/api/runs/${cancelled.id}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${AGENT_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ by: 'e2e' }) });
    t.match(((await answer.json()) as { run: RunRecord }).run, { id: cancelled.id, status: 'cancelled', reason: 'cancelled by e2e' });
    await until('the other runs to end', async () => (await rows(`SELECT id FROM ${schema}.runs WHERE status = 'running'`)).length === 0, 60_000);
    const open = `SELECT data->>'agent' AS agent, state FROM ${queueSchema}.job WHERE name = 'updops-targets' AND singleton_key = $1`;
    await until("the cancelled run's jobs to close", async () => (await rows<{ state: string }>(open, [cancelled.id])).every((j) => j.state === 'completed' || j.state === 'cancelled'), 30_000);
    const ofCancelled = await rows<{ agent: string; state: string }>(open, [cancelled.id]);
    t.equal(ofCancelled.length, DEVICES.length, 'one job per device of the cancelled run');
    const withdrawn = ofCancelled.filter((j) => j.state === 'cancelled').map((j) => j.agent);
    t.ok(withdrawn.length > 0, `jobs still queued at the cancel were withdrawn (${withdrawn.length} of ${DEVICES.length})`);
    const startedBy = everyProcess.filter(({ process }) => process.output().includes(`run ${cancelled.id}: update`)).map(({ name }) => name);
    t.same(startedBy.filter((name) => withdrawn.includes(name)), [], 'no agent ever started a withdrawn job');
    const cancelledResults = await rows<{ device: string; status: string; reason: string | null }>(`SELECT device, status, reason FROM ${schema}.device_results WHERE run_id = $1`, [cancelled.id]);
    t.same(cancelledResults.filter((r) => r.status !== 'completed' && !(r.status === 'failed' && r.reason?.startsWith('cancelled by e2e'))), [], 'its targets ended completed (done before the notice) or failed naming who cancelled');
    t.same((await rows<{ status: string }>(`SELECT status FROM ${schema}.runs WHERE id = ANY($1)`, [more.slice(0, -1).map((r) => r.id)])).map((r) => r.status), ['completed', 'completed', 'completed', 'completed'], 'the other runs completed');

    t.same(await Promise.all([...agents.values()].map(async (agent) => (await agent.stop()).code)), DEVICES.map(() => 0), 'the agents stop cleanly');
    t.equal((await controller.stop()).code, 0, 'the controller stops cleanly (the queue with it)');
    mark('stopped');
    const connections = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'updops-queue'`);
    t.equal(connections[0]?.n, 0, "pg-boss's connections are closed");
  });
}
