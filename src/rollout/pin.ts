/**
 * The version a device of an Update task gets (docs/architecture.md "Rings and pinning",
 * "Rollouts"): a rollout's version once the device's wave is admitted (and for every device of
 * its waves once the rollout completed), else the task's own pin — so a wave not yet reached, or
 * a halted rollout's later waves, stay where they were.
 */
import type { RolloutProgress } from '../state/index.js';
import type { WaveMembers } from '../manifests/index.js';

export function admittedVersion(rollout: { version: string; waves: readonly WaveMembers[] } | undefined, progress: RolloutProgress | undefined, device: string): string | undefined {
  if (!rollout || !progress) return undefined;
  const wave = rollout.waves.findIndex((w) => w.devices.includes(device));
  if (wave < 0) return undefined;
  return wave <= progress.wave ? rollout.version : undefined;
}
