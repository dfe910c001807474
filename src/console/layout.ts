/** The page every console view shares: header with nav and session, `<main>`, one CSS and one script from the controller. */
import { html, trusted, type HtmlValue, type SafeHtml } from './html.js';

export const NAV = [
  { key: 'overview', href: '/', label: 'Overview' },
  { key: 'groups', href: '/groups', label: 'Groups' },
  { key: 'devices', href: '/devices', label: 'Devices' },
  { key: 'tasks', href: '/tasks', label: 'Tasks' },
  { key: 'runs', href: '/runs', label: 'Runs' },
  { key: 'rollouts', href: '/rollouts', label: 'Rollouts' },
  { key: 'events', href: '/events', label: 'Events' },
  { key: 'plan', href: '/plan', label: 'Plan' },
] as const;

export type NavKey = (typeof NAV)[number]['key'] | 'login' | 'error';

/** What a page needs to know about the request: the time, and whether actions can be taken. */
export interface PageContext {
  now: Date;
  /** The request's path and query, for "log in and come back". */
  path: string;
  /** Logged in: actions are offered with this CSRF token. */
  csrf?: string;
  /** Whether a token is configured at all (else nobody can log in and actions are refused). */
  tokenConfigured: boolean;
}

export interface PageOptions {
  title: string;
  nav: NavKey;
  /** Reload the page every N seconds with JavaScript on (a run in progress, the overview); console.js offers to stop it. */
  refreshSeconds?: number;
}

function sessionBox(ctx: PageContext): SafeHtml {
  if (ctx.csrf) {
    return html`<div class="session"><span class="muted">Actions enabled</span><form class="inline" method="post" action="/logout"><input type="hidden" name="csrf" value="${ctx.csrf}"><button class="secondary" type="submit">Log out</button></form></div>`;
  }
  if (!ctx.tokenConfigured) return html`<div class="session muted">Read-only: no API token configured</div>`;
  return html`<div class="session"><a href="/login?next=${encodeURIComponent(ctx.path)}">Log in for actions</a></div>`;
}

export function layout(ctx: PageContext, options: PageOptions, body: HtmlValue): string {
  const refresh = options.refreshSeconds ? html` data-refresh="${Math.max(1, Math.round(options.refreshSeconds))}"` : '';
  const items = NAV.map((n) => html`<li><a href="${n.href}"${n.key === options.nav ? trusted(' aria-current="page"') : ''}>${n.label}</a></li>`);
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · updops</title><link rel="stylesheet" href="/console.css"><script src="/console.js" defer></script></head>
<body${refresh}><a class="skip" href="#main">Skip to content</a>
<header><a class="brand" href="/">updops</a><nav aria-label="Main"><ul>${items}</ul></nav>${sessionBox(ctx)}</header>
<main id="main" tabindex="-1">${body}
<p class="muted"><small>Page generated <time datetime="${ctx.now.toISOString()}" title="${ctx.now.toISOString()}">${ctx.now.toISOString().slice(0, 19).replace('T', ' ')} UTC</time></small></p></main>
</body></html>
`;
  return page.value;
}

/** Above a page's actions when they cannot be taken yet: what to do first. */
export function actionsNote(ctx: PageContext): SafeHtml {
  if (ctx.csrf) return html``;
  if (!ctx.tokenConfigured) return html`<p class="notice">Actions are refused: the controller has no API token (set UPDOPS_TOKEN or --token-file).</p>`;
  return html`<p class="notice">Actions need the API token: <a href="/login?next=${encodeURIComponent(ctx.path)}">log in</a> first.</p>`;
}

/** A POST form with the CSRF token: one button, hidden fields. Offered logged out too, so the refusal says what to do. */
export function actionForm(ctx: PageContext, action: string, label: string, fields: Record<string, string> = {}, secondary = false): SafeHtml {
  const hidden = Object.entries(fields).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`);
  return html`<form class="inline" method="post" action="${action}">${ctx.csrf ? html`<input type="hidden" name="csrf" value="${ctx.csrf}">` : ''}${hidden}<button type="submit"${secondary ? trusted(' class="secondary"') : ''}>${label}</button></form>`;
}

/** A table with a caption-less header row (`th scope=col`); rows are already markup. */
export function table(headers: readonly (string | { label: string; num?: boolean })[], rows: readonly SafeHtml[], empty: string, label?: string): SafeHtml {
  if (rows.length === 0) return html`<p class="muted">${empty}</p>`;
  const head = headers.map((h) => (typeof h === 'string' ? html`<th scope="col">${h}</th>` : html`<th scope="col"${h.num ? trusted(' class="num"') : ''}>${h.label}</th>`));
  return html`<table${label ? html` aria-label="${label}"` : ''}><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}
