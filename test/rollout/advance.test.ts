/**
 * The rollout core (src/rollout): waves take devices by name, group, label and percentage without
 * overlap; a device succeeds only healthy on the version, fails on a failed run or health check,
 * or by its pending timeout; the gates halt above the error threshold, move on at the success
 * threshold, pass empty waves, and a resume gives the failed devices another attempt.
 */
import t from 'tap';
import { rolloutWaves, type Device, type Placed } from '../../src/manifests/index.js';
import { admittedVersion, advanceRollout, deviceOutcome, resumeRollout, startRollout, type DeviceReport } from '../../src/rollout/index.js';

const placed = (name: string, group: string, labels?: Record<string, string>): Placed<Device> => ({ item: { name, os: 'windows', ...(labels ? { labels } : {}) }, group, index: 0, owner: undefined as never });
const fleet = [placed('ws-1', 'pilot', { ring: 'canary' }), placed('ws-2', 'pilot'), ...Array.from({ length: 10 }, (_, i) => placed(`pc-${i}`, 'broad'))];
const T0 = new Date('2026-12-03T10:00:00Z');
const at = (s: number): Date => new Date(T0.getTime() + s * 1000);
const subject = { name: 'r1', task: 'Update', version: '2', specHash: 'h1' };
const healthy = (version: string): DeviceReport => ({ databaseVersion: version, applicationVersion: version, restartRequired: false, lastRestart: { at: at(5).toISOString(), version, healthy: true }, lastResult: { status: 'completed', at: at(5).toISOString() } });
const rolledBack = (version: string): DeviceReport => ({ databaseVersion: '1', applicationVersion: '1', restartRequired: false, lastRestart: { at: at(5).toISOString(), version: '1', healthy: false, rolledBackFrom: version }, lastResult: { status: 'failed', at: at(5).toISOString(), reason: 'health check failed' } });

void t.test('waves: by selector, group, percentage; no device twice; percent counts earlier waves', async (t) => {
  const waves = rolloutWaves('r1', { waves: [{ name: 'canary', selector: { matchLabels: { ring: 'canary' } } }, { name: 'pilot', groups: ['pilot'] }, { name: 'half', percent: 50 }, { name: 'rest', percent: 100 }] }, fleet);
  t.same(waves.map((w) => w.devices.length), [1, 1, 4, 6]);
  t.same(waves[0]!.devices, ['ws-1']);
  t.same(waves[1]!.devices, ['ws-2'], 'ws-1 is taken already');
  t.equal(new Set(waves.flatMap((w) => w.devices)).size, 12, 'every device once');
  const half = (devices: Placed<Device>[]): string[] => rolloutWaves('r1', { waves: [{ name: 'half', percent: 50 }] }, devices)[0]!.devices.slice().sort();
  t.same(half(fleet), half([...fleet].reverse()), 'a percentage takes the same devices whatever the config order');
  t.equal(half(fleet).length, 6);
  t.same(waves.map((w) => [w.successThreshold, w.errorThreshold, w.pendingTimeoutMs]).at(0), [100, 0, 3_600_000], 'defaults');
});

void t.test('a device outcome: healthy on the version, failed health check, failed run, pending, timed out', async (t) => {
  const since = T0.toISOString();
  t.match(deviceOutcome('2', healthy('2'), since, at(10), 60_000), { outcome: 'succeeded' });
  t.match(deviceOutcome('2', rolledBack('2'), since, at(10), 60_000), { outcome: 'failed', reason: /health check.*rolled back/ });
  t.match(deviceOutcome('2', { ...healthy('1'), lastResult: { status: 'failed', at: at(3).toISOString(), reason: 'SOURCE_UNREACHABLE' } }, since, at(10), 60_000), { outcome: 'failed', reason: /SOURCE_UNREACHABLE/ });
  t.equal(deviceOutcome('2', { ...healthy('2'), restartRequired: true }, since, at(10), 60_000), undefined, 'installed but not restarted: pending');
  t.equal(deviceOutcome('2', { ...healthy('1'), lastResult: { status: 'failed', at: at(-100).toISOString() } }, since, at(10), 60_000), undefined, 'a failure before the wave started does not count');
  t.match(deviceOutcome('2', undefined, since, at(60), 60_000), { outcome: 'failed', reason: /pending timeout/ }, 'silent past the timeout');
});

