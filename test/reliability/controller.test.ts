/**
 * The controller as its own process (`updops controller`, docs/design.md 1 "commits to a config
 * repo", docs/design.md 4 "Controller HTTP API (bound to 127.0.0.1 by default; mutating calls need a
 * bearer token)"), against a real git config, vendor repository and SQLite state:
 *
 * - security: it binds 127.0.0.1 when the host is left out; POSTs without or with a wrong token
 *   get 401 and start nothing; a secretRef value used by a real authenticated sync is in no API
 *   response (status, runs, run, events, metrics, dashboard) and no controller log line;
 * - load: 200 req/s of GET /api/status (open loop) while a sync runs — no failed request;
 * - git: an invalid commit keeps the last applied state and records one ReconcileFailed; the
 *   next good commit is applied;
 * - crash: kill -9 of the controller during a run; on restart the run is `interrupted` and
 *   nothing is left `running`.
 *
 * Can fail: the leak check's broken variants are in security.test.ts ("the leak check can fail");
 * e.g. drop `requireBearer` from the POST routes (src/controller/api/server.ts) and the 401 test
 * fails; skip restart recovery in src/controller/controller.ts and the kill test sees `running`.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { serveStatic } from '../repository/helpers/static-server.js';
import { makeWorld, type World } from '../reconcile/helpers/world.js';
import { CLI, RAISE_NOFILE } from './helpers/common.js';
import { leaks } from './helpers/leaks.js';


const SECRET = 'user:S3cr3t-Value-42';
const TOKEN = 'reliability-token-0123456789abcdef';
const TASK = 'Download branch-b';

interface ControllerProcess {
  url: string;
  pid: number;
  logs(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

async function startController(w: World, tokenFile: string): Promise<ControllerProcess> {
  const args = [CLI, 'controller', '--config', w.config, '--ref', 'main', '--state', w.state, '--listen', ':0', '--token-file', tokenFile, '--poll', '1h', '--log-level', 'debug'];
  const child = spawn('bash', ['-c', `${RAISE_NOFILE} && exec "$0" "$@"`, process.execPath, ...args], {
    cwd: w.dir,
    env: { ...process.env, MIRROR_CREDENTIALS: SECRET, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (logs += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (logs += s));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`controller did not start: ${logs}`)), 60_000);
    const check = (): void => {
      const match = /controller listening on (http:\/\/[^\s"]+)/.exec(logs);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    };
    child.stdout.on('data', check);
    child.on('close', (code) => reject(new Error(`controller exited ${code}: ${logs}`)));
  });
  const proc: ControllerProcess = {
    url,
    pid: child.pid!,
    logs: () => logs,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return proc;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

interface RunJson {
  id: string;
  task: string;
  status: string;
}

void t.test('updops controller: loopback by default, 401 without the token, no secret anywhere, status under load, ReconcileFailed, kill -9 → interrupted', async (t) => {
  const w = await makeWorld(t, { bigFileBytes: 3 * 1024 * 1024 });
  const accepted = `Basic ${Buffer.from(SECRET).toString('base64')}`;
  // The authenticated mirror, throttled to ~2 MB/s per response so a run takes a few seconds.
  const mirror = await serveStatic(w.vendor.repo, (req, res) => {
    if (req.headers.authorization === accepted) return false;
    res.writeHead(401).end();
    return true;
  }, { rate: 2 * 1024 * 1024 });
  t.teardown(() => mirror.close());
  w.write('sources/mirror-env.yaml', `apiVersion: updops/v1\nkind: UpdateSource\nmetadata: {name: mirror-env}\nspec:\n  type: http\n  url: ${mirror.url}\n  secretRef: {env: MIRROR_CREDENTIALS}\n  trustRoot: keys/vendor-root.json\n  timeoutSeconds: 10\n`);
  const tasks = path.join(w.config, 'tasks/download.yaml');
  writeFileSync(tasks, readFileSync(tasks, 'utf8').replace(/(name: Download branch-b}[\s\S]*?)sources: \[vendor\]/, '$1sources: [mirror-env]'));
  w.commit('branch-b downloads from the authenticated mirror');
  const tokenFile = path.join(w.dir, 'token');
  writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });

  let ctl = await startController(w, tokenFile);
  t.teardown(() => ctl.kill('SIGKILL'));
  const responses: Record<string, string> = {};
  const get = async (rel: string): Promise<Response> => {
    const res = await fetch(`${ctl.url}${rel}`);
    responses[`GET ${rel} #${Object.keys(responses).length}`] = await res.clone().text();
    return res;
  };
  const post = (rel: string, token?: string): Promise<Response> => fetch(`${ctl.url}${rel}`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });
  const runs = async (): Promise<RunJson[]> => ((await (await get('/api/runs')).json()) as { runs: RunJson[] }).runs;
  const runPath = `/api/tasks/${encodeURIComponent(TASK)}/run`;

  await t.test('binds 127.0.0.1 when only a port is given', async (t) => {
    t.match(ctl.url, /^http:\/\/127\.0\.0\.1:\d+$/, ctl.url);
  });

  // The first reconcile (apply) runs at start; wait until it is recorded.
  await waitFor('the first reconcile', async () => ((await (await get('/api/events?type=ReconcileApplied')).json()) as { events: unknown[] }).events.length > 0 || undefined);
  // Let the apply's syncs finish (they are throttled too).
  await waitFor('apply syncs to finish', async () => ((await runs()).every((r) => r.status !== 'running') ? true : undefined), 120_000);

  await t.test('POST without a token or with a wrong one → 401, nothing started', async (t) => {
    const before = (await runs()).length;
    for (const [what, token] of [['no token', undefined], ['wrong token', 'not-the-token'], ['token prefix', TOKEN.slice(0, 10)]] as const) {
      for (const rel of [runPath, '/hooks/git', '/api/events/outbreak']) {
        const res = await post(rel, token);
        t.equal(res.status, 401, `${what}: POST ${rel} → 401`);
        await res.body?.cancel();
      }
    }
    t.equal((await runs()).length, before, 'no run was started');
  });

  await t.test('200 req/s of GET /api/status while a sync runs: no failed request', async (t) => {
    rmSync(w.dps['dp-b'], { recursive: true, force: true });
    const started = await post(runPath, TOKEN);
    t.equal(started.status, 202, 'the run is accepted with the token');
    const { run } = (await started.json()) as { run: RunJson };
    const seconds = 5;
    let ok = 0;
    const failures: string[] = [];
    const latencies: number[] = [];
    const inFlight: Promise<void>[] = [];
    const t0 = Date.now();
    let sawRunning = false;
    for (let i = 0; i < seconds * 200; i++) {
      // Open loop: one request every 5 ms whatever the answers do.
      const wait = t0 + i * 5 - Date.now();
      if (wait > 0) await sleep(wait);
      const sent = performance.now();
      inFlight.push(
        fetch(`${ctl.url}/api/status`).then(
          async (res) => {
            const body = await res.text();
            latencies.push(performance.now() - sent);
            if (res.status === 200) ok++;
            else failures.push(`${res.status}`);
            if (body.includes('"running"')) sawRunning = true;
          },
          (e: unknown) => void failures.push(String(e)),
        ),
      );
    }
    await Promise.all(inFlight);
    const elapsed = (Date.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? NaN;
    const during = await get(`/api/runs/${run.id}`);
    t.comment(`controller load: ${ok + failures.length} status reads in ${elapsed.toFixed(1)} s (${((ok + failures.length) / elapsed).toFixed(0)} req/s), failures ${failures.length}, p99 ${p99.toFixed(0)} ms; run ${run.id} ${sawRunning ? 'was running during the reads' : 'status not seen as running'}`);
    t.same(failures.slice(0, 5), [], 'no failed status read');
    t.equal(during.status, 200);
    const done = await waitFor('the run to finish', async () => {
      const r = (await (await get(`/api/runs/${run.id}`)).json()) as { run?: RunJson; status?: string };
      const status = r.run?.status ?? r.status;
      return status && status !== 'running' ? status : undefined;
    }, 120_000);
    t.equal(done, 'completed', 'the authenticated sync completed');
    t.same(await w.identicalToVendor('dp-b'), [], 'dp-b holds the vendor files');
  });

  await t.test('an invalid commit keeps the last applied state and records ReconcileFailed; the next good commit applies', async (t) => {
    const objectsBefore = (await w.dump()).objects;
    w.write('tasks/broken.yaml', 'apiVersion: updops/v1\nkind: Task\nmetadata: {name: Broken}\nspec:\n  type: DownloadUpdatesToDistributionPoints\n  scope: {group: hq}\n  schedule: {kind: weekly, day: caturday, time: "18:00"}\n');
    const bad = w.commit('A broken task');
    t.equal((await post('/hooks/git', TOKEN)).status, 202, 'webhook accepted');
    const failed = await waitFor('ReconcileFailed', async () => {
      const events = ((await (await get('/api/events?type=ReconcileFailed')).json()) as { events: { subject?: string; data?: { commit?: string } }[] }).events;
      return events.find((e) => JSON.stringify(e).includes(bad));
    });
    t.ok(failed, 'one ReconcileFailed event names the bad commit');
    t.same((await w.dump()).objects, objectsBefore, 'the last applied state is kept');
    w.remove('tasks/broken.yaml');
    w.write('groups/extra.yaml', 'apiVersion: updops/v1\nkind: Group\nmetadata: {name: extra}\nspec:\n  parent: hq\n  devices:\n    - {name: ws-extra-1, os: windows}\n');
    const good = w.commit('Fixed, plus a group');
    t.equal((await post('/hooks/git', TOKEN)).status, 202);
    await waitFor('the good commit to apply', async () => ((await w.dump()).history.some((h) => h.commit === good) ? true : undefined));
    t.ok((await w.dump()).objects.some((o) => o.name === 'extra'), 'the good commit is applied');
  });

  await t.test('kill -9 during a run: on restart the run is interrupted, nothing stuck running', async (t) => {
    rmSync(w.dps['dp-b'], { recursive: true, force: true });
    const { run } = (await (await post(runPath, TOKEN)).json()) as { run: RunJson };
    await waitFor('the run to be running', async () => ((await runs()).find((r) => r.id === run.id)?.status === 'running' ? true : undefined));
    await sleep(500);
    await ctl.kill('SIGKILL');
    responses['controller logs (first process)'] = ctl.logs();
    const stuck = (await w.dump()).runs.filter((r) => r.status === 'running').map((r) => r.id);
    t.ok(stuck.includes(run.id), 'right after the kill the run is recorded as running');
    ctl = await startController(w, tokenFile);
    const status = await waitFor('the run to be marked', async () => {
      const r = (await w.dump()).runs.find((x) => x.id === run.id);
      return r && r.status !== 'running' ? r.status : undefined;
    });
    t.equal(status, 'interrupted', `run ${run.id} is interrupted after the restart`);
    t.same((await w.dump()).runs.filter((r) => r.status === 'running' && stuck.includes(r.id)), [], 'no run of the dead controller is left running');
    t.comment(`controller crash: run ${run.id} → ${status}; runs stuck running: 0`);
  });

  await t.test('SIGTERM during a run: the run ends cancelled, not interrupted, and the restart finds nothing to mark', async (t) => {
    rmSync(w.dps['dp-b'], { recursive: true, force: true });
    const { run } = (await (await post(runPath, TOKEN)).json()) as { run: RunJson };
    await waitFor('the run to be running', async () => ((await runs()).find((r) => r.id === run.id)?.status === 'running' ? true : undefined));
    await sleep(500);
    await ctl.kill('SIGTERM');
    const ended = (await w.dump()).runs.find((r) => r.id === run.id);
    t.match(ended, { status: 'cancelled', reason: /cancelled/ }, 'a clean stop cancels the run');
    ctl = await startController(w, tokenFile);
    t.equal((await w.dump()).runs.find((r) => r.id === run.id)?.status, 'cancelled', 'the restart leaves it cancelled');
  });

  await t.test('the secret is in no API response and no log line', async (t) => {
    for (const rel of ['/api/status', '/api/runs', '/api/events', '/metrics', '/', '/healthz']) await get(rel);
    for (const r of await runs()) await get(`/api/runs/${r.id}`);
    responses['controller logs'] = ctl.logs();
    t.comment(`controller security: ${Object.keys(responses).length} responses and logs checked`);
    t.ok(Object.keys(responses).length > 20, 'many responses were collected');
    t.same(leaks(responses, [SECRET]), [], 'no response or log holds the secret');
  });
});
