import { capsAndWindows } from './caps-windows.js';
import { dpUpdateTask } from './dp-update-task.js';
import { duplicateNames } from './duplicate-names.js';
import { groupTree } from './group-tree.js';
import { uniqueMembers } from './members.js';
import { proxyOnHttpOnly, upstreamOverHttp } from './proxy.js';
import { rolloutCoverage, rolloutReferences } from './rollouts.js';
import { schedules } from './schedules.js';
import { taskChains, taskReferences } from './task-references.js';
import { taskNames } from './task-name.js';
import type { Rule } from './types.js';
import { verifyOnDevices, verifyOnReferences } from './verify-on.js';
import { distributionPointsWithoutTask, emptySelectors, nonWindowsDistributionPoints } from './warnings.js';

export type { Rule, RuleContext } from './types.js';

/** Checks after the schema, in the order their errors read best (docs/design.md 2). */
export const ERROR_RULES: readonly Rule[] = [duplicateNames, taskNames, groupTree, uniqueMembers, taskReferences, taskChains, dpUpdateTask, schedules, capsAndWindows, rolloutReferences, verifyOnReferences, proxyOnHttpOnly, upstreamOverHttp];

/** Findings that do not make the config invalid but that a plan must show. */
export const WARNING_RULES: readonly Rule[] = [nonWindowsDistributionPoints, distributionPointsWithoutTask, emptySelectors, rolloutCoverage, verifyOnDevices];
