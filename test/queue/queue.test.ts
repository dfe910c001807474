/**
 * The job queue on a real PostgreSQL (src/queue/; docs/architecture.md "Job queue"), with two
 * queue instances on one state standing for two replicas:
 * - a start sent by one is executed by the other's consumer, and the sender learns its run; a
 *   second start of the task is busy while it runs; start jobs a dead controller left active are
 *   cancelled by the next one;
 * - a target's job is one per (run, target), fetched by the replica the agent polls, completed by
 *   the replica that takes its result; a job taken and never reported expires, is retried once,
 *   and then fails, which the hub records as a failed result with the reason; a restarted agent's
 *   job is retried at once; a job whose result is recorded is dropped, never handed out again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import t from 'tap';
import { UpdopsError } from '../../src/errors.js';
import { AgentHub, RESTARTED_REASON } from '../../src/controller/agents/index.js';
import type { Assignment } from '../../src/protocol/index.js';
import { startBoss } from '../../src/queue/boss.js';
import { openJobQueue, TARGET_INDEX, TARGET_QUEUE, TargetJobs, WITHDRAWN_REASON, type JobQueue } from '../../src/queue/index.js';
import { openStateStore, type StateStore } from '../../src/state/index.js';
import { postgresSkipReason, startPostgres } from '../helpers/postgres.js';

const skip = postgresSkipReason();

async function rawRows(url: string, text: string, values: unknown[] = []): Promise<Record<string, string>[]> {
  const client = new pg.Client({ connectionString: url.replace(/\?.*$/, '') });
  await client.connect();
  try {
    return (await client.query<Record<string, string>>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const assignment = (runId: string, device = 'ws-1'): Assignment => ({ kind: 'update', runId, task: 'Update', device: { name: device }, sources: [], settings: {}, problems: [] });

if (skip) {
  t.plan(0, skip);
} else {
  void t.test('the job queue across two replicas of one state', async (t) => {
    const server = await startPostgres(t);
    const url = server.freshUrl();
    const store: StateStore = await openStateStore({ path: url });
    t.teardown(() => store.close());
    const open = (): Promise<JobQueue> => openJobQueue({ url, resultTimeoutMs: 1_000, retryLimit: 1, retryDelaySeconds: 1, maintenanceSeconds: 1, pollMs: 50 });
    const a = await open();
    const b = await open();
    t.teardown(async () => {
      await a.stop();
      await b.stop();
    });
    t.equal(a.schema, `${new URL(url).searchParams.get('schema')}_queue`, "the queue's schema sits beside the state's");

    await t.test('starts: sent by one replica, run by the other; one at a time per task', async (t) => {
      const stop = new AbortController();
      t.teardown(() => stop.abort());
      let finish!: () => void;
      const running = new Promise<void>((resolve) => (finish = resolve));
      const taken: string[] = [];
      b.starts.consume(async (request, recorded) => {
        if (request.task === 'Unknown') throw new UpdopsError('NOT_FOUND', `task "${request.task}" is not in the applied configuration`, { detail: 'test-detail' });
        taken.push(`${request.task}/${request.trigger}/${request.scheduledAt?.toISOString() ?? '-'}`);
        recorded(`run-${taken.length}`);
        await running;
      }, stop.signal);
      const scheduledAt = new Date('2026-12-02T12:00:00.000Z');
      t.same(await a.starts.send({ task: 'Nightly', trigger: 'schedule', scheduledAt }, stop.signal), { runId: 'run-1' }, "the sender learns the run the other replica recorded");
      t.same(taken, ['Nightly/schedule/2026-12-02T12:00:00.000Z'], 'the request travels whole');
      t.same(await a.starts.send({ task: 'Nightly', trigger: 'manual' }), { busy: 'run-1' }, 'a second start while it runs is busy, naming the run');
      t.same(await b.starts.send({ task: 'Nightly', trigger: 'manual' }), { busy: 'run-1' }, 'on either replica');
      t.same(await a.starts.send({ task: 'Other', trigger: 'manual' }), { runId: 'run-2' }, 'another task is not held up');
      finish();
      await sleep(300);
      t.match(await a.starts.send({ task: 'Unknown', trigger: 'manual' }).catch((e: unknown) => e), { code: 'NOT_FOUND', detail: 'test-detail', message: 'task "Unknown" is not in the applied configuration' }, "the consumer's error reaches the sender as it threw it");
      t.same(await a.starts.send({ task: 'Nightly', trigger: 'manual' }), { runId: 'run-3' }, 'once the run ended, the task starts again');
      stop.abort();
      await b.starts.stop();
    });

    await t.test('a start job left active by a dead controller is cancelled by the next one', async (t) => {
      const c = await open();
      const stop = new AbortController();
      let release!: () => void;
      const hung = new Promise<void>((resolve) => (release = resolve));
      t.teardown(async () => {
        release();
        await c.stop();
      });
      c.starts.consume(async (_request, recorded) => {
        recorded('run-dead');
        await hung; // the process "dies" with the run in progress
      }, stop.signal);
      t.same(await a.starts.send({ task: 'Stuck', trigger: 'manual' }), { runId: 'run-dead' });
      stop.abort(); // it takes nothing more
      t.same(await a.starts.send({ task: 'Stuck', trigger: 'manual' }), { busy: 'run-dead' });
      t.equal(await a.starts.abandonActive(), 1, 'the next controller cancels it (its run is marked interrupted by the store)');
      t.same(await a.starts.send({ task: 'Stuck', trigger: 'manual', targets: ['ws-1'] }, AbortSignal.timeout(200)).catch((e: Error) => e.message), 'the start of "Stuck" was queued, but the controller stopped before a replica took it', 'the task is free again (nobody consumes here)');
    });

    await t.test('a target job: one per (run, target), fetched on one replica, completed on the other', async (t) => {
      const first = a.targets.dispatch('ws-1', assignment('r1'));
      const again = a.targets.dispatch('ws-1', assignment('r1'));
      const given = await b.targets.next('ws-1', 2_000, async () => 'give');
      t.same(given, assignment('r1'), "the agent's poll on the other replica gets it");
      t.equal(await b.targets.next('ws-1', 200, async () => 'give'), undefined, 'and only once: a second send of the pair made no second job');
      t.ok(await b.targets.taken('ws-1', 'r1'), 'taken: progress reports are accepted');
      await b.targets.done('ws-1', 'r1');
      t.same(await first, { done: true }, 'the sending replica sees the job done');
      t.same(await again, { done: true });
      t.notOk(await a.targets.taken('ws-1', 'r1'));
    });

    await t.test('one targets queue for every agent: the agent is in the job, its fetch reads a partial index by agent', async (t) => {
      const q = (text: string, values: unknown[] = []): Promise<Record<string, string>[]> => rawRows(url, text, values);
      const first = a.targets.dispatch('ws-8', assignment('r-layout', 'ws-8'));
      const second = a.targets.dispatch('ws-9', assignment('r-layout', 'ws-9'));
      // dispatch resolves when the job ends: its send is done once both rows are there.
      const sent = `SELECT name, data->>'agent' AS agent, state FROM ${a.schema}.job WHERE singleton_key = 'r-layout' ORDER BY 2`;
      for (let i = 0; i < 100 && (await q(sent)).length < 2; i++) await sleep(20);
      const jobs = await q(sent);
      t.same(jobs, [{ name: TARGET_QUEUE, agent: 'ws-8', state: 'created' }, { name: TARGET_QUEUE, agent: 'ws-9', state: 'created' }], "both on the one queue, each naming its agent");
      t.same((await q(`SELECT name FROM ${a.schema}.queue ORDER BY name`)).map((r) => r.name), ['updops-start', TARGET_QUEUE], 'no queue per agent');
      const [index] = await q(`SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname = $2`, [a.schema, TARGET_INDEX]);
      t.match(index?.indexdef, /\(\(\(data ->> 'agent'::text\)\), created_on, id\) WHERE \(state < 'active'::/, 'the partial index on the agent, for jobs not yet taken');
      const c = await open(); // a third replica starting: the queue and its indexes are made once (IF NOT EXISTS)
      await c.stop();
      t.equal(((await b.targets.next('ws-9', 2_000, async () => 'give')) as { device?: { name: string } } | undefined)?.device?.name, 'ws-9', "ws-9's poll gets ws-9's job, though ws-8's is older");
      t.equal(((await b.targets.next('ws-8', 2_000, async () => 'give')) as { device?: { name: string } } | undefined)?.device?.name, 'ws-8');
      await b.targets.done('ws-8', 'r-layout');
      await b.targets.done('ws-9', 'r-layout');
      t.same([await first, await second], [{ done: true }, { done: true }]);
    });

    await t.test("waiting polls on a replica are woken by one query per tick for all of them, not one each", async (t) => {
      const { boss, schema } = await startBoss({ url, maintenanceSeconds: 60 });
      t.teardown(() => boss.stop({ graceful: false, wait: true }));
      const db = boss.getDb() as { executeSql(text: string, values?: unknown[]): Promise<unknown> };
      const executeSql = db.executeSql.bind(db);
      let statements = 0;
      db.executeSql = (text, values) => {
        if (values?.[0] === TARGET_QUEUE) statements++;
        return executeSql(text, values);
      };
      const replica = new TargetJobs(boss, schema, { expireSeconds: 5, retryLimit: 0, retryDelaySeconds: 1, pollMs: 50 });
      const agents = Array.from({ length: 40 }, (_, i) => `poller-${i}`);
      const started = Date.now();
      const polls = agents.map((agent) => replica.next(agent, 1_500, async () => 'give'));
      await sleep(600);
      const sent = Date.now();
      const job = a.targets.dispatch('poller-7', assignment('r-wake', 'poller-7'));
      const woken = await polls[7];
      t.comment(`woken ${Date.now() - sent} ms after the send on the other replica (tick 50 ms)`);
      t.ok(Date.now() - sent < 1_000, 'woken within the ticks, not at the end of its wait');
      const results = await Promise.all(polls);
      t.equal(woken, results[7]);
      const elapsed = Date.now() - started;
      t.equal(results.filter(Boolean).length, 1, 'only the poll with a job got one');
      t.equal(results[7]?.runId, 'r-wake', "the job sent on another replica reached its agent's waiting poll");
      t.comment(`${statements} statements for ${agents.length} polls over ${elapsed} ms at a 50 ms tick; one query per poll per tick would be ~${Math.round((agents.length * elapsed) / 50)}`);
      t.ok(statements <= Math.ceil(elapsed / 50) + 5, `one query per tick, and a fetch by the poll it woke (${statements}); a new poll does not fetch on its own`);
      await replica.done('poller-7', 'r-wake');
      t.same(await job, { done: true });
      await replica.stop();
    });

    await t.test('a job whose result is recorded (or whose run ended) is dropped, never handed out', async (t) => {
      const waiting = a.targets.dispatch('ws-1', assignment('r2'));
      const seen: string[] = [];
      t.equal(await b.targets.next('ws-1', 300, async (x) => (seen.push(x.runId), 'drop')), undefined);
      t.same(seen, ['r2']);
      t.same(await waiting, { done: false, reason: WITHDRAWN_REASON });
    });

    await t.test('a restarted agent: the job it had taken fails now and is retried to it', async (t) => {
      const waiting = a.targets.dispatch('ws-1', assignment('r3'));
      t.same(await b.targets.next('ws-1', 2_000, async () => 'give'), assignment('r3'));
      t.equal(await b.targets.restarted('ws-1', RESTARTED_REASON), 1);
      t.same(await b.targets.next('ws-1', 5_000, async () => 'give'), assignment('r3'), 'after the backoff, the same job again');
      await a.targets.done('ws-1', 'r3');
      t.same(await waiting, { done: true });
    });

    await t.test('through the hub: a job taken and never reported expires, is retried, then the target fails with why', async (t) => {
      const hub = new AgentHub({ store, queue: a.targets });
      const run = await store.createRun({ task: 'Update', trigger: 'manual', status: 'running', startedAt: new Date().toISOString() });
      const start = Date.now();
      const result = hub.dispatch('ws-2', assignment(run.id, 'ws-2'));
      t.equal((await b.targets.next('ws-2', 2_000, async () => 'give'))?.runId, run.id, 'taken (attempt 1), never reported');
      t.equal((await b.targets.next('ws-2', 10_000, async () => 'give'))?.runId, run.id, 'expired and retried (attempt 2)');
      t.match(await result, { status: 'failed', reason: 'no result from the agent within 1 s (2 attempts)' });
      t.comment(`failed after ${Date.now() - start} ms`);
      const [job] = await store.listDeviceResults(run.id);
      t.equal(job, undefined, 'the hub answers; the executor records it (src/controller/agents/dispatch.ts)');
    });

    await t.test("through the hub: a second result for the same (run, target) changes nothing, and its job is not handed out again", async (t) => {
      const hub = new AgentHub({ store, queue: b.targets });
      await store.upsertAgent({ name: 'ws-3', role: 'device', os: 'linux', version: 'test', at: new Date().toISOString() });
      const run = await store.createRun({ task: 'Update', trigger: 'manual', status: 'running', startedAt: new Date().toISOString() });
      const result = hub.dispatch('ws-3', assignment(run.id, 'ws-3'));
      t.equal((await hub.nextWork('ws-3', 2_000))?.runId, run.id);
      const done = { status: 'completed' as const, files: 3, bytes: 30, durationMs: 5, events: [] };
      t.equal(await hub.result('ws-3', run.id, done), true);
      t.equal(await hub.result('ws-3', run.id, { ...done, status: 'failed', reason: 'again' }), false, 'the repeat is acknowledged and ignored');
      t.match(await result, { status: 'completed', files: 3, bytes: 30 }, 'the run gets the recorded result');
      t.match(await store.listDeviceResults(run.id), [{ device: 'ws-3', status: 'completed', files: 3 }]);
      t.equal(await hub.nextWork('ws-3', 300), undefined, 'nothing more for the agent');
      t.match(await hub.progress('ws-3', run.id, { files: 1, bytes: 1 }), { accepted: false }, 'a late progress report is refused');
      t.match(await store.listDeviceResults(run.id), [{ device: 'ws-3', status: 'completed', files: 3 }], 'and does not touch the result');
    });
  });
}
