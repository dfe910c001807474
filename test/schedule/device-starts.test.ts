// Per-device starts = schedule start + randomized-delay offset (docs/design.md 1).
import t from 'tap';
import { deviceOffsetMs, deviceStarts } from '../../src/schedule/index.js';

const context = {
  anchor: new Date('2026-01-05T08:15:00Z'),
  defaultTimeZone: 'Europe/Berlin',
  taskName: 'download',
  settingsRevision: 7,
  manualStarts: 0,
};
const friday = { kind: 'weekly', day: 'friday', time: '18:00' } as const;
const devices = ['dp-1', 'dp-2', 'dp-3'];

t.test('without randomDelay every device starts on schedule', async (t) => {
  const got = deviceStarts(friday, undefined, devices, new Date('2026-01-05T00:00:00Z'), 2, context);
  t.strictSame(got.map((d) => d.offsetMs), [0, 0, 0]);
  t.strictSame(got[0]?.starts.map((d) => d.toISOString()), ['2026-01-09T17:00:00.000Z', '2026-01-16T17:00:00.000Z']);
});

t.test('with randomDelay each device starts at schedule + its own offset', async (t) => {
  const got = deviceStarts(friday, { minutes: 30 }, devices, new Date('2026-01-05T00:00:00Z'), 2, context);
  for (const d of got) {
    t.equal(d.offsetMs, deviceOffsetMs({ ...context, deviceName: d.device, window: 30 * 60_000 }));
    t.strictSame(d.starts.map((s) => s.getTime()), [Date.parse('2026-01-09T17:00:00Z') + d.offsetMs, Date.parse('2026-01-16T17:00:00Z') + d.offsetMs]);
  }
});

t.test('a start just before `after` still counts for devices whose delay puts them after it', async (t) => {
  // 17:20 is inside the 30-minute window after Friday 17:00Z.
  const after = new Date('2026-01-09T17:20:00Z');
  const got = deviceStarts(friday, { minutes: 30 }, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], after, 1, context);
  for (const d of got) {
    const expected = d.offsetMs > 20 * 60_000 ? Date.parse('2026-01-09T17:00:00Z') : Date.parse('2026-01-16T17:00:00Z');
    t.equal(d.starts[0]?.getTime(), expected + d.offsetMs, `${d.device} (offset ${d.offsetMs} ms)`);
  }
  t.ok(got.some((d) => d.offsetMs > 20 * 60_000) && got.some((d) => d.offsetMs < 20 * 60_000), 'both sides are exercised');
});

t.test('event kinds have no per-device clock starts', async (t) => {
  const got = deviceStarts({ kind: 'onOutbreak' }, { automatic: true }, devices, new Date(), 3, context);
  t.strictSame(got.map((d) => d.starts), [[], [], []]);
});
