import type { Problem } from '../../errors.js';
import { scopeDistributionPoints } from '../model.js';
import type { Rule } from './types.js';

/**
 * A DP's explicit `updateTask` must name a DownloadUpdatesToDistributionPoints task whose scope
 * contains that DP (docs/design.md 2); otherwise the DP would silently get no updates at all.
 */
export const dpUpdateTask: Rule = {
  name: 'dp-update-task',
  check({ model, unchecked }) {
    const problems: Problem[] = [];
    for (const [name, dp] of model.distributionPoints) {
      const taskName = dp.item.updateTask;
      if (taskName === undefined) continue;
      const location = dp.owner.locator.locate(`/spec/distributionPoints/${dp.index}/updateTask`);
      const task = model.tasks.get(taskName);
      if (!task) {
        if (unchecked?.tasks.has(taskName)) continue;
        problems.push({ code: 'UNKNOWN_TASK', message: `updateTask "${taskName}" of distribution point "${name}" is not defined`, location });
        continue;
      }
      if (task.manifest.spec.type !== 'DownloadUpdatesToDistributionPoints') {
        problems.push({ code: 'UPDATE_TASK_SCOPE', message: `updateTask "${taskName}" of distribution point "${name}" is an ${task.manifest.spec.type} task; it must be a DownloadUpdatesToDistributionPoints task`, location });
        continue;
      }
      const covered = scopeDistributionPoints(model, task.manifest.spec.scope).some((p) => p.item.name === name);
      if (!covered) {
        problems.push({ code: 'UPDATE_TASK_SCOPE', message: `updateTask "${taskName}" does not cover distribution point "${name}" (group "${dp.group}"); add the DP or its group to that task's scope`, location });
      }
    }
    return problems;
  },
};