void t.test('gates: wave 1 failing above the error threshold halts; wave 2 is never admitted; resume retries', async (t) => {
  const waves = rolloutWaves('r1', { waves: [{ name: 'pilot', groups: ['pilot'], errorThreshold: 0, pendingTimeout: '30s' }, { name: 'broad', percent: 100 }] }, fleet);
  const start = startRollout(subject, waves, T0);
  t.same(start.admitted, ['ws-1', 'ws-2']);
  t.equal(admittedVersion({ version: '2', waves }, start.progress, 'ws-1'), '2');
  t.equal(admittedVersion({ version: '2', waves }, start.progress, 'pc-1'), undefined, 'wave 2 stays on the task pin');
  const step = advanceRollout(subject, start.progress, waves, new Map([['ws-1', healthy('2')], ['ws-2', rolledBack('2')]]), at(10));
  t.equal(step.progress.status, 'halted');
  t.match(step.events, [{ type: 'RolloutHalted', message: /wave pilot: 1 of 2 failed.*ws-2: the health check/ }]);
  t.same(step.admitted, []);
  t.equal(admittedVersion({ version: '2', waves }, step.progress, 'pc-1'), undefined);
  t.same(advanceRollout(subject, step.progress, waves, new Map(), at(20)).events, [], 'a halted rollout stays halted');
  const resumed = resumeRollout({ ...subject, specHash: 'h2' }, step.progress, waves, at(30), 'alice');
  t.same(resumed.admitted, ['ws-2'], 'the failed device gets another attempt');
  t.equal(resumed.progress.devices['ws-1']?.outcome, 'succeeded', 'successes stay');
  const passed = advanceRollout(subject, resumed.progress, waves, new Map([['ws-1', healthy('2')], ['ws-2', healthy('2')]]), at(40));
  t.match(passed.events, [{ type: 'RolloutWaveStarted', message: /wave broad started: 10 devices get 2/ }]);
  t.equal(passed.admitted.length, 10);
  t.equal(admittedVersion({ version: '2', waves }, passed.progress, 'pc-1'), '2');
});

void t.test('a silent device fails by its pending timeout; a success threshold below 100 moves on; empty waves pass', async (t) => {
  const waves = rolloutWaves('r1', { waves: [{ name: 'none', groups: ['nobody'] }, { name: 'pilot', groups: ['pilot'], successThreshold: 50, errorThreshold: 50, pendingTimeout: '30s' }, { name: 'broad', percent: 100 }] }, fleet);
  const start = startRollout(subject, waves, T0);
  const first = advanceRollout(subject, start.progress, waves, new Map([['ws-1', healthy('2')]]), at(5));
  t.match(first.events.map((e) => e.type), ['RolloutWaveStarted', 'RolloutWaveStarted'], 'the empty wave passed, pilot started, and at 50% pilot passed too');
  t.equal(first.progress.wave, 2);
  const silent = rolloutWaves('r1', { waves: [{ name: 'pilot', groups: ['pilot'], errorThreshold: 0, pendingTimeout: '30s' }] }, fleet);
  const s0 = startRollout(subject, silent, T0);
  t.equal(advanceRollout(subject, s0.progress, silent, new Map([['ws-1', healthy('2')]]), at(20)).progress.status, 'progressing', 'ws-2 still within its timeout');
  const late = advanceRollout(subject, s0.progress, silent, new Map([['ws-1', healthy('2')]]), at(31));
  t.equal(late.progress.status, 'halted');
  t.match(late.progress.halted?.reason, /ws-2: no report of 2 installed and healthy within 30 s/);
  const done = advanceRollout(subject, s0.progress, silent, new Map([['ws-1', healthy('2')], ['ws-2', healthy('2')]]), at(10));
  t.equal(done.progress.status, 'completed');
  t.match(done.events, [{ type: 'RolloutCompleted' }]);
});
