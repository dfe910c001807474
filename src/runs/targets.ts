/**
 * What a task runs on (docs/design.md 1, Tasks): a download task on each DP of its scope that has no
 * download task of its own set (seed 001: "downloaded updates will only be used by distribution
 * points … that have no update download task explicitly set for them"); an Update task on each
 * device of its scope.
 */
import { downloadTaskDistributionPoints, scopeDevices, scopeDistributionPoints, type ConfigModel, type TaskScope } from '../manifests/index.js';

export interface RunTarget {
  name: string;
  kind: 'distributionPoint' | 'device';
  os: string;
  /** A DP's repository folder. */
  repository?: string;
}

export function taskTargets(model: ConfigModel, taskName: string, spec: { type: string; scope: TaskScope }): RunTarget[] {
  if (spec.type === 'DownloadUpdatesToDistributionPoints') {
    return downloadTaskDistributionPoints(model, taskName, spec.scope).map(({ item }) => ({ name: item.name, kind: 'distributionPoint' as const, os: item.os, repository: item.repository }));
  }
  return scopeDevices(model, spec.scope).map(({ item }) => ({ name: item.name, kind: 'device' as const, os: item.os }));
}

/**
 * Every DP and device name a scope reaches, whatever the task type: what "both tasks are
 * assigned to the same devices" compares for onTaskCompletion (seed 001).
 */
export function scopeMembers(model: ConfigModel, scope: TaskScope): Set<string> {
  return new Set([...scopeDistributionPoints(model, scope), ...scopeDevices(model, scope)].map((p) => p.item.name));
}
