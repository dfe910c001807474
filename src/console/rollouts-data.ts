/**
 * What the rollouts page shows (docs/architecture.md "Rollouts", "Verify on test devices"): each
 * applied Rollout's waves with the devices they take — computed from the applied config as the
 * controller computes them — beside the progress the leader recorded, and each download task that
 * verifies its releases on test devices with its gate.
 */
import { taskRollout } from '../manifests/index.js';
import { verifyingTasks } from '../runs/index.js';
import type { RolloutDeviceOutcome, RolloutProgress, VerificationProgress } from '../state/index.js';
import { recorded, type ConsoleSource } from './data.js';

/** done: passed its gate; current: admitted, gated now; halted: its gate stopped the rollout; waiting: not admitted yet. */
export type WaveState = 'done' | 'current' | 'halted' | 'waiting';

export interface WaveDevice {
  name: string;
  /** Known once the device reported healthy (or failed, or stayed silent past the pending timeout). */
  outcome?: RolloutDeviceOutcome;
}

export interface WaveView {
  name: string;
  index: number;
  state: WaveState;
  devices: WaveDevice[];
  succeeded: number;
  failed: number;
  successThreshold: number;
  errorThreshold: number;
  pendingTimeoutMs: number;
}

export interface RolloutView {
  name: string;
  task: string;
  version: string;
  /** The task's own version, which devices not yet admitted keep (null: the newest). */
  from: string | null;
  /** Absent until the leader's first step (or while it starts over for a new version). */
  progress?: RolloutProgress;
  waves: WaveView[];
  /** Devices of the task no wave takes. */
  uncovered: number;
}

export interface VerificationView {
  task: string;
  testTask: string;
  testDevices: number;
  successThreshold: number;
  progress?: VerificationProgress;
}

export interface RolloutsData {
  rollouts: RolloutView[];
  verifications: VerificationView[];
}

function waveState(index: number, progress: RolloutProgress | undefined): WaveState {
  if (!progress) return 'waiting';
  if (progress.status === 'completed' || index < progress.wave) return 'done';
  if (index > progress.wave) return 'waiting';
  return progress.status === 'halted' ? 'halted' : 'current';
}

export async function rolloutsData(source: ConsoleSource): Promise<RolloutsData> {
  const [config, progress, verifications] = await Promise.all([recorded(source), source.store.listRollouts(), source.store.listVerifications()]);
  const progressOf = new Map(progress.map((p) => [p.name, p]));
  const rollouts: RolloutView[] = [];
  for (const rollout of config.rollouts.values()) {
    const found = taskRollout(config.model, rollout.name, rollout.spec);
    if (!found) continue;
    const recordedProgress = progressOf.get(rollout.name);
    // Progress of another version is the leader's to start over: nothing of it holds for this one.
    const current = recordedProgress?.version === rollout.spec.version ? recordedProgress : undefined;
    const waves = found.waves.map((w): WaveView => {
      const devices = w.devices.map((name): WaveDevice => {
        const outcome = current?.devices[name];
        return outcome ? { name, outcome } : { name };
      });
      return {
        name: w.name,
        index: w.index,
        state: waveState(w.index, current),
        devices,
        succeeded: devices.filter((d) => d.outcome?.outcome === 'succeeded').length,
        failed: devices.filter((d) => d.outcome?.outcome === 'failed').length,
        successThreshold: w.successThreshold,
        errorThreshold: w.errorThreshold,
        pendingTimeoutMs: w.pendingTimeoutMs,
      };
    });
    rollouts.push({ name: rollout.name, task: rollout.spec.task, version: rollout.spec.version, from: found.task.version ?? null, ...(current ? { progress: current } : {}), waves, uncovered: found.uncovered });
  }
  const gates = new Map(verifications.map((v) => [v.task, v]));
  return {
    rollouts,
    verifications: verifyingTasks(config.model).map((v) => {
      const gate = gates.get(v.task);
      return { task: v.task, testTask: v.testTask, testDevices: v.testDevices.length, successThreshold: v.successThreshold, ...(gate ? { progress: gate } : {}) };
    }),
  };
}
