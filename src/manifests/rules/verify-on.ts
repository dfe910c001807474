/**
 * What the schema cannot say about a download task's `verifyOn` (docs/architecture.md "Verify on
 * test devices"): it names an Update task (whose devices are the test devices), and no DP is
 * downloaded to by two verifying tasks (its devices would have two verified releases). A test
 * task with no devices verifies nothing, so releases wait: a warning.
 */
import type { Problem } from '../../errors.js';
import { downloadTaskDistributionPoints, ofKind, scopeDevices } from '../model.js';
import type { Rule } from './types.js';

export const verifyOnReferences: Rule = {
  name: 'verify-on-references',
  check({ manifests, model, unchecked }) {
    const problems: Problem[] = [];
    const byDp = new Map<string, string>();
    for (const task of ofKind(manifests, 'Task')) {
      const { spec, metadata } = task.manifest;
      if (spec.type !== 'DownloadUpdatesToDistributionPoints' || !spec.verifyOn) continue;
      const at = task.locator.locate('/spec/verifyOn/task');
      const test = model.tasks.get(spec.verifyOn.task)?.manifest.spec;
      if (!test) {
        if (!unchecked?.tasks.has(spec.verifyOn.task)) problems.push({ code: 'UNKNOWN_TASK', message: `task "${spec.verifyOn.task}" that this task verifies updates on is not defined`, location: at });
      } else if (test.type !== 'Update') {
        problems.push({ code: 'VERIFY_ON', message: `task "${spec.verifyOn.task}" is a ${test.type} task: the test devices are an Update task's devices`, location: at });
      }
      for (const dp of downloadTaskDistributionPoints(model, metadata.name, spec.scope)) {
        const other = byDp.get(dp.item.name);
        if (other !== undefined) problems.push({ code: 'VERIFY_ON', message: `DP "${dp.item.name}" already has its updates verified by task "${other}": one verifying task per DP`, location: task.locator.locate('/spec/verifyOn') });
        else byDp.set(dp.item.name, metadata.name);
      }
    }
    return problems;
  },
};

export const verifyOnDevices: Rule = {
  name: 'verify-on-devices',
  check({ manifests, model }) {
    const problems: Problem[] = [];
    for (const task of ofKind(manifests, 'Task')) {
      const { spec } = task.manifest;
      if (spec.type !== 'DownloadUpdatesToDistributionPoints' || !spec.verifyOn) continue;
      const test = model.tasks.get(spec.verifyOn.task)?.manifest.spec;
      if (test?.type === 'Update' && scopeDevices(model, test.scope).length === 0) {
        problems.push({ code: 'VERIFY_ON_NO_DEVICES', message: `task "${spec.verifyOn.task}" has no devices: no release can be verified, so the other devices get none`, location: task.locator.locate('/spec/verifyOn/task') });
      }
    }
    return problems;
  },
};
