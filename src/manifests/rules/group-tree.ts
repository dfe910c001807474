import type { Problem } from '../../errors.js';
import { findCycles } from './cycles.js';
import type { Rule } from './types.js';

/** Parents exist and the group tree has no cycles (docs/design.md 1: each group has at most one parent). */
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
    for (const cycle of findCycles([...model.groups.keys()], (g) => model.groups.get(g)?.manifest.spec.parent)) {
      const name = cycle[0]!;
      problems.push({
        code: 'GROUP_CYCLE',
        message: `group parents form a cycle: ${[...cycle, cycle[0]].join(' → ')}`,
        location: model.groups.get(name)!.locator.locate('/spec/parent'),
      });
    }
    return problems;
  },
};
