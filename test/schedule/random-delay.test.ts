// Randomized delay (docs/design.md 1 "Randomized delay"; seed 001 "Use automatically randomized delay").
import t from 'tap';
import { deviceOffsetMs, randomDelayWindowMs } from '../../src/schedule/index.js';

const MINUTE = 60_000;
const devices = Array.from({ length: 1000 }, (_, i) => `device-${String(i).padStart(4, '0')}`);
const base = { taskName: 'update-databases', settingsRevision: 'rev-1', manualStarts: 0 };

t.test('window: minutes, its default, absent, and automatic growth with a cap', async (t) => {
  t.equal(randomDelayWindowMs({ minutes: 5 }, 10), 5 * MINUTE, '{minutes: 5} is 5 minutes');
  t.equal(randomDelayWindowMs({}, 10), 1 * MINUTE, '{} defaults to 1 minute');
  t.equal(randomDelayWindowMs(undefined, 10), 0, 'no randomDelay: no window');
  t.equal(randomDelayWindowMs({ automatic: true }, 0), 1 * MINUTE, 'automatic never below 1 minute');
  t.equal(randomDelayWindowMs({ automatic: true }, 50), 1 * MINUTE);
  t.equal(randomDelayWindowMs({ automatic: true }, 51), 2 * MINUTE, 'one more minute per 50 devices');
  t.equal(randomDelayWindowMs({ automatic: true }, 1000), 20 * MINUTE);
  t.equal(randomDelayWindowMs({ automatic: true }, 6000), 120 * MINUTE);
  t.equal(randomDelayWindowMs({ automatic: true }, 1_000_000), 120 * MINUTE, 'automatic is capped at 2 hours');
});

t.test('offsets of 1,000 devices lie inside the window and spread over it', async (t) => {
  const window = randomDelayWindowMs({ minutes: 10 }, devices.length);
  const offsets = devices.map((deviceName) => deviceOffsetMs({ ...base, deviceName, window }));
  t.ok(offsets.every((o) => Number.isInteger(o) && o >= 0 && o < window), 'every offset in [0, window)');
  const tenths = Array.from({ length: 10 }, () => 0);
  for (const o of offsets) tenths[Math.floor((o / window) * 10)]! += 1;
  // Uniform: ~100 a tenth; 60–140 is > 4 standard deviations either side.
  t.ok(tenths.every((n) => n >= 60 && n <= 140), `each tenth holds 60–140 devices: ${tenths.join(', ')}`);
  t.ok(new Set(offsets).size > 990, 'offsets are (nearly) all distinct');
});

t.test('offsets are stable across calls (restarts)', async (t) => {
  const window = 10 * MINUTE;
  const first = devices.map((deviceName) => deviceOffsetMs({ ...base, deviceName, window }));
  const again = devices.map((deviceName) => deviceOffsetMs({ ...base, deviceName, window }));
  t.strictSame(again, first);
  t.equal(deviceOffsetMs({ ...base, deviceName: 'device-0000', window }), 338_775, 'pinned (computed independently with Python hashlib): the derivation is stable');
});

t.test('offsets change when the settings revision or the manual-start count changes', async (t) => {
  const window = 10 * MINUTE;
  const offsets = (over: Partial<typeof base>): number[] =>
    devices.map((deviceName) => deviceOffsetMs({ ...base, ...over, deviceName, window }));
  const original = offsets({});
  const moved = (other: number[]): number => other.filter((o, i) => o !== original[i]).length;
  t.ok(moved(offsets({ settingsRevision: 'rev-2' })) > 990, 'a new revision re-deals almost every offset');
  t.ok(moved(offsets({ manualStarts: 1 })) > 990, 'a manual start re-deals almost every offset');
  t.ok(moved(offsets({ taskName: 'other-task' })) > 990, 'another task gets other offsets');
});

t.test('a zero window gives zero offsets', async (t) => {
  t.equal(deviceOffsetMs({ ...base, deviceName: 'a', window: 0 }), 0);
});
