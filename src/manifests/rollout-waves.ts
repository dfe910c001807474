/**
 * Which of an Update task's devices each wave of a Rollout takes (docs/architecture.md
 * "Rollouts"). Pure and stable: the same config gives the same waves on every replica and every
 * tick, so admission can be recomputed instead of stored. A wave takes the task's devices its
 * selection names that no earlier wave took; `percent` fills up to that share of all the task's
 * devices, in the order of a hash of the rollout's and the device's names (so a percentage is
 * spread across groups, and the same devices stay in it when the fleet grows).
 */
import { createHash } from 'node:crypto';
import { matchesSelector, scopeDevices, type ConfigModel, type Placed } from './model.js';
import type { Device, RolloutSpec, RolloutWave, UpdateTaskSpec } from './types.generated.js';
import { parseCompoundDuration } from '../util/index.js';

export const DEFAULT_SUCCESS_THRESHOLD = 100;
export const DEFAULT_ERROR_THRESHOLD = 0;
export const DEFAULT_PENDING_TIMEOUT = '1h';

export interface WaveMembers {
  name: string;
  index: number;
  devices: string[];
  successThreshold: number;
  errorThreshold: number;
  pendingTimeoutMs: number;
}

const rank = (rollout: string, device: string): string => createHash('sha256').update(`${rollout}\u0000${device}`).digest('hex');

export function pendingTimeoutMs(wave: Pick<RolloutWave, 'pendingTimeout'>): number {
  return parseCompoundDuration(wave.pendingTimeout ?? DEFAULT_PENDING_TIMEOUT, { seconds: true }) ?? 3_600_000;
}

function picks(wave: RolloutWave, device: Placed<Device>): boolean {
  if (wave.devices) return wave.devices.includes(device.item.name);
  if (wave.groups) return wave.groups.includes(device.group);
  if (wave.selector) return matchesSelector(device.item.labels, wave.selector);
  return false;
}

/** `devices`: the task's devices in config order (scopeDevices). Devices no wave takes are in none. */
export function rolloutWaves(rollout: string, spec: Pick<RolloutSpec, 'waves'>, devices: readonly Placed<Device>[]): WaveMembers[] {
  const taken = new Set<string>();
  const ranked = [...devices].sort((a, b) => (rank(rollout, a.item.name) < rank(rollout, b.item.name) ? -1 : 1));
  return spec.waves.map((wave, index) => {
    let members: string[];
    if (wave.percent !== undefined) {
      const quota = Math.ceil((devices.length * wave.percent) / 100) - taken.size;
      members = ranked.filter((d) => !taken.has(d.item.name)).slice(0, Math.max(0, quota)).map((d) => d.item.name);
    } else {
      members = devices.filter((d) => !taken.has(d.item.name) && picks(wave, d)).map((d) => d.item.name);
    }
    for (const name of members) taken.add(name);
    return {
      name: wave.name,
      index,
      devices: members,
      successThreshold: wave.successThreshold ?? DEFAULT_SUCCESS_THRESHOLD,
      errorThreshold: wave.errorThreshold ?? DEFAULT_ERROR_THRESHOLD,
      pendingTimeoutMs: pendingTimeoutMs(wave),
    };
  });
}

export interface TaskRollout {
  task: UpdateTaskSpec;
  /** Every device of the task, in a wave or not. */
  devices: Placed<Device>[];
  waves: WaveMembers[];
  /** Devices of the task no wave takes (waves never share a device). */
  uncovered: number;
}

/** A Rollout's waves over the devices of its task; undefined when the task is not an Update task of the model (a rule says so). */
export function taskRollout(model: ConfigModel, rollout: string, spec: Pick<RolloutSpec, 'task' | 'waves'>): TaskRollout | undefined {
  const task = model.tasks.get(spec.task)?.manifest.spec;
  if (task?.type !== 'Update') return undefined;
  const devices = scopeDevices(model, task.scope);
  const waves = rolloutWaves(rollout, spec, devices);
  return { task, devices, waves, uncovered: devices.length - waves.reduce((n, w) => n + w.devices.length, 0) };
}
