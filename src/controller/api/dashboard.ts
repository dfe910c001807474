/**
 * The old status dashboard (docs/design.md 4), now at `GET /dashboard` (`/` is the web console,
 * src/console/): one self-contained HTML page — no scripts, no external
 * assets — showing groups, DPs with version and drift, tasks with last run and next start, and the
 * last events. It refreshes itself with a meta tag. Every value from config or state is escaped.
 */
import type { EventRecord } from '../../state/index.js';
import type { StatusReport } from '../../status/index.js';
import { describeCondition } from '../../status/index.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string | number | boolean | null | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Content-Security-Policy for the page: inline style only, nothing loaded, nothing run. */
export const DASHBOARD_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function table(headers: string[], rows: (string | number)[][], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${escapeHtml(empty)}</p>`;
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function groupsSection(report: StatusReport): string {
  const rows = report.groups.map((g) => [`${'\u00a0\u00a0'.repeat(g.depth)}${g.name}`, g.parent ?? '', g.distributionPoints, g.devices]);
  return `<h2>Groups</h2>${table(['Group', 'Parent', 'DPs', 'Devices'], rows, 'No groups applied yet.')}`;
}

function dpSection(report: StatusReport): string {
  const rows = report.distributionPoints.map((dp) => [
    dp.name,
    dp.group,
    dp.os,
    dp.version ? `v${dp.version}` : '(empty)',
    dp.ageHours === null ? '-' : `${dp.ageHours} h`,
    dp.drift.length ? `${dp.drift.length} files (${dp.drift.slice(0, 3).join(', ')})` : 'none',
  ]);
  return `<h2>Distribution points</h2>${table(['DP', 'Group', 'OS', 'Version', 'Age', 'Drift'], rows, 'No distribution points.')}`;
}

function tasksSection(report: StatusReport): string {
  const rows = report.tasks.map((t) => [
    t.name,
    t.type,
    t.schedule,
    t.lastRun ? `${t.lastRun.status} (${t.lastRun.trigger}, ${t.lastRun.startedAt})` : 'never',
    t.nextStarts[0] ?? '-',
  ]);
  return `<h2>Tasks</h2>${table(['Task', 'Type', 'Schedule', 'Last run', 'Next start'], rows, 'No tasks applied yet.')}`;
}

function eventsSection(events: EventRecord[]): string {
  const rows = events.map((e) => [e.time, e.type, e.subject ?? '', e.message]);
  return `<h2>Last events</h2>${table(['Time', 'Type', 'Subject', 'Message'], rows, 'No events.')}`;
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse;margin-bottom:1rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}.empty{color:#777}
.ready{color:#1a7f37}.failed{color:#cf222e}`;

function conditionLine(report: StatusReport): string {
  if (!report.reconcile) return '';
  const [head, ...rest] = describeCondition(report.reconcile);
  return `<strong class="${report.reconcile.condition === 'Ready' ? 'ready' : 'failed'}">${escapeHtml(head ?? '')}</strong>${rest.map((l) => `<br>${escapeHtml(l)}`).join('')}<br>`;
}

export function renderDashboard(report: StatusReport, events: EventRecord[], options: { refreshSeconds?: number; now?: Date } = {}): string {
  const refresh = Math.max(1, Math.round(options.refreshSeconds ?? 15));
  const last = report.lastApplied;
  const applied = last ? `Last applied: ${last.commit ? last.commit.slice(0, 12) : 'a directory'}${last.dirty ? ' (dirty)' : ''} at ${last.appliedAt}, serial ${last.serial}` : 'Nothing applied yet.';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="${refresh}">
<title>updops</title><style>${STYLE}</style></head><body>
<h1>updops</h1><p>${escapeHtml(applied)}<br>${conditionLine(report)}<small>Page generated ${escapeHtml((options.now ?? new Date()).toISOString())}</small></p>
${groupsSection(report)}
${dpSection(report)}
${tasksSection(report)}
${eventsSection(events)}
</body></html>
`;
}
