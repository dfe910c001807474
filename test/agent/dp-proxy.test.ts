/**
 * The proxy variables that count are those of the process that syncs (docs/design.md 1,
 * "Update sources"): a DP agent — a REAL `updops agent` process — started with HTTP_PROXY syncs
 * its repository through that proxy, though the controller that sent the work has none.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { startForwardProxy } from '../helpers/forward-proxy.js';
import { downloadTaskYaml, makeWorld, officeYaml, sourceYaml } from './helpers/world.js';

const scheduled = downloadTaskYaml.replace('schedule: {kind: manual}', 'schedule: {kind: weekly, day: monday, time: "03:00", timeZone: Europe/Berlin}');

void t.test('a DP agent with HTTP_PROXY syncs through it', async (t) => {
  const proxy = await startForwardProxy();
  t.teardown(() => proxy.close());
  const w = await makeWorld(t, {
    config: (fx, dpPort) => ({
      'sources.yaml': sourceYaml('vendor', fx.vendorUrl),
      'groups.yaml': officeYaml(fx, dpPort, ['ws-1']),
      'tasks.yaml': downloadTaskYaml,
    }),
  });
  const vendorHost = new URL(w.fx.vendorUrl).host;
  w.agent('dp-1', [], { HTTP_PROXY: proxy.url, http_proxy: undefined, NO_PROXY: undefined, no_proxy: undefined });
  await w.waitFor('the DP agent', () => w.hub.hasAgent('dp-1'));
  t.equal(proxy.stats.plain + proxy.stats.connects, 0, 'nothing through the proxy before the run (the agent talks to its controller directly)');

  w.fx.write('tasks.yaml', scheduled);
  w.fx.commit('the download task runs weekly now');
  const reconciled = await w.controller.reconcileNow('test');
  t.equal(reconciled.status, 'applied', reconciled.error ?? 'applied');
  await w.controller.idle();

  const [run] = await w.fx.store.listRuns();
  t.match(run, { status: 'completed' });
  t.ok(existsSync(path.join(w.fx.repo('dp-1'), 'metadata', 'timestamp.json')), 'the DP repository is filled');
  t.ok(proxy.stats.plain > 0, `the agent's sync went through the proxy (${proxy.stats.plain} requests)`);
  t.same([...new Set(proxy.stats.targets)], [vendorHost], 'to the vendor only');
});
