/**
 * The randomized-delay offsets `plan --devices` and `status` show (docs/design.md 1, "Randomized
 * delay"): the window, and each target's offset and next delayed start — computed with exactly the
 * inputs the executor uses (runs/offsets.ts), so what is shown is when each target will start.
 */
import type { RandomDelay, Schedule } from '../manifests/index.js';
import { deviceStarts } from './device-starts.js';
import { randomDelayWindowMs } from './random-delay.js';

export interface TargetDelay {
  name: string;
  offsetSeconds: number;
  /** The next scheduled start plus the offset; null when the schedule has no next start. */
  nextStart: string | null;
}

export interface RandomDelayView {
  windowSeconds: number;
  targets: TargetDelay[];
}

export interface DelayViewInput {
  taskName: string;
  schedule: Schedule;
  randomDelay: RandomDelay | undefined;
  /** Every target in the task's scope, in scope order (the window depends on how many). */
  targets: readonly string[];
  /** The task's settings revision (its spec hash) and how often it was started by hand. */
  settingsRevision: string;
  manualStarts: number;
  now: Date;
  anchor: Date;
  defaultTimeZone: string;
}

export function randomDelayView(input: DelayViewInput): RandomDelayView | undefined {
  const window = randomDelayWindowMs(input.randomDelay, input.targets.length);
  if (window <= 0) return undefined;
  const { taskName, settingsRevision, manualStarts, anchor, defaultTimeZone } = input;
  const starts = deviceStarts(input.schedule, input.randomDelay, input.targets, input.now, 1, { taskName, settingsRevision, manualStarts, anchor, defaultTimeZone });
  return {
    windowSeconds: Math.round(window / 1000),
    targets: starts.map((s) => ({ name: s.device, offsetSeconds: Math.floor(s.offsetMs / 1000), nextStart: s.starts[0]?.toISOString() ?? null })),
  };
}

/** `2m 13s`, `45s`, `1h 0m 5s`: an offset as people read it. */
export function formatOffset(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}h ${m}m ${s}s` : m > 0 ? `${m}m ${s}s` : `${s}s`;
}
