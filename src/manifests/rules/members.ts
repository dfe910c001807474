import type { Problem } from '../../errors.js';
import { ofKind } from '../model.js';
import type { Rule } from './types.js';

/**
 * DP names are unique across all groups (docs/design.md 2), and so are device names; a name used for
 * both a DP and a device would make task scopes ambiguous.
 */
export const uniqueMembers: Rule = {
  name: 'unique-members',
  check({ manifests }) {
    const problems: Problem[] = [];
    const dps = new Map<string, string>();
    const devices = new Map<string, string>();
    for (const group of ofKind(manifests, 'Group')) {
      const groupName = group.manifest.metadata.name;
      (group.manifest.spec.distributionPoints ?? []).forEach((dp, i) => {
        const at = `/spec/distributionPoints/${i}/name`;
        const earlier = dps.get(dp.name);
        if (earlier !== undefined) {
          problems.push({ code: 'DUPLICATE_DP', message: `distribution point "${dp.name}" is already defined in group "${earlier}"`, location: group.locator.locate(at) });
        } else dps.set(dp.name, groupName);
      });
      (group.manifest.spec.devices ?? []).forEach((device, i) => {
        const at = `/spec/devices/${i}/name`;
        const earlier = devices.get(device.name);
        if (earlier !== undefined) {
          problems.push({ code: 'DUPLICATE_NAME', message: `device "${device.name}" is already defined in group "${earlier}"`, location: group.locator.locate(at) });
        } else devices.set(device.name, groupName);
      });
    }
    for (const group of ofKind(manifests, 'Group')) {
      (group.manifest.spec.devices ?? []).forEach((device, i) => {
        const dpGroup = dps.get(device.name);
        if (dpGroup !== undefined) {
          problems.push({ code: 'DUPLICATE_NAME', message: `"${device.name}" is both a device and a distribution point (in group "${dpGroup}"); names must be unique`, location: group.locator.locate(`/spec/devices/${i}/name`) });
        }
      });
    }
    return problems;
  },
};
