/** `/tasks`, `/runs` and `/runs/:id`: schedules in words, run history, one run's per-target results and its actions. */
import type { RunRecord } from '../../state/index.js';
import type { RunData, TaskView } from '../data.js';
import { bytes, count, duration, runBadge, span, time, timeAgo } from '../format.js';
import { html, path, withQuery, type SafeHtml } from '../html.js';
import { actionForm, actionsNote, layout, table, type PageContext } from '../layout.js';

/** `Fri 03:00 Europe/Berlin`: a start in its schedule's own zone, beside the viewer's. */
function inZone(iso: string, zone: string): string {
  try {
    return `${new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso))} ${zone}`;
  } catch {
    return zone;
  }
}

function taskSection(ctx: PageContext, t: TaskView): SafeHtml {
  const id = `task-${t.name}`;
  const starts = t.nextStarts.map((s) => html`<li>${timeAgo(s, ctx.now)}${t.timeZone ? html` <span class="muted">— ${inZone(s, t.timeZone)}</span>` : ''}</li>`);
  return html`<section aria-labelledby="${id}"><h2 id="${id}">${t.name}</h2>
<dl class="facts"><dt>Type</dt><dd>${t.type}</dd>
<dt>Schedule</dt><dd>${t.schedule}${t.timeZone && !t.schedule.includes(t.timeZone) ? html` <span class="muted">(time zone ${t.timeZone})</span>` : ''}</dd>
<dt>Next starts</dt><dd>${starts.length ? html`<ul>${starts}</ul>` : 'none scheduled'}</dd>
<dt>Randomized delay</dt><dd>${t.randomDelay}${t.randomDelayMs ? html`: each target starts within ${span(t.randomDelayMs)} after the scheduled time` : ''}</dd>
<dt>Targets</dt><dd>${count(t.targets, 'target')}</dd>
<dt>Sources</dt><dd>${t.sources.join(', ')}</dd>
<dt>Last run</dt><dd>${t.lastRun ? html`${runBadge(t.lastRun.status)} <a href="${path('runs', t.lastRun.id)}">${t.lastRun.trigger}, ${timeAgo(t.lastRun.startedAt, ctx.now)}</a>` : 'never'}</dd></dl>
<div class="actions">${actionForm(ctx, path('tasks', t.name, 'run'), `Run "${t.name}" now`)} <a href="${withQuery('/runs', { task: t.name })}">Runs of ${t.name}</a></div></section>`;
}

export function renderTasks(ctx: PageContext, tasks: readonly TaskView[]): string {
  const body = html`<h1>Tasks</h1>${actionsNote(ctx)}${tasks.length ? tasks.map((t) => taskSection(ctx, t)) : html`<p class="muted">No tasks applied yet.</p>`}`;
  return layout(ctx, { title: 'Tasks', nav: 'tasks' }, body);
}

export interface RunsFilter {
  task?: string;
  status?: string;
}

export function renderRuns(ctx: PageContext, runs: readonly RunRecord[], filter: RunsFilter, tasks: readonly string[], statuses: readonly string[]): string {
  const rows = runs.map(
    (r) => html`<tr><th scope="row"><a href="${path('runs', r.id)}">${r.task}</a></th><td>${runBadge(r.status)}</td><td>${r.trigger}</td><td>${time(r.startedAt)}</td><td>${r.finishedAt ? duration(Date.parse(r.finishedAt) - Date.parse(r.startedAt)) : '—'}</td><td>${r.reason ?? ''}</td></tr>`,
  );
  const opt = (v: string, sel: string | undefined): SafeHtml => html`<option value="${v}"${v === (sel ?? '') ? html` selected` : ''}>${v || 'any'}</option>`;
  const body = html`<h1>Runs</h1>
<form class="filters" method="get" action="/runs" role="search" aria-label="Filter runs">
<label for="f-task">Task<select id="f-task" name="task">${['', ...tasks].map((t) => opt(t, filter.task))}</select></label>
<label for="f-status">Status<select id="f-status" name="status">${['', ...statuses].map((s) => opt(s, filter.status))}</select></label>
<button type="submit">Filter</button> <a href="/runs">Clear</a></form>
${table(['Task', 'Status', 'Trigger', 'Started', 'Duration', 'Reason'], rows, 'No runs match.', 'Runs')}`;
  return layout(ctx, { title: 'Runs', nav: 'runs' }, body);
}

function targetLink(data: RunData, name: string): SafeHtml {
  if (data.devices.has(name)) return html`<a href="${path('devices', name)}">${name}</a>`;
  const group = data.dpGroups.get(name);
  return group ? html`<a href="${`/groups#group-${group}`}">${name}</a>` : html`${name}`;
}

export function renderRun(ctx: PageContext, data: RunData, notice?: string): string {
  const { run, results } = data;
  const active = run.status === 'running' || run.status === 'pending';
  const failed = results.filter((r) => r.status === 'failed');
  const totals = results.reduce((a, r) => ({ files: a.files + r.files, bytes: a.bytes + r.bytes }), { files: 0, bytes: 0 });
  const rows = results.map(
    (r) =>
      html`<tr><th scope="row">${targetLink(data, r.device)}</th><td>${runBadge(r.status)}</td><td>${r.reason ?? ''}</td><td>${r.source ?? '—'}${r.fallbackReason ? html`<br><small>skipped ${r.fallbackReason}</small>` : ''}</td><td class="num">${r.files}</td><td class="num">${bytes(r.bytes)}</td><td class="num">${duration(r.durationMs)}</td></tr>`,
  );
  const actions = [
    data.task ? actionForm(ctx, path('tasks', run.task, 'run'), 'Run now') : '',
    active ? actionForm(ctx, path('runs', run.id, 'cancel'), 'Cancel run', {}, true) : '',
    failed.length && data.task ? actionForm(ctx, path('runs', run.id, 'retry'), `Retry ${count(failed.length, 'failed target')}`, {}, true) : '',
  ];
  const body = html`<h1>Run of ${run.task}</h1>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<dl class="facts"><dt>Status</dt><dd>${runBadge(run.status)}</dd>
${run.reason ? html`<dt>Reason</dt><dd id="run-reason">${run.reason}</dd>` : ''}
<dt>Trigger</dt><dd>${run.trigger}</dd>
<dt>Started</dt><dd>${timeAgo(run.startedAt, ctx.now)}</dd>
<dt>Finished</dt><dd>${run.finishedAt ? html`${time(run.finishedAt)} (${duration(Date.parse(run.finishedAt) - Date.parse(run.startedAt))})` : 'not yet'}</dd>
<dt>Task</dt><dd>${data.task ? html`<a href="${`/tasks#task-${run.task}`}">${run.task}</a>` : html`${run.task} <span class="muted">(no longer applied)</span>`}</dd>
${data.task ? html`<dt>Task's sources</dt><dd>${data.task.sources.join(', ')} (in order; later ones are fallbacks)</dd>` : ''}
<dt>Transferred</dt><dd>${count(totals.files, 'file')}, ${bytes(totals.bytes)}</dd>
<dt>Run id</dt><dd><code>${run.id}</code></dd></dl>
${actionsNote(ctx)}<div class="actions">${actions}</div>
<h2>Targets <span class="muted">(${results.length})</span></h2>
${table(['Target', 'Result', 'Reason', 'Served by', { label: 'Files', num: true }, { label: 'Bytes', num: true }, { label: 'Duration', num: true }], rows, 'No targets recorded.', 'Per-target results')}`;
  return layout(ctx, { title: `Run of ${run.task}`, nav: 'runs', ...(active ? { refreshSeconds: 3 } : {}) }, body);
}
