/**
 * Databases part of the Update task against real repositories (docs/design.md 1 "Type Update",
 * seed 000): from the device's DP, fallback to the next source, an all-sources failure leaves
 * the installed set byte-identical, "without databases" mode and its end, only what differs moves.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { syncRepository } from '../../src/repository/sync/index.js';
import { serveRepository } from '../../src/repository/serve/index.js';
import { readDeviceState, runUpdateTask, verifyInstalledDatabases } from '../../src/endpoint/index.js';
import type { UpdateRunInput } from '../../src/endpoint/index.js';
import { blob, databases, deadUrl, makeVendor, tempDir, treeHash } from './helpers/vendor.js';

const now = new Date();
const base = (root: string, sources: string[], trustRoot: string): UpdateRunInput => ({
  root,
  device: { name: 'ws-1', license: { expires: '2999-12-31' } },
  sources: sources.map((url) => ({ url, timeoutSeconds: 2 })),
  settings: { applicationUpdateMode: 'disabled' },
  now,
  trustRoot,
});

void t.test('a device updates from its DP; DP down falls back to the next source', async (t) => {
  const work = await tempDir(t, 'updops-upd-');
  const vendor = await makeVendor(t, work, { ...databases(1), 'modules/kes/app.bin': blob(300_000, 9) });
  const dpDir = path.join(work, 'dp');
  await syncRepository({ sources: [{ url: vendor.url }], dest: dpDir, trustRoot: vendor.trustRoot });
  const dp = await serveRepository({ root: dpDir });
  t.teardown(() => dp.close());
  const root = path.join(work, 'device');

  const first = await runUpdateTask(base(root, [dp.url, vendor.url], vendor.trustRoot));
  t.equal(first.status, 'completed', first.reason ?? '');
  t.equal(first.basesMode, 'normal');
  t.equal(first.databaseVersion, '2024.1');
  t.equal(first.files, 3, 'only the databases component is downloaded');
  t.same(await verifyInstalledDatabases(root), [], 'the installed set verifies end to end');
  const modulesHeld = await readdir(path.join(root, 'bases', 'targets', 'modules')).catch(() => []);
  t.same(modulesHeld, [], 'no module file in bases');

  await vendor.publish(databases(2));
  const down = await deadUrl();
  const second = await runUpdateTask(base(root, [down, vendor.url], vendor.trustRoot));
  t.equal(second.status, 'completed', 'the next source serves when the DP is down');
  t.equal(second.databaseVersion, '2024.2');
  t.same(await verifyInstalledDatabases(root), []);
});

void t.test('every source down: the run fails and bases/ stays byte-identical', async (t) => {
  const work = await tempDir(t, 'updops-upd-');
  const vendor = await makeVendor(t, work, databases(1));
  const root = path.join(work, 'device');
  t.equal((await runUpdateTask(base(root, [vendor.url], vendor.trustRoot))).status, 'completed');
  const before = await treeHash(path.join(root, 'bases'), () => false);
  await vendor.publish(databases(2));
  const result = await runUpdateTask(base(root, [await deadUrl(), await deadUrl()], vendor.trustRoot));
  t.equal(result.status, 'failed');
  t.match(result.reason, /databases: .*every source failed/);
  t.equal(result.basesMode, 'normal', 'the previous set stays in use');
  t.equal(result.databaseVersion, '2024.1');
  t.same(await treeHash(path.join(root, 'bases'), () => false), before, 'bases/ is byte-identical');
  t.same(await readdir(path.join(root, '.staging')), [], 'no staging left behind');
  t.equal((await readDeviceState(path.join(root, 'state.json'))).lastResult?.status, 'failed');
});

void t.test('"without databases" mode until the first successful update', async (t) => {
  const work = await tempDir(t, 'updops-upd-');
  const vendor = await makeVendor(t, work, databases(1));
  const root = path.join(work, 'device');
  const failed = await runUpdateTask(base(root, [await deadUrl()], vendor.trustRoot));
  t.equal(failed.status, 'failed');
  t.equal(failed.basesMode, 'withoutDatabases');
  t.equal(failed.freshness, 'none');
  t.equal((await readDeviceState(path.join(root, 'state.json'))).basesMode, 'withoutDatabases', 'recorded in the device state');
  const ok = await runUpdateTask(base(root, [vendor.url], vendor.trustRoot));
  t.equal(ok.status, 'completed');
  t.equal(ok.basesMode, 'normal');
});

void t.test('only what differs is downloaded; diff files when enabled; a no-op moves nothing', async (t) => {
  const work = await tempDir(t, 'updops-upd-');
  const v1 = databases(1, 3, 200_000);
  const vendor = await makeVendor(t, work, v1, undefined, 1);
  const root = path.join(work, 'device');
  const input = { ...base(root, [vendor.url], vendor.trustRoot), settings: { applicationUpdateMode: 'disabled' as const, downloadDiffFiles: true } };
  await runUpdateTask(input);
  const old = v1['databases/kes/base-00.avc'] as Buffer;
  await vendor.publish({ ...v1, 'databases/kes/base-00.avc': Buffer.concat([old.subarray(0, 100_000), Buffer.from('patched'), old.subarray(100_007)]), 'databases/kes/VERSION': '2024.2\n' });
  const second = await runUpdateTask(input);
  t.equal(second.status, 'completed');
  t.equal(second.databaseVersion, '2024.2');
  t.ok(second.bytes < 20_000, `one changed file came as a diff (${second.bytes} bytes on the wire)`);
  t.same(await verifyInstalledDatabases(root), []);
  const third = await runUpdateTask(input);
  t.equal(third.files, 0);
  t.equal(third.bytes, 0);
});

void t.test("a device's downloads take the task's bandwidth cap; an urgent task ignores it", async (t) => {
  const work = await tempDir(t, 'updops-upd-cap-');
  const vendor = await makeVendor(t, work, { ...databases(1), 'databases/kes/big.avc': blob(1_000_000, 5) });
  const capped = Date.now();
  const first = await runUpdateTask({ ...base(path.join(work, 'capped'), [vendor.url], vendor.trustRoot), settings: { applicationUpdateMode: 'disabled', bandwidth: { limit: '500kB/s' } } });
  const cappedMs = Date.now() - capped;
  t.equal(first.status, 'completed', first.reason ?? '');
  t.ok(first.bytes >= 1_000_000 && cappedMs >= 1_800 && cappedMs <= 4_000, `1 MB at 500kB/s took ${cappedMs} ms`);
  const urgent = Date.now();
  const second = await runUpdateTask({ ...base(path.join(work, 'urgent'), [vendor.url], vendor.trustRoot), settings: { applicationUpdateMode: 'disabled', bandwidth: { limit: '500kB/s' }, urgent: true } });
  t.equal(second.status, 'completed', second.reason ?? '');
  t.ok(Date.now() - urgent < 1_500, `urgent: ${Date.now() - urgent} ms`);
});
