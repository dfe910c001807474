import type { Problem } from '../../errors.js';
import { ofKind } from '../model.js';
import { resolveSourceRef } from '../source-refs.js';
import { defaultSources } from '../defaults.js';
import { findCycles } from './cycles.js';
import type { Rule } from './types.js';

/** A task's scope, sources and chained task must exist (docs/design.md 2, cross-references). */
export const taskReferences: Rule = {
  name: 'task-references',
  check({ manifests, model, unchecked }) {
    const problems: Problem[] = [];
    for (const task of ofKind(manifests, 'Task')) {
      const { spec } = task.manifest;
      const { scope } = spec;
      if ('group' in scope && !model.groups.has(scope.group) && !unchecked?.groups.has(scope.group)) {
        problems.push({ code: 'UNKNOWN_GROUP', message: `scope group "${scope.group}" is not defined`, location: task.locator.locate('/spec/scope/group') });
      }
      if ('devices' in scope) {
        scope.devices.forEach((name, i) => {
          if (!model.devices.has(name) && !model.distributionPoints.has(name) && !unchecked?.members.has(name)) {
            problems.push({ code: 'UNKNOWN_DEVICE', message: `"${name}" is neither a device nor a distribution point of any group`, location: task.locator.locate(`/spec/scope/devices/${i}`) });
          }
        });
      }
      if (spec.type === 'DownloadUpdatesToDistributionPoints' && 'selector' in scope && scope.selector) {
        problems.push({ code: 'SCOPE_SELECTOR', message: 'a label selector chooses devices, and distribution points carry no labels: scope a download task by group or by DP names', location: task.locator.locate('/spec/scope/selector') });
      }
      const explicit = spec.settings?.sources;
      (explicit ?? defaultSources(spec.type)).forEach((ref, i) => {
        const resolved = resolveSourceRef(model, ref, spec.type);
        if (resolved.kind !== 'missing' || unchecked?.sources.has(ref)) return;
        const at = explicit ? `/spec/settings/sources/${i}` : '/spec/type';
        const message = explicit ? resolved.reason : `the default source "${ref}" cannot be used: ${resolved.reason}; list sources in settings.sources`;
        problems.push({ code: 'UNKNOWN_SOURCE', message, location: task.locator.locate(at) });
      });
      const schedule = spec.schedule;
      if (schedule?.kind === 'onTaskCompletion' && !model.tasks.has(schedule.task) && !unchecked?.tasks.has(schedule.task)) {
        problems.push({ code: 'UNKNOWN_TASK', message: `task "${schedule.task}" that this task follows is not defined`, location: task.locator.locate('/spec/schedule/task') });
      }
    }
    return problems;
  },
};

/** Tasks chained with onTaskCompletion must not loop (a → b → a would run forever). */
export const taskChains: Rule = {
  name: 'task-chains',
  check({ model }) {
    const problems: Problem[] = [];
    const next = (name: string): string | undefined => {
      const schedule = model.tasks.get(name)?.manifest.spec.schedule;
      return schedule?.kind === 'onTaskCompletion' ? schedule.task : undefined;
    };
    for (const cycle of findCycles([...model.tasks.keys()], next)) {
      const task = model.tasks.get(cycle[0]!)!;
      problems.push({ code: 'TASK_CHAIN_CYCLE', message: `tasks chained on completion form a loop: ${[...cycle, cycle[0]].join(' → ')}`, location: task.locator.locate('/spec/schedule/task') });
    }
    return problems;
  },
};
