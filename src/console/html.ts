/**
 * The console's one escaping point (docs/architecture.md "Console"): pages are written as `html`
 * tagged templates, and every interpolated value is escaped unless it is already `SafeHtml` —
 * the output of another `html` template. There is no other way to put text into a page, so a
 * name from a manifest, an event message or a reason can never become markup.
 */

/** Markup that is safe to insert as is: made only by `html` (and `trusted`, for constant strings). */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text → markup: `& < > " '` become entities, so the result is safe in element content and in quoted attributes. */
export function escapeText(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeText(String(value));
}

/** `html\`<td>${name}</td>\``: the literal parts are markup, every value is escaped (arrays are joined; null, undefined and false are left out). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** A constant string of markup written in this code (never data). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** A path with each segment percent-encoded: `path('devices', name)` → `/devices/pc%201`. */
export function path(...segments: string[]): string {
  return `/${segments.map(encodeURIComponent).join('/')}`;
}

/** `/devices?group=a&page=2`, leaving out empty values. */
export function withQuery(base: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}
