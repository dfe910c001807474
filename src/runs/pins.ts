/**
 * Rings and pinning (docs/architecture.md "Rings and pinning"): an Update task's `spec.version`
 * pins the release its devices take. A ring is an Update task with its own scope; promotion is
 * a commit changing the pin, and `git revert` of it the rollback. Pure over the config model:
 * which task pins what (for the plan), and which versions a DP must keep because the devices it
 * serves are pinned to them (its download assignment's `keepVersions`).
 */
import type { SourceLocation } from '../errors.js';
import { scopeDevices } from '../manifests/index.js';
import type { ConfigModel } from '../manifests/index.js';
import { deviceDistributionPoints } from '../sources/index.js';

export interface TaskPin {
  task: string;
  /** The pinned release (`spec.version`: the targets' `custom.version`). */
  version: string;
  /** Where `spec.version` is written. */
  location: SourceLocation;
  /** The devices the task's scope names now. */
  devices: string[];
}

/**
 * Every Update task with a `spec.version`, in model order, then the version of each Rollout
 * (docs/architecture.md "Rollouts"): its admitted waves' devices take it, so it is checked like a
 * pin and their DPs keep it too.
 */
export function taskPins(model: ConfigModel): TaskPin[] {
  const out: TaskPin[] = [];
  for (const [task, loaded] of model.tasks) {
    // `version` has no schema default: the manifest as written says it (no normalizing per call).
    const { spec } = loaded.manifest;
    if (spec.type !== 'Update' || spec.version === undefined) continue;
    out.push({ task, version: spec.version, location: loaded.locator.locate('/spec/version'), devices: scopeDevices(model, spec.scope).map((d) => d.item.name) });
  }
  for (const loaded of model.rollouts.values()) {
    const { spec } = loaded.manifest;
    const task = model.tasks.get(spec.task)?.manifest.spec;
    if (task?.type !== 'Update') continue;
    out.push({ task: spec.task, version: spec.version, location: loaded.locator.locate('/spec/version'), devices: scopeDevices(model, task.scope).map((d) => d.item.name) });
  }
  return out;
}

/**
 * The versions pinned by Update tasks whose devices `dp` serves (its group's devices and its
 * subgroups', as `distributionPoint` resolves them), sorted: the DP keeps them beside the
 * current version so its pinned devices find them there.
 */
export function distributionPointPins(model: ConfigModel, dp: string): string[] {
  return pinsByDistributionPoint(model).get(dp) ?? [];
}

/** `distributionPointPins` for every DP at once (one pass over the pinned devices); empty when no task pins. */
export function pinsByDistributionPoint(model: ConfigModel): Map<string, string[]> {
  const sets = new Map<string, Set<string>>();
  for (const pin of taskPins(model)) {
    for (const device of pin.devices) {
      for (const dp of deviceDistributionPoints(model, device)) {
        const set = sets.get(dp.item.name) ?? new Set<string>();
        set.add(pin.version);
        sets.set(dp.item.name, set);
      }
    }
  }
  return new Map([...sets].map(([dp, set]) => [dp, [...set].sort()]));
}

/** The pin of one recorded task spec (what its devices' assignments carry). */
export function pinOf(spec: { type: string; version?: string }): string | undefined {
  return spec.type === 'Update' ? spec.version : undefined;
}
