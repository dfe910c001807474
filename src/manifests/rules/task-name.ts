import type { Problem } from '../../errors.js';
import { ofKind } from '../model.js';
import type { Rule } from './types.js';

export const TASK_NAME_MAX = 100;
export const TASK_NAME_FORBIDDEN = ['"', '*', '<', '>', '?', '\\', ':', '|'] as const;

/** Seed: "A task name cannot be more than 100 characters long and cannot include any special characters ("*<>?\:|)." */
export function taskNameProblem(name: string): string | undefined {
  const length = [...name].length;
  if (length > TASK_NAME_MAX) return `task name is ${length} characters long; the limit is ${TASK_NAME_MAX}`;
  const bad = TASK_NAME_FORBIDDEN.filter((c) => name.includes(c));
  if (bad.length > 0) return `task name contains ${bad.map((c) => `'${c}'`).join(' ')}; these characters are not allowed: " * < > ? \\ : |`;
  if (name.trim() !== name || name.trim() === '') return 'task name must not be blank or start or end with spaces';
  return undefined;
}

export const taskNames: Rule = {
  name: 'task-names',
  check({ manifests }) {
    const problems: Problem[] = [];
    for (const task of ofKind(manifests, 'Task')) {
      const message = taskNameProblem(task.manifest.metadata.name);
      if (message) problems.push({ code: 'TASK_NAME', message, location: task.locator.locate('/metadata/name') });
    }
    return problems;
  },
};
