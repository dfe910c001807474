/** `/groups`, `/devices` and `/devices/:name`: the group tree, the filtered device list, one device. */
import { DP_TONES, FRESHNESS_BUCKETS, FRESHNESS_LABELS, FRESHNESS_TONES, LAST_SEEN_FILTERS, type DeviceData, type DeviceFilter, type DeviceRowView, type DevicesPage, type DpView, type GroupView } from '../data.js';
import { badge, bytes, count, duration, runBadge, time, timeAgo } from '../format.js';
import { html, path, trusted, withQuery, type SafeHtml } from '../html.js';
import { layout, table, type PageContext } from '../layout.js';
import { eventRows, EVENT_HEADERS } from './events.js';

export const freshnessBadge = (d: Pick<DeviceRowView, 'bucket'>): SafeHtml => badge(FRESHNESS_LABELS[d.bucket], FRESHNESS_TONES[d.bucket]);

/** Whether the DP passes on what its sources approved (docs/architecture.md "Freshness that proves itself"). */
function passesOn(dp: DpView): SafeHtml | string {
  const f = dp.freshness;
  if (!f || f.state === 'unknown') return '—';
  return f.state === 'fresh' ? badge('fresh', 'ok') : html`${badge('withholding', 'bad')}<br><span class="muted">${f.detail}</span>`;
}

function dpTable(dps: readonly DpView[], now: Date): SafeHtml {
  const rows = dps.map(
    (dp) =>
      html`<tr><th scope="row">${dp.name}</th><td>${dp.os}</td><td>${badge(dp.state, DP_TONES[dp.state])}</td><td>${dp.version ? `v${dp.version}` : '(empty)'}</td><td>${dp.published ? timeAgo(dp.published, now) : '—'}</td><td>${dp.drift.length ? `${count(dp.drift.length, 'file')}: ${dp.drift.slice(0, 3).join(', ')}` : 'none'}</td><td>${passesOn(dp)}</td><td>${dp.last ? html`${runBadge(dp.last.result.status)} <a href="${path('runs', dp.last.run.id)}">${dp.last.run.task}</a>${dp.last.result.reason ? html`<br><span class="muted">${dp.last.result.reason}</span>` : ''}` : '—'}</td></tr>`,
  );
  return table(['DP', 'OS', 'State', 'Version', 'Published', 'Drift', 'Updates', 'Last result'], rows, 'No distribution points.');
}

function groupItem(g: GroupView, children: Map<string | null, GroupView[]>, now: Date): SafeHtml {
  const kids = children.get(g.name) ?? [];
  const counts = FRESHNESS_BUCKETS.filter((b) => g.freshness[b] > 0).map((b) => html`<a class="badge ${FRESHNESS_TONES[b]}" href="${withQuery('/devices', { group: g.name, freshness: b })}">${g.freshness[b]} ${FRESHNESS_LABELS[b].toLowerCase()}</a> `);
  const devices = g.devices.map((d) => html`<li><a href="${path('devices', d.name)}">${d.name}</a> ${freshnessBadge(d)}</li>`);
  const more = g.deviceCount > g.devices.length ? html`<p><a href="${withQuery('/devices', { group: g.name })}">All ${count(g.deviceCount, 'device')} of ${g.name}</a></p>` : '';
  const heading = Math.min(6, 2 + g.depth);
  return html`<li id="${`group-${g.name}`}"><section aria-label="${`Group ${g.name}`}">
${trusted(`<h${heading}>`)}${g.name}${trusted(`</h${heading}>`)}<p><span class="muted">${count(g.dps.length, 'DP')}, ${count(g.deviceCount, 'device')}</span> ${counts}</p>
${g.dps.length ? dpTable(g.dps, now) : ''}
${devices.length ? html`<ul aria-label="${`Devices of ${g.name}`}">${devices}</ul>${more}` : ''}
${kids.length ? html`<ul class="tree">${kids.map((k) => groupItem(k, children, now))}</ul>` : ''}</section></li>`;
}

export function renderGroups(ctx: PageContext, groups: readonly GroupView[]): string {
  const names = new Set(groups.map((g) => g.name));
  const children = new Map<string | null, GroupView[]>();
  for (const g of groups) {
    const parent = g.parent && names.has(g.parent) ? g.parent : null;
    children.set(parent, [...(children.get(parent) ?? []), g]);
  }
  const roots = children.get(null) ?? [];
  const body = html`<h1>Groups</h1>
${roots.length ? html`<ul class="tree">${roots.map((g) => groupItem(g, children, ctx.now))}</ul>` : html`<p class="muted">No groups applied yet.</p>`}`;
  return layout(ctx, { title: 'Groups', nav: 'groups' }, body);
}

function option(value: string, label: string, selected: string | undefined): SafeHtml {
  return html`<option value="${value}"${value === (selected ?? '') ? html` selected` : ''}>${label}</option>`;
}

const LAST_SEEN_LABELS: Record<string, string> = { '1h': 'within 1 hour', '24h': 'within 24 hours', '7d': 'within 7 days', older: 'more than 7 days ago', never: 'never' };

