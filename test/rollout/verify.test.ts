/**
 * Verify on test devices first, the pure gate (src/rollout/verify.ts): a new release the DPs hold
 * starts a verification and admits the test devices; healthy test devices verify it (the
 * approved release moves); a failure keeps the approved one and raises UpdatesVerificationFailed;
 * only a changed verifyOn verifies a failed release again; the DPs back on the verified release
 * change nothing; no test devices verify nothing.
 */
import t from 'tap';
import { testWave, verifyStep, type DeviceReport } from '../../src/rollout/index.js';

const T0 = new Date('2026-12-03T10:00:00Z');
const at = (s: number): Date => new Date(T0.getTime() + s * 1000);
const healthy = (version: string, s = 5): DeviceReport => ({ databaseVersion: version, applicationVersion: version, restartRequired: false, lastRestart: { at: at(s).toISOString(), version, healthy: true }, lastResult: { status: 'completed', at: at(s).toISOString() } });
const rolledBack = (version: string, s = 5): DeviceReport => ({ databaseVersion: version, applicationVersion: '1', restartRequired: false, lastRestart: { at: at(s).toISOString(), version: '1', healthy: false, rolledBackFrom: version }, lastResult: { status: 'failed', at: at(s).toISOString(), reason: 'health check failed' } });
const subject = (specHash = 'h1', devices = ['ws-test']) => ({ task: 'Download', testTask: 'Test', specHash, wave: testWave(devices, 100, 60_000) });
const none = new Map<string, DeviceReport>();

void t.test('a release is verified by healthy test devices; the next one fails and the approved stays; a commit verifies it again', async (t) => {
  t.equal(verifyStep(subject(), undefined, undefined, none, T0), undefined, 'no DP has reported a release: nothing to do');
  const start = verifyStep(subject(), undefined, '1', none, T0)!;
  t.same(start.admitted, ['ws-test'], 'the test devices take the release now');
  t.match(start.events, [{ type: 'UpdatesVerificationStarted', message: /task Download: verifying 1 on 1 test device \(task Test\)/ }]);
  t.equal(start.progress.approved, undefined, 'nothing verified yet');
  t.equal(verifyStep(subject(), start.progress, '1', none, at(1)), undefined, 'pending: no step');
  const verified = verifyStep(subject(), start.progress, '1', new Map([['ws-test', healthy('1')]]), at(6))!;
  t.same(verified.progress.approved, { version: '1', at: at(6).toISOString() });
  t.match(verified.events, [{ type: 'UpdatesVerified', message: /1 verified: 1 of 1 test device installed it/ }]);
  t.equal(verifyStep(subject(), verified.progress, '1', none, at(7)), undefined, 'the verified release: nothing to verify');

  const next = verifyStep(subject(), verified.progress, '2', none, at(10))!;
  t.match(next.events, [{ type: 'UpdatesVerificationStarted' }]);
  const failed = verifyStep(subject(), next.progress, '2', new Map([['ws-test', rolledBack('2', 12)]]), at(13))!;
  t.match(failed.events, [{ type: 'UpdatesVerificationFailed', message: /2 failed on 1 of 1 test device: ws-test: the health check after the restart into 2 failed; rolled back; the other devices stay on 1/, data: { failed: ['ws-test'] } }]);
  t.equal(failed.progress.approved?.version, '1', 'the verified release stays approved');
  t.equal(failed.progress.gate.status, 'halted');
  t.equal(verifyStep(subject(), failed.progress, '2', new Map([['ws-test', healthy('2', 14)]]), at(15)), undefined, 'a failed release stays failed without a commit');
  t.equal(verifyStep(subject(), failed.progress, '1', none, at(15)), undefined, 'the DPs back on the verified release: nothing to do');

  const retry = verifyStep(subject('h2'), failed.progress, '2', new Map([['ws-test', rolledBack('2', 12)]]), at(20))!;
  t.same(retry.admitted, ['ws-test'], 'a changed verifyOn verifies it again');
  t.equal(retry.progress.gate.status, 'progressing', 'the old failure does not count');
  const again = verifyStep(subject('h2'), retry.progress, '2', new Map([['ws-test', healthy('2', 25)]]), at(26))!;
  t.equal(again.progress.approved?.version, '2');
});

void t.test('a silent test device fails by the pending timeout; below 100% a share is enough; no test devices verify nothing', async (t) => {
  const start = verifyStep(subject(), undefined, '1', none, T0)!;
  t.match(verifyStep(subject(), start.progress, '1', none, at(60))!.events, [{ type: 'UpdatesVerificationFailed', message: /pending timeout.*the other devices get no release until one is verified/ }]);
  const half = { task: 'Download', testTask: 'Test', specHash: 'h', wave: testWave(['a', 'b'], 50, 60_000) };
  const s = verifyStep(half, undefined, '1', none, T0)!;
  t.equal(verifyStep(half, s.progress, '1', new Map([['a', healthy('1')]]), at(6))!.progress.approved?.version, '1', '1 of 2 healthy passes 50%');
  const empty = subject('h', []);
  const e = verifyStep(empty, undefined, '1', none, T0)!;
  t.equal(e.progress.approved, undefined);
  t.equal(verifyStep(empty, e.progress, '1', none, at(100)), undefined, 'never verified, never failed');
});
