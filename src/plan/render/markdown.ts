/**
 * The plan as a pull-request comment (docs/design.md 2, "Outputs"; usage 3, dry-run plans on PRs):
 * the summary as heading, a table of object changes, the field diffs folded in `<details>`,
 * then actions and warnings. Valid GitHub Markdown whatever the names contain.
 */
import { formatOffset } from '../../schedule/index.js';
import type { DerivedAction, ObjectChange, Plan, PlanWarning, TaskSchedule } from '../types.js';
import { fieldLines, type FieldLine } from './field-lines.js';
import { code, fenced, html, inline } from './markdown-escape.js';
import { rolloutLines } from './rollout-lines.js';
import { headerLine, orphansNote, summaryLine } from './summary.js';

const ACTION_SIGN = { create: '+', update: '~', delete: '-' } as const;
const SCHEDULE_SIGN = { added: '+', changed: '~', removed: '-' } as const;

function fieldsCell(change: ObjectChange): string {
  if (change.action === 'create') return '(new)';
  if (change.action === 'delete') return '(removed)';
  return change.diff.map((c) => code(c.path)).join(', ');
}

function table(changes: ObjectChange[]): string[] {
  const rows = changes.map((c) => `| ${code(ACTION_SIGN[c.action])} | ${c.kind} | ${code(c.name)} | ${fieldsCell(c)} |`);
  return ['| | Kind | Name | Fields changed |', '| :-: | --- | --- | --- |', ...rows];
}

/** In a `diff` fence GitHub colours `+`/`-` lines, so an update shows as the old line then the new one. */
function diffLines(line: FieldLine): string[] {
  if (line.block) return [`${line.sign} ${line.path}:`, ...line.block];
  if (line.sign === '~') return [`- ${line.path}: ${line.before}`, `+ ${line.path}: ${line.after}`];
  return [`${line.sign} ${line.path}: ${line.sign === '+' ? line.after : line.before}`];
}

function details(change: ObjectChange): string[] {
  const summary = `<code>${ACTION_SIGN[change.action]}</code> ${html(change.kind)} ${html(`"${change.name}"`)}`;
  const body = fenced(change.diff.flatMap(fieldLines).flatMap(diffLines), 'diff');
  return [`<details><summary>${summary}</summary>`, '', ...body, '', '</details>', ''];
}

function actionItem(action: DerivedAction): string {
  if (action.action === 'sync') return `- ↻ sync ${code(action.dp)} (${inline(action.task)}): ${inline(action.detail)}`;
  if (action.action === 'manualStart') return `- ○ ${inline(`"${action.task}"`)} is manual and does not run on apply (${action.dps.map((d) => `${code(d.dp)}: ${inline(d.detail)}`).join('; ')}); start it with ${code(action.command)}`;
  const next = action.nextStarts.length > 0 ? ` — next starts: ${action.nextStarts.map(code).join(', ')}` : '';
  return `- ${code(SCHEDULE_SIGN[action.change])} schedule ${code(action.task)} ${action.change}: ${inline(action.description)}${next}`;
}

function warningItem(warning: PlanWarning): string {
  return `- ${code(`! ${warning.code}`)} ${inline(warning.message)}${warning.at ? ` (${code(warning.at)})` : ''}${warning.fix ? ` — **fix:** ${inline(warning.fix)}` : ''}`;
}

/** `plan --devices`: one table per task with a randomized delay. */
function delayTable(schedule: TaskSchedule): string[] {
  const delay = schedule.randomDelay;
  if (!delay) return [];
  const rows = delay.targets.map((t) => `| ${code(t.name)} | +${formatOffset(t.offsetSeconds)} | ${t.nextStart ? code(t.nextStart) : '—'} |`);
  return [`${code(schedule.task)}: window ${formatOffset(delay.windowSeconds)}`, '', '| Target | Offset | Next start |', '| --- | --- | --- |', ...rows, ''];
}

function section(title: string, items: string[]): string[] {
  return items.length === 0 ? [] : [`#### ${title}`, '', ...items, ''];
}

/** The whole plan as GitHub Markdown, ending with one newline. */
export function renderPlanMarkdown(plan: Plan): string {
  const orphans = orphansNote(plan);
  const lines = [
    `### ${inline(summaryLine(plan))}`,
    '',
    inline(headerLine(plan)),
    '',
    ...(plan.changes.length > 0 ? [...table(plan.changes), '', ...plan.changes.flatMap(details)] : []),
    ...section('Actions on apply', plan.actions.map(actionItem)),
    ...section('Warnings', plan.warnings.map(warningItem)),
    ...section('Rollout', rolloutLines(plan).map((l) => `- ${code(l.subject)}: ${inline(l.detail)}`)),
    ...section('Randomized-delay offsets', plan.schedules.flatMap(delayTable)),
    ...(orphans ? [`> ${inline(orphans)}:`, ...plan.orphans.map((o) => `> - ${o.kind} ${code(o.name)}`), ''] : []),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
