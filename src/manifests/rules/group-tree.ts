import type { Problem } from '../../errors.js';
import type { Rule } from './types.js';

/** Parents exist and the group tree has no cycles (DESIGN.md 1: each group has at most one parent). */
export const groupTree: Rule = {
  name: 'group-tree',
  check({ model, unchecked }) {
    const problems: Problem[] = [];
    for (const [name, group] of model.groups) {
      const parent = group.manifest.spec.parent;
      if (parent !== undefined && !model.groups.has(parent) && !unchecked?.groups.has(parent)) {
        problems.push({ code: 'UNKNOWN_PARENT', message: `parent group "${parent}" of group "${name}" is not defined`, location: group.locator.locate('/spec/parent') });
      }
    }
    const reported = new Set<string>();
    for (const [name] of model.groups) {
      const path = [name];
      let current = model.groups.get(name)?.manifest.spec.parent;
      while (current !== undefined && model.groups.has(current) && !path.includes(current)) {
        path.push(current);
        current = model.groups.get(current)?.manifest.spec.parent;
      }
      if (current === undefined || !path.includes(current)) continue;
      const cycle = path.slice(path.indexOf(current));
      const key = [...cycle].sort().join('\u0000');
      if (reported.has(key) || cycle[0] !== name) continue;
      reported.add(key);
      problems.push({
        code: 'GROUP_CYCLE',
        message: `group parents form a cycle: ${[...cycle, cycle[0]].join(' → ')}`,
        location: model.groups.get(name)!.locator.locate('/spec/parent'),
      });
    }
    return problems;
  },
};
