/**
 * What the schema cannot say about a Rollout (docs/architecture.md "Rollouts"): it rolls out an
 * Update task that pins the version its devices hold now (else "stay on the old version" would
 * mean "take the newest"), one rollout per task, each wave chooses its devices one way, names
 * devices of the task and groups that exist, and waits a real pending timeout.
 */
import type { Problem } from '../../errors.js';
import { parseCompoundDuration } from '../../util/index.js';
import { ofKind, scopeDevices } from '../model.js';
import { taskRollout } from '../rollout-waves.js';
import type { Rule } from './types.js';

const SELECTIONS = ['devices', 'groups', 'selector', 'percent'] as const;

export const rolloutReferences: Rule = {
  name: 'rollout-references',
  check({ manifests, model, unchecked }) {
    const problems: Problem[] = [];
    const byTask = new Map<string, string>();
    for (const rollout of ofKind(manifests, 'Rollout')) {
      const { spec } = rollout.manifest;
      const at = (pointer: string): Problem['location'] => rollout.locator.locate(pointer);
      const task = model.tasks.get(spec.task)?.manifest.spec;
      if (!task) {
        if (!unchecked?.tasks.has(spec.task)) problems.push({ code: 'UNKNOWN_TASK', message: `task "${spec.task}" that this rollout rolls out is not defined`, location: at('/spec/task') });
      } else if (task.type !== 'Update') {
        problems.push({ code: 'ROLLOUT', message: `task "${spec.task}" is a ${task.type} task: a rollout moves devices, so it names an Update task`, location: at('/spec/task') });
      } else if (task.version === undefined) {
        problems.push({ code: 'ROLLOUT', message: `task "${spec.task}" pins no version: set its spec.version to the version its devices hold now, so the devices outside the admitted waves stay on it`, location: at('/spec/task') });
      } else if (task.version === spec.version) {
        problems.push({ code: 'ROLLOUT', message: `task "${spec.task}" is already on ${spec.version}: roll out a version other than the task's own`, location: at('/spec/version') });
      }
      const other = byTask.get(spec.task);
      if (other !== undefined) problems.push({ code: 'ROLLOUT', message: `task "${spec.task}" is rolled out by Rollout "${other}" already: one rollout per task at a time`, location: at('/spec/task') });
      else byTask.set(spec.task, rollout.manifest.metadata.name);
      const inScope = new Set(task?.type === 'Update' ? scopeDevices(model, task.scope).map((d) => d.item.name) : []);
      const names = new Set<string>();
      spec.waves.forEach((wave, i) => {
        const chosen = SELECTIONS.filter((key) => wave[key] !== undefined);
        if (chosen.length !== 1) problems.push({ code: 'ROLLOUT', message: `wave "${wave.name}" ${chosen.length === 0 ? 'chooses no devices' : `chooses its devices ${chosen.length} ways (${chosen.join(', ')})`}: give exactly one of devices, groups, selector or percent`, location: at(`/spec/waves/${i}`) });
        if (names.has(wave.name)) problems.push({ code: 'DUPLICATE_NAME', message: `two waves are named "${wave.name}"`, location: at(`/spec/waves/${i}/name`) });
        names.add(wave.name);
        if (task?.type === 'Update') {
          wave.devices?.forEach((device, j) => {
            if (!inScope.has(device) && !unchecked?.members.has(device)) problems.push({ code: 'UNKNOWN_DEVICE', message: `"${device}" is not a device of task "${spec.task}"`, location: at(`/spec/waves/${i}/devices/${j}`) });
          });
        }
        wave.groups?.forEach((group, j) => {
          if (!model.groups.has(group) && !unchecked?.groups.has(group)) problems.push({ code: 'UNKNOWN_GROUP', message: `group "${group}" is not defined`, location: at(`/spec/waves/${i}/groups/${j}`) });
        });
        if (wave.pendingTimeout !== undefined && parseCompoundDuration(wave.pendingTimeout, { seconds: true }) === undefined) {
          problems.push({ code: 'ROLLOUT', message: `pending timeout "${wave.pendingTimeout}" is zero: give a duration such as 30s, 10m or 2h`, location: at(`/spec/waves/${i}/pendingTimeout`) });
        }
      });
    }
    return problems;
  },
};

/** Devices of the task that no wave takes stay on the task's version: said at plan time, since a reviewer may expect the rollout to reach them. */
export const rolloutCoverage: Rule = {
  name: 'rollout-coverage',
  check({ manifests, model }) {
    const problems: Problem[] = [];
    for (const rollout of ofKind(manifests, 'Rollout')) {
      const { spec } = rollout.manifest;
      const found = taskRollout(model, rollout.manifest.metadata.name, spec);
      if (!found) continue;
      const { task, uncovered } = found;
      if (uncovered > 0) {
        problems.push({ code: 'ROLLOUT_UNCOVERED', message: `${uncovered} device${uncovered === 1 ? '' : 's'} of task "${spec.task}" ${uncovered === 1 ? 'is' : 'are'} in no wave: ${uncovered === 1 ? 'it stays' : 'they stay'} on ${task.version ?? 'the task version'}; end the waves with {percent: 100} to reach every device`, location: rollout.locator.locate('/spec/waves') });
      }
    }
    return problems;
  },
};
