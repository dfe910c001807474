/** How values read on the console's pages: times, durations, bytes, and the colour of a state. */
import { formatBytes } from '../util/index.js';
import { html, type SafeHtml } from './html.js';

/** `2026-12-02 09:41 UTC` — what a page shows with JavaScript off; console.js puts the viewer's own zone in its place. */
export function utcText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A `<time>` element: the machine value in `datetime`, the UTC value in the tooltip. */
export function time(iso: string | null | undefined, empty = '—'): SafeHtml {
  if (!iso) return html`${empty}`;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return html`${iso}`;
  const exact = d.toISOString();
  return html`<time datetime="${exact}" title="${exact}">${utcText(exact)}</time>`;
}

/** `45 s`, `12 min`, `5 h`, `3 d`: a rounded span of time for people. */
export function span(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 90) return `${min} min`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} h`;
  return `${Math.round(h / 24)} d`;
}

/** A time and how long ago it was: `<time>… (5 min ago)`. */
export function timeAgo(iso: string | null | undefined, now: Date, empty = 'never'): SafeHtml {
  if (!iso) return html`${empty}`;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return html`${iso}`;
  const delta = now.getTime() - at;
  return html`${time(iso)} <span class="muted">(${delta >= 0 ? `${span(delta)} ago` : `in ${span(-delta)}`})</span>`;
}

/** A duration in ms, to the tenth of a second under a minute. */
export function duration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return span(ms);
}

export { formatBytes as bytes };

/** The colour a state has everywhere: good, warning, bad, neutral. */
export type Tone = 'ok' | 'warn' | 'bad' | 'neutral';

const RUN_TONES: Record<string, Tone> = {
  completed: 'ok',
  running: 'neutral',
  pending: 'neutral',
  failed: 'bad',
  interrupted: 'bad',
  skipped: 'warn',
  cancelled: 'warn',
};

export function runTone(status: string): Tone {
  return RUN_TONES[status] ?? 'neutral';
}

/** A word in a coloured box; the word itself says the state, so colour is never the only cue. */
export function badge(text: string, tone: Tone): SafeHtml {
  return html`<span class="badge ${tone}">${text}</span>`;
}

export const runBadge = (status: string): SafeHtml => badge(status, runTone(status));

/** A rollout's status: halted is what needs a person. */
export const ROLLOUT_TONES: Record<'progressing' | 'halted' | 'completed', Tone> = { progressing: 'neutral', halted: 'bad', completed: 'ok' };

/** Plural: `1 device`, `3 devices`. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
