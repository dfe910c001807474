import type { Problem } from '../../errors.js';
import { downloadTaskDistributionPoints, ofKind, scopeDevices } from '../model.js';
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

/** A label selector that matches no device selects nothing: most likely a typo in a key or value. */
export const emptySelectors: Rule = {
  name: 'empty-selectors',
  check({ manifests, model }) {
    const problems: Problem[] = [];
    for (const task of ofKind(manifests, 'Task')) {
      const { scope } = task.manifest.spec;
      if (!('selector' in scope) || !scope.selector || scopeDevices(model, scope).length > 0) continue;
      const wanted = Object.entries(scope.selector.matchLabels).map(([k, v]) => `${k}=${v ?? ''}`).join(', ');
      problems.push({ code: 'EMPTY_SELECTOR', message: `no device${'group' in scope ? ` of group "${scope.group}"` : ''} has the labels ${wanted}; the task runs on nothing`, location: task.locator.locate('/spec/scope/selector') });
    }
    return problems;
  },
};
