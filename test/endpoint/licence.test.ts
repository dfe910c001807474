/** Seed: "If there is no current license, you will only be able to perform one update." */
import path from 'node:path';
import t from 'tap';
import { LICENCE_REQUIRED_REASON, licenceDecision, licenceStatus, readDeviceState, runUpdateTask } from '../../src/endpoint/index.js';
import { databases, makeVendor, tempDir } from './helpers/vendor.js';

const now = new Date('2026-03-10T12:00:00Z');

void t.test('licenceStatus: expires is the last valid day', async (t) => {
  t.equal(licenceStatus({ expires: '2026-03-10' }, now), 'current');
  t.equal(licenceStatus({ expires: '2026-03-09' }, now), 'expired');
  t.equal(licenceStatus(undefined, now), 'none');
  t.same(licenceDecision({ expires: '2026-03-09' }, now, 0), { allowed: true, counts: true });
  t.equal(licenceDecision(undefined, now, 1).allowed, false);
  t.same(licenceDecision({ expires: '2027-01-01' }, now, 5), { allowed: true, counts: false });
});

void t.test('expired licence: the first update succeeds, the second fails with the licence error', async (t) => {
  const work = await tempDir(t, 'updops-upd-lic-');
  const vendor = await makeVendor(t, work, databases(1));
  const root = path.join(work, 'device');
  const input = { root, device: { name: 'ws', license: { expires: '2026-01-31' } }, sources: [{ url: vendor.url }], settings: {}, now, trustRoot: vendor.trustRoot };
  const first = await runUpdateTask(input);
  t.equal(first.status, 'completed', first.reason ?? '');
  t.equal((await readDeviceState(path.join(root, 'state.json'))).unlicensedUpdates, 1, 'the one update is counted in the device state');

  await vendor.publish(databases(2));
  const second = await runUpdateTask(input);
  t.equal(second.status, 'failed');
  t.equal(second.code, 'LICENSE');
  t.ok(second.reason?.startsWith(LICENCE_REQUIRED_REASON), second.reason ?? '');
  t.same(second.events.map((e) => e.type), ['LicenseRequired']);
  t.equal(second.databaseVersion, '2024.1', 'nothing was downloaded');
  t.equal(second.basesMode, 'normal');

  const renewed = await runUpdateTask({ ...input, device: { name: 'ws', license: { expires: '2027-01-31' } } });
  t.equal(renewed.status, 'completed', 'a current licence allows regular updates again');
  t.equal(renewed.databaseVersion, '2024.2');
});

void t.test('no licence and a failed first attempt: the one update is still available', async (t) => {
  const work = await tempDir(t, 'updops-upd-lic-');
  const vendor = await makeVendor(t, work, databases(1));
  const root = path.join(work, 'device');
  const input = { root, device: { name: 'ws' }, sources: [{ url: vendor.url }], settings: {}, now, trustRoot: vendor.trustRoot };
  t.equal((await runUpdateTask({ ...input, sources: [{ url: 'http://127.0.0.1:1' }] })).status, 'failed');
  t.equal((await runUpdateTask(input)).status, 'completed');
  t.equal((await runUpdateTask(input)).code, 'LICENSE');
});

void t.test('a count known elsewhere (the controller) wins over a wiped device folder, and is kept there', async (t) => {
  const work = await tempDir(t, 'updops-upd-lic-');
  const vendor = await makeVendor(t, work, databases(1));
  const root = path.join(work, 'device');
  const input = { root, device: { name: 'ws' }, sources: [{ url: vendor.url }], settings: {}, now, trustRoot: vendor.trustRoot };
  const refused = await runUpdateTask({ ...input, knownUnlicensedUpdates: 1 });
  t.equal(refused.code, 'LICENSE', 'a fresh folder, but the controller counted the one update');
  t.same(refused.events.map((e) => e.type), ['LicenseRequired']);
  t.equal(refused.unlicensedUpdates, 1);
  t.equal((await readDeviceState(path.join(root, 'state.json'))).unlicensedUpdates, 1, 'the larger count is written into the device state');
  t.equal((await runUpdateTask(input)).code, 'LICENSE', 'and holds without the controller');
  const lower = path.join(work, 'other');
  const first = await runUpdateTask({ ...input, root: lower, knownUnlicensedUpdates: 0 });
  t.equal(first.status, 'completed', first.reason ?? '');
  t.equal(first.unlicensedUpdates, 1, 'the result reports the count after the run');
});