export function renderDevices(ctx: PageContext, data: DevicesPage, filter: DeviceFilter): string {
  const query = { freshness: filter.freshness, group: filter.group, os: filter.os, lastSeen: filter.lastSeen, name: filter.name };
  const rows = data.rows.map(
    (d) =>
      html`<tr><th scope="row"><a href="${path('devices', d.name)}">${d.name}</a></th><td>${d.group}</td><td>${d.os}</td><td>${freshnessBadge(d)}</td><td>${d.databaseVersion ? `v${d.databaseVersion}` : '—'}</td><td>${time(d.published)}</td><td>${d.applicationVersion ?? '—'}</td><td>${d.lastSeen ? timeAgo(d.lastSeen, ctx.now) : 'never'}</td></tr>`,
  );
  const pager = html`<nav class="pager" aria-label="Pages">${data.page > 1 ? html`<a href="${withQuery('/devices', { ...query, page: data.page - 1 })}" rel="prev">Previous</a>` : ''}<span>Page ${data.page} of ${data.pages}</span>${data.page < data.pages ? html`<a href="${withQuery('/devices', { ...query, page: data.page + 1 })}" rel="next">Next</a>` : ''}</nav>`;
  const body = html`<h1>Devices</h1>
<form class="filters" method="get" action="/devices" role="search" aria-label="Filter devices">
<label for="f-name">Name contains<input id="f-name" name="name" value="${filter.name ?? ''}"></label>
<label for="f-freshness">Freshness<select id="f-freshness" name="freshness">${option('', 'any', filter.freshness)}${FRESHNESS_BUCKETS.map((b) => option(b, FRESHNESS_LABELS[b], filter.freshness))}</select></label>
<label for="f-group">Group<select id="f-group" name="group">${option('', 'any', filter.group)}${data.groups.map((g) => option(g, g, filter.group))}</select></label>
<label for="f-os">OS<select id="f-os" name="os">${option('', 'any', filter.os)}${data.oses.map((o) => option(o, o, filter.os))}</select></label>
<label for="f-seen">Last seen<select id="f-seen" name="lastSeen">${option('', 'any time', filter.lastSeen)}${[...Object.keys(LAST_SEEN_FILTERS), 'older', 'never'].map((k) => option(k, LAST_SEEN_LABELS[k] ?? k, filter.lastSeen))}</select></label>
<button type="submit">Filter</button> <a href="/devices">Clear</a></form>
<p id="devices-count">${count(data.matched, 'device')} match${data.matched === 1 ? 'es' : ''} (of ${data.total.toLocaleString('en-US')}).</p>
${table(['Device', 'Group', 'OS', 'Freshness', 'Databases', 'Published', 'Application', 'Last seen'], rows, 'No devices match.', 'Devices')}
${data.pages > 1 ? pager : ''}`;
  return layout(ctx, { title: 'Devices', nav: 'devices' }, body);
}

export function renderDevice(ctx: PageContext, data: DeviceData, devices: ReadonlySet<string>): string {
  const d = data.row;
  const facts: [string, SafeHtml | string][] = [
    ['Group', html`<a href="${`/groups#group-${d.group}`}">${d.group}</a>`],
    ['OS', d.os],
    ['Freshness', freshnessBadge(d)],
    ['Databases', d.databaseVersion ? `v${d.databaseVersion}` : 'none reported'],
    ['Databases published', time(d.published)],
    ['Mode', d.basesMode === 'withoutDatabases' ? 'without databases' : (d.basesMode ?? '—')],
    ['Application version', d.applicationVersion ?? '—'],
    ['Restart required', d.restartRequired === null ? '—' : d.restartRequired ? badge('yes', 'warn') : 'no'],
    ['Last restart', d.lastRestart ?? '—'],
    ['Licence', data.licence ? html`expires <time datetime="${data.licence.expires}">${data.licence.expires}</time>` : 'not set'],
    ['Last update result', d.lastResult ?? '—'],
    ['Last seen', d.lastSeen ? timeAgo(d.lastSeen, ctx.now) : 'never (no agent)'],
    ['Agent', data.agent ? `${data.agent.version} on ${data.agent.os}` : 'none registered'],
  ];
  if (data.labels) facts.push(['Labels', Object.entries(data.labels).map(([k, v]) => `${k}=${v}`).join(', ')]);
  const results = data.results.map(
    ({ run, result }) =>
      html`<tr><td><a href="${path('runs', run.id)}">${run.task}</a></td><td>${time(run.startedAt)}</td><td>${runBadge(result.status)}</td><td>${result.reason ?? ''}</td><td class="num">${result.files}</td><td class="num">${bytes(result.bytes)}</td><td class="num">${duration(result.durationMs)}</td></tr>`,
  );
  const body = html`<h1>Device ${d.name}</h1>
<dl class="facts">${facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
<h2>Last results</h2>
${table(['Task', 'Run started', 'Result', 'Reason', { label: 'Files', num: true }, { label: 'Bytes', num: true }, { label: 'Duration', num: true }], results, 'No run has had this device as a target.')}
<h2>Events</h2>
${table(EVENT_HEADERS, eventRows(data.events, devices), 'No events about this device.')}`;
  return layout(ctx, { title: `Device ${d.name}`, nav: 'devices' }, body);
}
