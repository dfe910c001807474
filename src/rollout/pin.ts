/**
 * The version a device of an Update task gets (docs/architecture.md "Rings and pinning",
 * "Rollouts"): a rollout's version once the device's wave is admitted (and for every device of
 * its waves once the rollout completed), else the task's own pin — so a wave not yet reached, or
 * a halted rollout's later waves, stay where they were.
 */
import type { RolloutProgress } from '../state/index.js';
import type { WaveMembers } from '../manifests/index.js';

/** Each device's wave, per waves list: asked once per dispatched device, so a lookup, not a scan of every wave. */
const waveIndexes = new WeakMap<readonly WaveMembers[], Map<string, number>>();

function waveOf(waves: readonly WaveMembers[], device: string): number | undefined {
  let index = waveIndexes.get(waves);
  if (!index) {
    index = new Map(waves.flatMap((w) => w.devices.map((d) => [d, w.index] as const)));
    waveIndexes.set(waves, index);
  }
  return index.get(device);
}

export function admittedVersion(rollout: { version: string; waves: readonly WaveMembers[] } | undefined, progress: RolloutProgress | undefined, device: string): string | undefined {
  if (!rollout || !progress) return undefined;
  const wave = waveOf(rollout.waves, device);
  if (wave === undefined) return undefined;
  return wave <= progress.wave ? rollout.version : undefined;
}
