/** `/events`: the event log, newest first, filtered by type and subject. */
import type { EventRecord } from '../../state/index.js';
import { time } from '../format.js';
import { html, path, withQuery, type SafeHtml } from '../html.js';
import { layout, table, type PageContext } from '../layout.js';

export const EVENT_HEADERS = ['Time', 'Type', 'Subject', 'Message'];

const BAD_EVENT = /Failed|Error|TotallyOutOfDate|RolledBack|Outbreak|Drift|Withholding/i;
const WARN_EVENT = /OutOfDate|Skipped|Cancelled|Missed/i;

/** A subject links to its device page when it names a device, else to the events about it. */
export function eventRows(events: readonly EventRecord[], devices?: ReadonlySet<string>): SafeHtml[] {
  return events.map((e) => {
    const tone = BAD_EVENT.test(e.type) ? 'bad' : WARN_EVENT.test(e.type) ? 'warn' : '';
    const subject = e.subject ? (devices?.has(e.subject) ? html`<a href="${path('devices', e.subject)}">${e.subject}</a>` : html`<a href="${withQuery('/events', { subject: e.subject })}">${e.subject}</a>`) : '';
    return html`<tr><td>${time(e.time)}</td><td>${tone ? html`<span class="badge ${tone}">${e.type}</span>` : e.type}</td><td>${subject}</td><td>${e.message}</td></tr>`;
  });
}

export interface EventsFilter {
  type?: string;
  subject?: string;
  limit: number;
}

export const EVENT_LIMITS = [50, 100, 500] as const;

export function renderEvents(ctx: PageContext, events: readonly EventRecord[], filter: EventsFilter): string {
  const limits = EVENT_LIMITS.map((n) => html`<option value="${n}"${n === filter.limit ? html` selected` : ''}>${n}</option>`);
  const body = html`<h1>Events</h1>
<form class="filters" method="get" action="/events" role="search" aria-label="Filter events">
<label for="f-type">Type<input id="f-type" name="type" value="${filter.type ?? ''}" placeholder="e.g. RunFailed"></label>
<label for="f-subject">Subject<input id="f-subject" name="subject" value="${filter.subject ?? ''}" placeholder="device, DP or task"></label>
<label for="f-limit">Show<select id="f-limit" name="limit">${limits}</select></label>
<button type="submit">Filter</button> <a href="/events">Clear</a></form>
<p class="muted">${events.length === filter.limit ? `The newest ${filter.limit} events` : `${events.length} events`}${filter.type ? ` of type ${filter.type}` : ''}${filter.subject ? ` about ${filter.subject}` : ''}.</p>
${table(EVENT_HEADERS, eventRows(events), 'No events match.', 'Events')}`;
  return layout(ctx, { title: 'Events', nav: 'events' }, body);
}
