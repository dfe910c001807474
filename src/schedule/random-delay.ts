/**
 * Randomized delay of task starts (seed 001 "Use automatically randomized delay" / "Use
 * randomized delay … within an interval of (min)"; docs/design.md 1): each device starts at the
 * scheduled instant plus its own offset inside a window. Offsets are derived, not drawn, so
 * `plan` and `status` can show them and they survive restarts; they change when the task's
 * settings change (new revision) or it is started by hand (seed: "when task settings are edited
 * or the task is started manually, the calculated value … changes").
 */
import { hash } from 'node:crypto';
import type { RandomDelay } from '../manifests/index.js';

const MINUTE_MS = 60_000;

/** `{minutes}` default (seed: "The default time interval is one minute"). */
export const DEFAULT_RANDOM_DELAY_MINUTES = 1;
/** Automatic window: one minute per this many devices … */
export const AUTOMATIC_DEVICES_PER_MINUTE = 50;
/** … never below 1 minute, never above 2 hours. */
export const AUTOMATIC_MIN_MINUTES = 1;
export const AUTOMATIC_MAX_MINUTES = 120;

/**
 * The window (ms) offsets are spread over.
 * - `{minutes: N}` → N minutes (default 1).
 * - `{automatic: true}` → clamp(ceil(devices / 50), 1, 120) minutes. The seed only says the
 *   window depends on the number of devices; 50 starts a minute keeps a server's request rate
 *   under one per second on average, 1 minute is the manual default, and 2 hours keeps an update
 *   task from drifting far from its slot (6,000 devices and more all get 2 hours).
 */
export function randomDelayWindowMs(randomDelay: RandomDelay | undefined, deviceCount: number): number {
  if (randomDelay === undefined) return 0;
  if ('automatic' in randomDelay) {
    const minutes = Math.ceil(Math.max(0, deviceCount) / AUTOMATIC_DEVICES_PER_MINUTE);
    return Math.min(AUTOMATIC_MAX_MINUTES, Math.max(AUTOMATIC_MIN_MINUTES, minutes)) * MINUTE_MS;
  }
  return (randomDelay.minutes ?? DEFAULT_RANDOM_DELAY_MINUTES) * MINUTE_MS;
}

export interface DeviceOffsetInput {
  taskName: string;
  deviceName: string;
  /** Changes whenever the task's settings change (e.g. the spec hash or a counter). */
  settingsRevision: string | number;
  /** How many times the task was started by hand; each manual start re-deals the offsets. */
  manualStarts: number;
  /** Window in ms, from `randomDelayWindowMs`. */
  window: number;
}

/**
 * A whole-millisecond offset, uniform in [0, window): the first 48 bits of
 * sha256(task, device, revision, manualStarts) scaled to the window. Fields are joined with NUL,
 * which task and device names cannot contain, so no two inputs share a digest input.
 */
export function deviceOffsetMs(input: DeviceOffsetInput): number {
  if (input.window <= 0) return 0;
  // One-shot `hash` (Node ≥ 20.12): about 3× cheaper than createHash for these short inputs.
  const text = `${input.taskName}\0${input.deviceName}\0${input.settingsRevision}\0${input.manualStarts}`;
  const digest = hash('sha256', text, 'buffer');
  return Math.floor((digest.readUIntBE(0, 6) / 2 ** 48) * input.window);
}
