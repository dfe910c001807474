/**
 * The HTTP edge on the real controller (docs/design.md 4): a git config with Windows DPs and a vendor
 * repository served on 127.0.0.1 (the reconcile acceptance world), `createController` with the
 * metrics observer, and the API in front. A manual run started over HTTP syncs a real DP, shows
 * in /api/runs/:id, in /metrics and on the dashboard; `updops run --wait` exits 0; without the
 * token nothing starts.
 */
import t from 'tap';
import { createApiServer } from '../../src/controller/api/index.js';
import { createController } from '../../src/controller/controller.js';
import { createMetrics } from '../../src/controller/metrics.js';
import { openStateStore } from '../../src/state/index.js';
import { makeWorld } from '../reconcile/helpers/world.js';
import { CLEAN_ENV, cli } from '../helpers/in-process-cli.js';
import { TOKEN, auth, raw, taskPath } from './api-request.js';

void t.test('a run over HTTP on the real controller: 401 without the token, 202 with it, results, metrics, CLI --wait', async (t) => {
  const world = await makeWorld(t);
  const store = await openStateStore({ path: world.state });
  const { registry, observer } = createMetrics(undefined, { state: store });
  const controller = createController({ config: world.config, ref: 'main', store, cacheDir: world.cacheDir, pollMs: 3_600_000, timeZone: 'Europe/Berlin', observer });
  await controller.start();
  await controller.idle();
  const api = await createApiServer(controller, { token: TOKEN, registry });
  t.teardown(async () => {
    await api.close();
    await controller.stop();
    await store.close();
  });

  const before = (await store.listRuns({ limit: 1000 })).length;
  const refused = await raw(api.url, 'POST', taskPath('Download branch-b'), { headers: auth('wrong') });
  t.equal(refused.status, 401);
  await controller.idle();
  t.equal((await store.listRuns({ limit: 1000 })).length, before, 'no run recorded without the token');

  const started = await raw(api.url, 'POST', taskPath('Download branch-b'), { headers: auth() });
  t.equal(started.status, 202, started.text);
  t.match(started.json.run, { task: 'Download branch-b', trigger: 'manual' });
  await controller.idle();
  const details = await raw(api.url, 'GET', `/api/runs/${started.json.run.id}`);
  t.equal(details.status, 200);
  t.match(details.json.run, { status: 'completed' });
  t.same(details.json.results.map((r: { device: string; status: string }) => [r.device, r.status]), [['dp-b', 'completed']]);
  t.same(await world.identicalToVendor('dp-b'), []);

  const unknown = await raw(api.url, 'POST', taskPath('No such task'), { headers: auth() });
  t.equal(unknown.status, 404, 'the core reports an unknown task as NOT_FOUND');

  const metrics = await raw(api.url, 'GET', '/metrics');
  t.match(metrics.text, 'updops_runs_total{task="Download branch-b",status="completed"}');
  t.match(metrics.text, /updops_reconcile_total\{status="applied"\} 1/);
  t.match(metrics.text, /updops_last_applied_commit_timestamp_seconds \d{10}/);
  t.match(metrics.text, 'updops_reconcile_condition{condition="Ready",reason="ReconcileSucceeded"} 1');
  t.match(metrics.text, 'updops_reconcile_condition{condition="Failed",reason=""} 0');

  const status = await raw(api.url, 'GET', '/api/status');
  t.same(status.json.distributionPoints.map((dp: { name: string }) => dp.name).sort(), ['dp-a', 'dp-b', 'dp-hq']);
  const page = await raw(api.url, 'GET', '/tasks');
  t.match(page.text, 'Download branch-b');

  const waited = await cli(['run', 'Download branch-a', '--controller', api.url, '--wait', '--interval', '20'], { ...CLEAN_ENV, UPDOPS_TOKEN: TOKEN });
  t.equal(waited.code, 0, waited.err);
  t.match(waited.out, /dp-a\s+completed/);
});

void t.test('updops run without --controller runs in this process against the recorded configuration', async (t) => {
  const world = await makeWorld(t);
  const prepared = await world.prepare();
  await world.apply(prepared.saved);
  const res = await cli(['run', 'Download branch-b', '--state', world.state, '--config', world.config], CLEAN_ENV);
  t.equal(res.code, 0, res.err);
  t.match(res.out, /"Download branch-b": completed \(manual/);
  t.match(res.out, /dp-b\s+completed/);
  const unknown = await cli(['run', 'Nope', '--state', world.state], CLEAN_ENV);
  t.equal(unknown.code, 1);
  t.match(unknown.err, /^error: NOT_FOUND: task "Nope" is not in the applied configuration/);
});
