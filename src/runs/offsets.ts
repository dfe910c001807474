/**
 * Randomized-delay offsets of a run's targets (docs/design.md 1, "Randomized delay"; seed 001): the
 * window comes from the number of targets in scope, each offset from (task, device, settings
 * revision, manual starts) — the same inputs `deviceStarts` uses, so `plan`/`status` and the
 * controller agree and two controllers start each DP at the same instant.
 */
import { deviceOffsetMs, randomDelayWindowMs } from '../schedule/index.js';
import type { StateStore } from '../state/index.js';
import type { RecordedTask } from '../state/index.js';
import type { RunTarget } from './targets.js';

/** Manual starts re-deal the offsets (seed: "when … the task is started manually, the calculated value … changes"). */
export async function manualStartCount(store: StateStore, task: string): Promise<number> {
  return store.countRuns(task, 'manual');
}

export async function targetOffsets(task: RecordedTask, targets: readonly RunTarget[], store: StateStore): Promise<Map<string, number>> {
  const window = randomDelayWindowMs(task.spec.randomDelay, targets.length);
  if (window <= 0) return new Map();
  const manual = await manualStartCount(store, task.name);
  return new Map(targets.map((t) => [t.name, deviceOffsetMs({ taskName: task.name, deviceName: t.name, settingsRevision: task.specHash, manualStarts: manual, window })]));
}
