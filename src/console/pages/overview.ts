/** `/`: the fleet at a glance — is the controller healthy, how fresh are the devices, how are DPs and runs doing. */
import type { ReconcileStatus } from '../../state/index.js';
import { DP_STATES, DP_TONES, FRESHNESS_BUCKETS, FRESHNESS_LABELS, FRESHNESS_TONES, type OverviewData } from '../data.js';
import { badge, count, ROLLOUT_TONES, runBadge, runTone, time, timeAgo } from '../format.js';
import { html, path, withQuery, type SafeHtml } from '../html.js';
import { layout, table, type PageContext } from '../layout.js';
import { eventRows, EVENT_HEADERS } from './events.js';

function condition(status: ReconcileStatus | null, now: Date): SafeHtml {
  if (!status) return html`<section class="condition neutral" aria-labelledby="reconcile-h"><h2 id="reconcile-h">Reconcile</h2><p>No controller has reconciled this state yet.</p></section>`;
  const ready = status.condition === 'Ready';
  const retry = status.nextRetryAt ? html`<p>Next retry ${timeAgo(status.nextRetryAt, now)} (attempt ${status.failures + 1}).</p>` : !ready && status.reason === 'ValidationFailed' ? html`<p>Waits for a new commit.</p>` : '';
  const lastReady = status.lastReadyCommit ? html`<p>Last ready: <code>${status.lastReadyCommit.slice(0, 12)}</code> ${status.lastReadyAt ? timeAgo(status.lastReadyAt, now) : ''}</p>` : '';
  return html`<section class="condition ${ready ? 'ok' : 'bad'}" aria-labelledby="reconcile-h">
<h2 id="reconcile-h">Reconcile: ${ready ? 'Ready' : 'Failed'}</h2>
<p><strong>${status.reason}</strong>${status.commit ? html` for commit <code>${status.commit.slice(0, 12)}</code>` : ''}, last attempt ${timeAgo(status.lastAttemptAt, now)}${ready ? '' : html`, ${count(status.failures, 'failure')} in a row`}.</p>
${ready ? '' : html`<p class="error-text" id="reconcile-error">${status.message}</p>`}${retry}${lastReady}</section>`;
}

function card(n: number, label: string, tone: string, href: string): SafeHtml {
  return html`<li class="${tone}"><a href="${href}"><span class="n">${n.toLocaleString('en-US')}</span>${label}</a></li>`;
}

/** Only when rollouts are applied: each one's state, a halted one first and with its reason. */
function rolloutsSection(data: OverviewData, now: Date): SafeHtml {
  if (data.rollouts.length === 0) return html``;
  const rows = data.rollouts.map(
    (r) => html`<tr><th scope="row"><a href="${`/rollouts#rollout-${r.name}`}">${r.name}</a></th><td>${badge(r.status, ROLLOUT_TONES[r.status])}</td><td>${r.version}</td><td>${r.status === 'completed' ? 'all' : `wave ${r.wave + 1}`}</td><td>${r.halted ? html`${timeAgo(r.halted.at, now)}: ${r.halted.reason}` : ''}</td></tr>`,
  );
  return html`<section aria-labelledby="rollouts-h"><h2 id="rollouts-h">Rollouts</h2>${table(['Rollout', 'Status', 'Version', 'Admitted', 'Halted'], rows, '', 'Rollouts')}</section>`;
}

export function renderOverview(ctx: PageContext, data: OverviewData, refreshSeconds?: number): string {
  const { report } = data;
  const last = report.lastApplied;
  const applied = last
    ? html`<p>Last applied: ${last.commit ? html`commit <code>${last.commit.slice(0, 12)}</code>` : 'a directory'}${last.dirty ? ' (dirty)' : ''} ${timeAgo(last.appliedAt, ctx.now)}, serial ${last.serial}. <a href="/plan">See its plan</a>.</p>`
    : html`<p>Nothing applied yet.</p>`;
  const fresh = FRESHNESS_BUCKETS.map((b) => card(data.freshness[b], FRESHNESS_LABELS[b], FRESHNESS_TONES[b], withQuery('/devices', { freshness: b })));
  const dpCards = DP_STATES.map((s) => card(data.dpStates[s], s, DP_TONES[s], '/groups'));
  const attention = data.dps.filter((dp) => dp.state !== 'current');
  const dpRows = attention.map(
    (dp) => html`<tr><th scope="row">${dp.name}</th><td>${dp.group}</td><td>${dp.os}</td><td>${badge(dp.state, DP_TONES[dp.state])}</td><td>${dp.version ? `v${dp.version}` : '(empty)'}</td><td>${dp.last?.result.reason ?? (dp.drift.length ? dp.drift.slice(0, 3).join(', ') : '')}${dp.last ? html` <a href="${path('runs', dp.last.run.id)}">run</a>` : ''}</td></tr>`,
  );
  const statuses = Object.entries(data.runs.byStatus).sort((a, b) => b[1] - a[1]);
  const runCards = statuses.map(([s, n]) => card(n, s, runTone(s), withQuery('/runs', { status: s })));
  const failedRows = data.runs.failed.map((r) => html`<tr><td><a href="${path('runs', r.id)}">${r.task}</a></td><td>${runBadge(r.status)}</td><td>${time(r.startedAt)}</td><td>${r.reason ?? ''}</td></tr>`);
  const body = html`<h1>Overview</h1>
${condition(report.reconcile, ctx.now)}
${applied}
<section aria-labelledby="devices-h"><h2 id="devices-h">Devices by freshness <span class="muted">(${count(data.devices, 'device')})</span></h2>
<ul class="cards" aria-label="Devices by freshness">${fresh}</ul></section>
<section aria-labelledby="dps-h"><h2 id="dps-h">Distribution points by repository state <span class="muted">(${count(data.dps.length, 'DP')})</span></h2>
<ul class="cards" aria-label="Distribution points by state">${dpCards}</ul>
${attention.length ? table(['DP', 'Group', 'OS', 'State', 'Version', 'Why'], dpRows, '', 'Distribution points that need attention') : ''}</section>
<section aria-labelledby="runs-h"><h2 id="runs-h">Runs in the last 24 hours <span class="muted">(${data.runs.capped ? 'at least ' : ''}${count(data.runs.total, 'run')})</span></h2>
${runCards.length ? html`<ul class="cards" aria-label="Runs by status">${runCards}</ul>` : html`<p class="muted">No runs in the last 24 hours.</p>`}
${failedRows.length ? html`<h3>Failed runs</h3>${table(['Task', 'Status', 'Started', 'Reason'], failedRows, '')}` : ''}</section>
${rolloutsSection(data, ctx.now)}
<section aria-labelledby="events-h"><h2 id="events-h">Recent events</h2>
${table(EVENT_HEADERS, eventRows(data.events), 'No events.')}<p><a href="/events">All events</a></p></section>`;
  return layout(ctx, { title: 'Overview', nav: 'overview', ...(refreshSeconds ? { refreshSeconds } : {}) }, body);
}
