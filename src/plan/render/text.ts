/**
 * The plan for people (docs/design.md 2, "Outputs"): Terraform-style `+` / `~` / `-` lines, colour
 * only when asked (the CLI asks on a TTY without NO_COLOR). Plain ANSI codes, no dependency.
 */
import { formatOffset } from '../../schedule/index.js';
import type { DerivedAction, ObjectChange, Plan, PlanWarning, TaskSchedule } from '../types.js';
import { fieldLines, type FieldLine, type Sign } from './field-lines.js';
import { rolloutLines } from './rollout-lines.js';
import { headerLine, orphansNote, summaryLine } from './summary.js';

export interface TextOptions {
  color: boolean;
}

const CODES = { green: 32, yellow: 33, red: 31, cyan: 36, bold: 1, dim: 2 } as const;
type Style = keyof typeof CODES;
type Paint = (style: Style, text: string) => string;

const painter = (color: boolean): Paint => (color ? (style, text) => `\u001b[${CODES[style]}m${text}\u001b[0m` : (_style, text) => text);

const SIGN_STYLE: Record<Sign, Style> = { '+': 'green', '~': 'yellow', '-': 'red' };
const ACTION_SIGN = { create: '+', update: '~', delete: '-' } as const;
const SCHEDULE_SIGN = { added: '+', changed: '~', removed: '-' } as const;

function fieldText(line: FieldLine, paint: Paint): string[] {
  const sign = paint(SIGN_STYLE[line.sign], line.sign);
  const value = line.sign === '~' ? (line.block ? '' : ` ${line.before} → ${line.after}`) : line.block ? '' : ` ${line.sign === '+' ? line.after : line.before}`;
  const head = `      ${sign} ${line.path}:${value}`;
  const block = (line.block ?? []).map((l) => `          ${l.startsWith('+') ? paint('green', l) : l.startsWith('-') ? paint('red', l) : l.startsWith('@@') ? paint('cyan', l) : l}`);
  return [head, ...block];
}

function changeText(change: ObjectChange, paint: Paint): string[] {
  const sign = ACTION_SIGN[change.action];
  const head = `  ${paint(SIGN_STYLE[sign], sign)} ${paint('bold', change.kind)} "${change.name}"`;
  return [head, ...change.diff.flatMap(fieldLines).flatMap((line) => fieldText(line, paint))];
}

function actionText(action: DerivedAction, paint: Paint): string[] {
  if (action.action === 'sync') return [`  ${paint('cyan', '↻')} sync ${action.dp} (${action.task}): ${action.detail}`];
  if (action.action === 'manualStart') {
    const head = `  ${paint('yellow', '○')} "${action.task}" is manual and does not run on apply; start it with: ${action.command}`;
    return [head, ...action.dps.map((d) => paint('dim', `      ${d.dp}: ${d.detail}`))];
  }
  const sign = SCHEDULE_SIGN[action.change];
  const head = `  ${paint(SIGN_STYLE[sign], sign)} schedule "${action.task}" ${action.change}: ${action.description}`;
  return action.nextStarts.length > 0 ? [head, paint('dim', `      next starts: ${action.nextStarts.join(', ')}`)] : [head];
}

function warningText(warning: PlanWarning, paint: Paint): string[] {
  const head = `  ${paint('yellow', `! ${warning.code}`)} ${warning.message}${warning.at ? ` (${warning.at})` : ''}`;
  return warning.fix ? [head, `      fix: ${warning.fix}`] : [head];
}

/** `plan --devices`: each target's offset inside the window and its next delayed start. */
function delayText(schedule: TaskSchedule, paint: Paint): string[] {
  const delay = schedule.randomDelay;
  if (!delay) return [];
  const width = Math.max(...delay.targets.map((t) => t.name.length), 0);
  const head = `  "${schedule.task}": window ${formatOffset(delay.windowSeconds)}, ${delay.targets.length} target${delay.targets.length === 1 ? '' : 's'}`;
  return [head, ...delay.targets.map((t) => paint('dim', `      ${t.name.padEnd(width)}  +${formatOffset(t.offsetSeconds).padEnd(10)}  next ${t.nextStart ?? '(none)'}`))];
}

function section(title: string, lines: string[], paint: Paint): string[] {
  return lines.length === 0 ? [] : ['', paint('bold', title), ...lines];
}

/** The whole plan as text, ending with one newline (the CLI writes it as is). */
export function renderPlanText(plan: Plan, options: TextOptions): string {
  const paint = painter(options.color);
  const orphans = orphansNote(plan);
  const lines = [
    paint('bold', headerLine(plan)),
    ...(plan.changes.length > 0 ? ['', ...plan.changes.flatMap((c) => changeText(c, paint))] : []),
    ...section('Actions on apply:', plan.actions.flatMap((a) => actionText(a, paint)), paint),
    ...section('Warnings:', plan.warnings.flatMap((w) => warningText(w, paint)), paint),
    ...section('Rollout:', rolloutLines(plan).map((l) => `  ${paint('cyan', l.subject)}: ${l.detail}`), paint),
    ...section('Randomized-delay offsets:', plan.schedules.flatMap((s) => delayText(s, paint)), paint),
    ...(orphans ? ['', orphans, ...plan.orphans.map((o) => `  ${o.kind} "${o.name}"`)] : []),
    '',
    paint('bold', summaryLine(plan)),
  ];
  return `${lines.join('\n')}\n`;
}
