/**
 * Per-device starts: the schedule's starts plus each device's randomized-delay offset
 * (docs/design.md 1, "Randomized delay"). The schedule is evaluated once per task, not per device,
 * so this stays cheap for large scopes (bench/schedule.ts).
 */
import type { RandomDelay, Schedule } from '../manifests/index.js';
import { nextStarts } from './next-starts.js';
import { deviceOffsetMs, randomDelayWindowMs } from './random-delay.js';
import type { ScheduleContext } from './types.js';

export interface DeviceStartsContext extends ScheduleContext {
  taskName: string;
  settingsRevision: string | number;
  manualStarts: number;
}

export interface DeviceStarts {
  device: string;
  offsetMs: number;
  /** Up to `count` starts strictly after `after`, each the scheduled start plus `offsetMs`. */
  starts: Date[];
}

/**
 * A scheduled start up to one window before `after` still lands after it for devices with a
 * large offset, so the schedule is read from `after - window` and each device keeps its own
 * first `count` delayed starts after `after`.
 */
export function deviceStarts(
  schedule: Schedule,
  randomDelay: RandomDelay | undefined,
  devices: readonly string[],
  after: Date,
  count: number,
  context: DeviceStartsContext,
): DeviceStarts[] {
  const window = randomDelayWindowMs(randomDelay, devices.length);
  const afterMs = after.getTime();
  const from = new Date(afterMs - window);
  let base = nextStarts(schedule, from, count, context);
  const early = base.filter((d) => d.getTime() <= afterMs).length;
  if (early > 0) base = nextStarts(schedule, from, count + early, context);
  const baseMs = base.map((d) => d.getTime());
  const { taskName, settingsRevision, manualStarts } = context;
  return devices.map((device) => {
    const offsetMs = deviceOffsetMs({ taskName, deviceName: device, settingsRevision, manualStarts, window });
    const starts: Date[] = [];
    for (let i = 0; i < baseMs.length && starts.length < count; i++) {
      const ms = (baseMs[i] ?? 0) + offsetMs;
      if (ms > afterMs) starts.push(new Date(ms));
    }
    return { device, offsetMs, starts };
  });
}
