/** /metrics (prom-client) after a run and a reconcile; the old dashboard page (now `/dashboard`; `/` is the console) is self-contained and escaped. */
import t from 'tap';
import { createApiServer } from '../../src/controller/api/index.js';
import { createMetrics } from '../../src/controller/metrics.js';
import { fakeController } from './api-fake-controller.js';
import { TOKEN, auth, raw, taskPath } from './api-request.js';

void t.test('/metrics has the updops metrics with values once a run finished and a reconcile ran', async (t) => {
  const { registry, observer } = createMetrics();
  const fake = await fakeController(undefined, observer);
  const api = await createApiServer(fake.controller, { token: TOKEN, registry });
  t.teardown(async () => {
    await api.close();
    await fake.cleanup();
  });
  await raw(api.url, 'POST', taskPath('Download updates for Berlin'), { headers: auth() });
  await raw(api.url, 'POST', taskPath('Broken task'), { headers: auth() });
  await fake.controller.idle();
  observer.reconciled?.({ status: 'applied', commit: 'abc' }, 1500);
  const res = await raw(api.url, 'GET', '/metrics');
  t.equal(res.status, 200);
  t.match(res.headers['content-type'], /^text\/plain; version=0\.0\.4/);
  const text = res.text;
  t.match(text, 'updops_runs_total{task="Download updates for Berlin",status="completed"} 1');
  t.match(text, 'updops_runs_total{task="Broken task",status="failed"} 1');
  // 2 DPs × 1000 bytes + 1 DP × 1000 bytes (the failed DP downloads nothing).
  t.match(text, 'updops_downloaded_bytes_total 3000');
  t.match(text, 'updops_reconcile_total{status="applied"} 1');
  t.match(text, 'updops_reconcile_duration_seconds_bucket{le="2.5"} 1');
  t.match(text, 'updops_reconcile_duration_seconds_bucket{le="1"} 0');
  t.match(text, 'updops_runs_in_progress 0');
  t.match(text, 'process_cpu_user_seconds_total');
  t.match(text, 'nodejs_eventloop_lag_seconds');
});

void t.test('createMetrics registers into a fresh registry each time (two controllers in one process)', async (t) => {
  const a = createMetrics();
  const b = createMetrics();
  t.not(a.registry, b.registry);
  a.observer.runFinished?.({ id: '1', task: 'x', trigger: 'manual', status: 'completed', startedAt: '' }, []);
  t.match(await a.registry.metrics(), 'updops_runs_total{task="x",status="completed"} 1');
  t.notMatch(await b.registry.metrics(), 'task="x"');
});

void t.test('the dashboard shows groups, DPs with version and drift, tasks and events; a task named <script> is escaped', async (t) => {
  const evil = '<script>alert("x")</script>';
  const fake = await fakeController([{ name: evil, outcome: 'failed' }, { name: 'Nightly & weekly', outcome: 'completed' }]);
  const api = await createApiServer(fake.controller, { token: TOKEN, dashboardRefreshSeconds: 30 });
  t.teardown(async () => {
    await api.close();
    await fake.cleanup();
  });
  await raw(api.url, 'POST', taskPath(evil), { headers: auth() });
  await fake.controller.idle();
  const res = await raw(api.url, 'GET', '/dashboard');
  t.equal(res.status, 200);
  t.match(res.headers['content-type'], /^text\/html; charset=utf-8/);
  t.match(res.headers['content-security-policy'], /default-src 'none'/);
  const html = res.text;
  t.notMatch(html, '<script', 'no script element, escaped or otherwise');
  t.match(html, '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  t.match(html, 'Nightly &amp; weekly');
  t.match(html, '<meta http-equiv="refresh" content="30">');
  t.match(html, 'berlin-office');
  t.match(html, /dp-1<\/td>.*v7<\/td>.*1 files \(missing targets\/a\.avc\)/s);
  t.match(html, /dp-2<\/td>.*\(empty\)/s);
  t.match(html, /failed \(manual, /);
  t.match(html, 'RunFailed');
  t.match(html, 'a1b2c3d4e5f6');
  t.notMatch(html, /(src|href)=["']?https?:/, 'no external assets');
});
