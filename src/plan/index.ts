/** The planner's public entry (docs/design.md 2; docs/style.md 3): make a plan, render it. A plain re-export list. */
export type * from './types.js';
export { PLAN_FORMAT_VERSION } from './types.js';
export type { RepositoryStatus, SourceProbe } from './observation.js';
export { makePlan, planHasChanges, type PlanInput } from './make-plan.js';
export { desiredObjects, compareKeys } from './desired.js';
export { fieldDiff } from './field-diff.js';
export { NEXT_STARTS_SHOWN } from './schedules.js';
export { observeRepositories, type ObserveOptions } from './observe.js';
export { renderPlan, renderPlanText, renderPlanMarkdown, renderPlanJson, PLAN_FORMATS, SENSITIVE, type PlanFormat, type TextOptions } from './render/index.js';
export { applyNoChanges } from './apply.js';
export { applyPlan } from './apply.js';
export type { ApplyResult } from './apply.js';
export { preparePlan } from './prepare.js';
export type { SavedPlan } from './types.js';
export { defaultTimeZone } from './prepare.js';
export { InvalidConfigError } from './prepare.js';
export type { Plan } from './types.js';
