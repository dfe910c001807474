/**
 * Which sources a device's Update task uses, in order (docs/design.md 1 "Type Update": "vendor, the
 * device's DP / administration server, or custom sources, in order, with fallback"; docs/design.md 1 "Type DownloadUpdatesToDistributionPoints":
 * downloaded updates are used by the DPs of a group that have no download task explicitly set
 * for themselves, and by the devices those DPs serve). Pure over the config model (secrets are
 * resolved by `sourceSpecOf` from the given environment).
 */
import { DISTRIBUTION_POINT_SOURCE, ancestorsOf, resolveSourceRef } from '../manifests/index.js';
import type { ConfigModel, DistributionPoint, Placed } from '../manifests/index.js';
import { sourceSpecOf } from './resolve.js';
import type { ResolvedSource } from './resolve.js';

/** The device's DPs, nearest first: its own group's DPs without an own `updateTask`, then its parent's, and so on up. */
export function deviceDistributionPoints(model: ConfigModel, deviceName: string): Placed<DistributionPoint>[] {
  const device = model.devices.get(deviceName);
  if (!device) return [];
  return [device.group, ...ancestorsOf(model, device.group)].flatMap((group) =>
    (model.membersByGroup.get(group)?.distributionPoints ?? []).filter((dp) => dp.item.updateTask === undefined),
  );
}

export interface DeviceSources {
  sources: ResolvedSource[];
  /** Entries that gave no source (unknown names, no DP with an address); the run goes on with the rest. */
  problems: string[];
}

/** `settings.sources` → the device's ordered source list; `distributionPoint` expands in place to its DPs' addresses. */
export function resolveDeviceSources(model: ConfigModel, deviceName: string, refs: readonly string[], configDir: string, env?: NodeJS.ProcessEnv): DeviceSources {
  const sources: ResolvedSource[] = [];
  const problems: string[] = [];
  for (const ref of refs) {
    const resolved = resolveSourceRef(model, ref, 'Update');
    if (resolved.kind === 'source') sources.push(sourceSpecOf(resolved.source.manifest.metadata.name, resolved.source.manifest, configDir, env));
    else if (resolved.kind === 'missing') problems.push(resolved.reason);
    else sources.push(...dpSources(model, deviceName, problems));
  }
  return { sources, problems };
}

function dpSources(model: ConfigModel, deviceName: string, problems: string[]): ResolvedSource[] {
  const dps = deviceDistributionPoints(model, deviceName);
  const served = dps.filter((dp) => dp.item.address !== undefined);
  if (served.length === 0) {
    problems.push(
      dps.length === 0
        ? `device ${deviceName} has no ${DISTRIBUTION_POINT_SOURCE}: no DP without its own updateTask in its group or above`
        : `no ${DISTRIBUTION_POINT_SOURCE} of device ${deviceName} has an address (${dps.map((d) => d.item.name).join(', ')})`,
    );
  }
  return served.map((dp) => ({ name: `${DISTRIBUTION_POINT_SOURCE}:${dp.item.name}`, spec: { url: dp.item.address ?? '', name: dp.item.name } }));
}
