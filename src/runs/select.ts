/**
 * The operator's choice of targets for a manual start (`updops run TASK --devices a,b` or
 * `--retry-failed RUN`; `POST /api/tasks/:name/run` with `{targets}` or `{retryFailed}`): names
 * checked against the task's targets in the applied configuration, one USAGE error naming every
 * unknown one.
 */
import { UpdopsError } from '../errors.js';
import type { RecordedConfig, StateStore } from '../state/index.js';
import { taskTargets } from './targets.js';

export interface TargetSelection {
  /** Only these DPs/devices of the task. */
  devices?: readonly string[];
  /** Only the targets that failed in this earlier run of the task. */
  retryFailed?: string;
}

function list(names: readonly string[]): string {
  return names.length > 8 ? `${names.slice(0, 8).join(', ')} and ${names.length - 8} more` : names.join(', ');
}

/** The target names to run on, or undefined for the whole scope (nothing chosen). */
export async function selectTargets(config: RecordedConfig, task: string, selection: TargetSelection, store: StateStore): Promise<string[] | undefined> {
  const recorded = config.tasks.get(task);
  if (!recorded) throw new UpdopsError('NOT_FOUND', `task "${task}" is not in the applied configuration`);
  if (selection.devices !== undefined && selection.retryFailed !== undefined) throw new UpdopsError('USAGE', 'choose the targets by --devices or by --retry-failed, not both');
  const inScope = taskTargets(config.model, task, recorded.spec).map((t) => t.name);
  if (selection.devices !== undefined) {
    const wanted = [...new Set(selection.devices)];
    if (wanted.length === 0) throw new UpdopsError('USAGE', '--devices needs at least one name');
    const unknown = wanted.filter((name) => !inScope.includes(name));
    if (unknown.length > 0) throw new UpdopsError('USAGE', `not targets of "${task}": ${list(unknown)} (its targets: ${list(inScope) || 'none'})`);
    return wanted;
  }
  if (selection.retryFailed !== undefined) {
    const run = await store.getRun(selection.retryFailed);
    if (!run) throw new UpdopsError('NOT_FOUND', `no run with id ${selection.retryFailed}`);
    if (run.task !== task) throw new UpdopsError('USAGE', `run ${run.id} is a run of "${run.task}", not of "${task}"`);
    const failed = (await store.listDeviceResults(run.id)).filter((r) => r.status === 'failed').map((r) => r.device);
    if (failed.length === 0) throw new UpdopsError('USAGE', `run ${run.id} of "${task}" has no failed targets to retry`);
    const still = failed.filter((name) => inScope.includes(name));
    if (still.length === 0) throw new UpdopsError('USAGE', `the targets that failed in run ${run.id} (${list(failed)}) are no longer in the scope of "${task}"`);
    return still;
  }
  return undefined;
}
