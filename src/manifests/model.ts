/**
 * The desired configuration as a model: the group tree, where every DP and device lives, and
 * which DPs and devices a task reaches (DESIGN.md 1). Pure: built from loaded manifests.
 */
import type { LoadedManifest } from './document.js';
import type { DistributionPoint, Device, Group, Task, TaskScope, UpdateSource } from './types.generated.js';

export interface Placed<T> {
  item: T;
  group: string;
  /** Index within the group's list, for positions in errors. */
  index: number;
  owner: LoadedManifest<Group>;
}

export interface ConfigModel {
  groups: Map<string, LoadedManifest<Group>>;
  sources: Map<string, LoadedManifest<UpdateSource>>;
  tasks: Map<string, LoadedManifest<Task>>;
  children: Map<string, string[]>;
  distributionPoints: Map<string, Placed<DistributionPoint>>;
  devices: Map<string, Placed<Device>>;
}

function firstByName<M extends LoadedManifest>(list: M[]): Map<string, M> {
  const map = new Map<string, M>();
  for (const m of list) if (!map.has(m.manifest.metadata.name)) map.set(m.manifest.metadata.name, m);
  return map;
}

export function ofKind<K extends 'Group' | 'UpdateSource' | 'Task'>(
  manifests: LoadedManifest[],
  kind: K,
): LoadedManifest<Extract<Group | UpdateSource | Task, { kind: K }>>[] {
  return manifests.filter((m) => m.manifest.kind === kind) as LoadedManifest<Extract<Group | UpdateSource | Task, { kind: K }>>[];
}

export function buildModel(manifests: LoadedManifest[]): ConfigModel {
  const groups = firstByName(ofKind(manifests, 'Group'));
  const children = new Map<string, string[]>();
  const distributionPoints = new Map<string, Placed<DistributionPoint>>();
  const devices = new Map<string, Placed<Device>>();
  for (const [name, owner] of groups) {
    const { parent, distributionPoints: dps = [], devices: devs = [] } = owner.manifest.spec;
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), name]);
    dps.forEach((item, index) => distributionPoints.has(item.name) || distributionPoints.set(item.name, { item, group: name, index, owner }));
    devs.forEach((item, index) => devices.has(item.name) || devices.set(item.name, { item, group: name, index, owner }));
  }
  return { groups, sources: firstByName(ofKind(manifests, 'UpdateSource')), tasks: firstByName(ofKind(manifests, 'Task')), children, distributionPoints, devices };
}

/** The group and, with `includeSubgroups`, all its descendants (cycle-safe). */
export function groupsInScope(model: ConfigModel, group: string, includeSubgroups: boolean): string[] {
  const result: string[] = [];
  const seen = new Set<string>();
  const stack = [group];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    result.push(current);
    if (includeSubgroups) stack.push(...(model.children.get(current) ?? []));
  }
  return result;
}

/** Ancestors of a group, nearest first (cycle-safe). */
export function ancestorsOf(model: ConfigModel, group: string): string[] {
  const result: string[] = [];
  let current = model.groups.get(group)?.manifest.spec.parent;
  while (current !== undefined && !result.includes(current) && current !== group) {
    result.push(current);
    current = model.groups.get(current)?.manifest.spec.parent;
  }
  return result;
}

/** DPs a task's scope names or contains, before the `updateTask` rule is applied. */
export function scopeDistributionPoints(model: ConfigModel, scope: TaskScope): Placed<DistributionPoint>[] {
  if ('devices' in scope) return scope.devices.flatMap((n) => model.distributionPoints.get(n) ?? []);
  const groups = new Set(groupsInScope(model, scope.group, scope.includeSubgroups ?? true));
  return [...model.distributionPoints.values()].filter((dp) => groups.has(dp.group));
}

/**
 * DPs a download task actually runs on: DPs with an explicit `updateTask` use only that task
 * (seed: downloaded updates are used only by DPs that have no download task explicitly set).
 */
export function downloadTaskDistributionPoints(model: ConfigModel, taskName: string, scope: TaskScope): Placed<DistributionPoint>[] {
  return scopeDistributionPoints(model, scope).filter((dp) => dp.item.updateTask === undefined || dp.item.updateTask === taskName);
}

export function scopeDevices(model: ConfigModel, scope: TaskScope): Placed<Device>[] {
  if ('devices' in scope) return scope.devices.flatMap((n) => model.devices.get(n) ?? []);
  const groups = new Set(groupsInScope(model, scope.group, scope.includeSubgroups ?? true));
  return [...model.devices.values()].filter((d) => groups.has(d.group));
}
