/**
 * The desired configuration as a model: the group tree, where every DP and device lives, and
 * which DPs and devices a task reaches (docs/design.md 1). Pure: built from loaded manifests.
 */
import type { LoadedManifest } from './document.js';
import type { DistributionPoint, Device, Group, LabelSelector, Rollout, Task, TaskScope, UpdateSource } from './types.generated.js';

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
  rollouts: Map<string, LoadedManifest<Rollout>>;
  children: Map<string, string[]>;
  distributionPoints: Map<string, Placed<DistributionPoint>>;
  devices: Map<string, Placed<Device>>;
  /**
   * The entries of `distributionPoints` and `devices` by group, groups in model order: a scope is
   * resolved from its groups instead of scanning every member per task (which was O(tasks × DPs)).
   */
  membersByGroup: Map<string, GroupMembers>;
}

export interface GroupMembers {
  order: number;
  distributionPoints: Placed<DistributionPoint>[];
  devices: Placed<Device>[];
}

function firstByName<M extends LoadedManifest>(list: M[]): Map<string, M> {
  const map = new Map<string, M>();
  for (const m of list) if (!map.has(m.manifest.metadata.name)) map.set(m.manifest.metadata.name, m);
  return map;
}

export function ofKind<K extends 'Group' | 'UpdateSource' | 'Task' | 'Rollout'>(
  manifests: LoadedManifest[],
  kind: K,
): LoadedManifest<Extract<Group | UpdateSource | Task | Rollout, { kind: K }>>[] {
  return manifests.filter((m) => m.manifest.kind === kind) as LoadedManifest<Extract<Group | UpdateSource | Task | Rollout, { kind: K }>>[];
}

export function buildModel(manifests: LoadedManifest[]): ConfigModel {
  const groups = firstByName(ofKind(manifests, 'Group'));
  const children = new Map<string, string[]>();
  const distributionPoints = new Map<string, Placed<DistributionPoint>>();
  const devices = new Map<string, Placed<Device>>();
  const membersByGroup = new Map<string, GroupMembers>();
  for (const [name, owner] of groups) {
    const { parent, distributionPoints: dps = [], devices: devs = [] } = owner.manifest.spec;
    if (parent !== undefined) {
      const siblings = children.get(parent);
      if (siblings) siblings.push(name);
      else children.set(parent, [name]);
    }
    const members: GroupMembers = { order: membersByGroup.size, distributionPoints: [], devices: [] };
    membersByGroup.set(name, members);
    // First definition wins, as for names of every kind; the duplicate is the members rule's error.
    dps.forEach((item, index) => {
      if (distributionPoints.has(item.name)) return;
      const placed = { item, group: name, index, owner };
      distributionPoints.set(item.name, placed);
      members.distributionPoints.push(placed);
    });
    devs.forEach((item, index) => {
      if (devices.has(item.name)) return;
      const placed = { item, group: name, index, owner };
      devices.set(item.name, placed);
      members.devices.push(placed);
    });
  }
  return { groups, sources: firstByName(ofKind(manifests, 'UpdateSource')), tasks: firstByName(ofKind(manifests, 'Task')), rollouts: firstByName(ofKind(manifests, 'Rollout')), children, distributionPoints, devices, membersByGroup };
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

/** Members of the scope's groups, in model order (the order a scan of all members would give). */
function groupScopeMembers(model: ConfigModel, group: string, includeSubgroups: boolean): GroupMembers[] {
  return groupsInScope(model, group, includeSubgroups)
    .flatMap((g) => model.membersByGroup.get(g) ?? [])
    .sort((a, b) => a.order - b.order);
}

/** DPs a task's scope names or contains, before the `updateTask` rule is applied. */
export function scopeDistributionPoints(model: ConfigModel, scope: TaskScope): Placed<DistributionPoint>[] {
  if ('devices' in scope) return scope.devices.flatMap((n) => model.distributionPoints.get(n) ?? []);
  // DPs carry no labels: a selector chooses devices only (validation refuses it on download tasks).
  if (!('group' in scope) || scope.selector) return [];
  return groupScopeMembers(model, scope.group, scope.includeSubgroups ?? true).flatMap((m) => m.distributionPoints);
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
  const members = 'group' in scope ? groupScopeMembers(model, scope.group, scope.includeSubgroups ?? true) : [...model.membersByGroup.values()];
  const devices = members.flatMap((m) => m.devices);
  const { selector } = scope;
  return selector ? devices.filter((d) => matchesSelector(d.item.labels, selector)) : devices;
}

/** Kubernetes' `matchLabels`: every key present with exactly that value. */
export function matchesSelector(labels: Readonly<Record<string, string | undefined>> | undefined, selector: LabelSelector): boolean {
  return Object.entries(selector.matchLabels).every(([key, value]) => labels?.[key] === value);
}
