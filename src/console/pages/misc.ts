/** `/plan`, `/login` and the error page. */
import { renderPlanJson, renderPlanMarkdown, type Plan } from '../../plan/index.js';
import { timeAgo } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { layout, type PageContext } from '../layout.js';
import { renderMarkdown } from '../markdown.js';

/**
 * The plan as Markdown, or — a plan recorded in a shape the Markdown renderer does not know (an
 * older version) — as the JSON renderer shows it (sensitive values redacted as in every format), or
 * only a notice: never the recorded JSON unredacted.
 */
function planBody(plan: Plan): SafeHtml {
  try {
    return renderMarkdown(renderPlanMarkdown(plan));
  } catch {
    let json: string | undefined;
    try {
      json = renderPlanJson(plan);
    } catch {
      json = undefined;
    }
    return html`<p class="notice">This plan was recorded in a form this version cannot render as Markdown.</p>${json ? html`<pre><code>${json}</code></pre>` : ''}`;
  }
}

export function renderPlanPage(ctx: PageContext, last: { plan: Plan; appliedAt: string; commit?: string; serial: number } | null): string {
  const body = last
    ? html`<h1>Plan</h1><p>The plan of the last applied ${last.commit ? html`commit <code>${last.commit.slice(0, 12)}</code>` : 'configuration'}, applied ${timeAgo(last.appliedAt, ctx.now)} (serial ${last.serial}) — the same content as <code>updops plan --format markdown</code> printed then.</p>
<div class="markdown">${planBody(last.plan)}</div>`
    : html`<h1>Plan</h1><p class="muted">Nothing applied yet.</p>`;
  return layout(ctx, { title: 'Plan', nav: 'plan' }, body);
}

export function renderLogin(ctx: PageContext, next: string, error?: string): string {
  const body = html`<h1>Log in</h1>
<p>Reading needs no login on this controller's loopback address; actions (run now, cancel, retry) need the controller's API token. The session is a cookie (HttpOnly, SameSite=Strict) derived from the token: it ends when you log out, after 8 hours, or when the token changes.</p>
${error ? html`<p class="notice bad" role="alert">${error}</p>` : ''}
${ctx.tokenConfigured
  ? html`<form method="post" action="/login"><input type="hidden" name="next" value="${next}">
<p><label for="token">API token</label><br><input id="token" name="token" type="password" autocomplete="current-password" required size="40"></p>
<p><button type="submit">Log in</button></p></form>`
  : html`<p class="notice">No API token is configured: set UPDOPS_TOKEN or pass --token-file to the controller.</p>`}`;
  return layout(ctx, { title: 'Log in', nav: 'login' }, body);
}

export function renderError(ctx: PageContext, status: number, message: string): string {
  const title = status === 404 ? 'Not found' : status === 401 ? 'Not allowed' : status === 403 ? 'Refused' : 'Error';
  const body = html`<h1>${title}</h1><p class="notice" role="alert">${message}</p>${status === 401 || status === 403 ? html`<p><a href="/login?next=${encodeURIComponent(ctx.path)}">Log in</a></p>` : ''}<p><a href="/">Back to the overview</a></p>`;
  return layout(ctx, { title, nav: 'error' }, body);
}
