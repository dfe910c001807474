import type { Problem } from '../../errors.js';
import { downloadTaskDistributionPoints, ofKind } from '../model.js';
import type { Rule } from './types.js';

/**
 * Seed: the download task "works only on distribution point devices running Windows"; a Linux or
 * macOS DP in scope makes the whole task Failed. updops keeps that outcome but says so up front.
 */
export const nonWindowsDistributionPoints: Rule = {
  name: 'non-windows-dps',
  check({ manifests, model }) {
    const problems: Problem[] = [];
    for (const task of ofKind(manifests, 'Task')) {
      const { spec } = task.manifest;
      if (spec.type !== 'DownloadUpdatesToDistributionPoints') continue;
      const others = downloadTaskDistributionPoints(model, task.manifest.metadata.name, spec.scope).filter((dp) => dp.item.os !== 'windows');
      if (others.length === 0) continue;
      const list = others.map((dp) => `${dp.item.name} (${dp.item.os})`).join(', ');
      problems.push({
        code: 'NON_WINDOWS_DP',
        message: `only Windows distribution points can run this task; ${list} will fail and the task will end Failed`,
        location: task.locator.locate('/spec/scope'),
      });
    }
    return problems;
  },
};

/** A DP that no download task serves never gets updates; usually an oversight. */
export const distributionPointsWithoutTask: Rule = {
  name: 'dps-without-task',
  check({ manifests, model }) {
    const served = new Set<string>();
    for (const task of ofKind(manifests, 'Task')) {
      if (task.manifest.spec.type !== 'DownloadUpdatesToDistributionPoints') continue;
      for (const dp of downloadTaskDistributionPoints(model, task.manifest.metadata.name, task.manifest.spec.scope)) served.add(dp.item.name);
    }
    return [...model.distributionPoints.values()]
      .filter((dp) => !served.has(dp.item.name))
      .map((dp) => ({
        code: 'DP_WITHOUT_TASK' as const,
        message: `distribution point "${dp.item.name}" is served by no DownloadUpdatesToDistributionPoints task; its repository will not be updated`,
        location: dp.owner.locator.locate(`/spec/distributionPoints/${dp.index}/name`),
      }));
  },
};
