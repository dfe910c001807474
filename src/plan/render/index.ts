/** Plan renderers (docs/design.md 2, "Outputs"): text for people, Markdown for PR comments, JSON for machines. */
import type { Plan } from '../types.js';
import { renderPlanJson } from './json.js';
import { renderPlanMarkdown } from './markdown.js';
import { renderPlanText, type TextOptions } from './text.js';

export { renderPlanJson } from './json.js';
export { renderPlanMarkdown } from './markdown.js';
export { renderPlanText, type TextOptions } from './text.js';
export { SENSITIVE } from './redact.js';

export const PLAN_FORMATS = ['text', 'markdown', 'json'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

/** Every format ends with one newline; `color` only affects text. */
export function renderPlan(plan: Plan, format: PlanFormat, options: TextOptions = { color: false }): string {
  if (format === 'markdown') return renderPlanMarkdown(plan);
  if (format === 'json') return renderPlanJson(plan);
  return renderPlanText(plan, options);
}
