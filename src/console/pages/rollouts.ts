/**
 * `/rollouts`: each Rollout's waves — which devices each takes, which reported healthy or failed,
 * the gate that moves it on or halts it — with "Resume" on a halted one; then each download task
 * that verifies its releases on test devices first.
 */
import { releaseUnderTest, VERIFICATION_WORDS } from '../../runs/index.js';
import { badge, count, ROLLOUT_TONES, span, time, timeAgo, type Tone } from '../format.js';
import { html, path, type SafeHtml } from '../html.js';
import { actionForm, actionsNote, layout, table, type PageContext } from '../layout.js';
import type { RolloutsData, RolloutView, VerificationView, WaveDevice, WaveState, WaveView } from '../rollouts-data.js';

/** A wave lists this many devices, failed first, then pending, then healthy; the rest are counted. */
export const WAVE_DEVICES_SHOWN = 50;

const WAVE_TONES: Record<WaveState, Tone> = { done: 'ok', current: 'neutral', halted: 'bad', waiting: 'neutral' };

const anchor = (name: string): string => `rollout-${name}`;

function order(d: WaveDevice): number {
  if (d.outcome?.outcome === 'failed') return 0;
  return d.outcome ? 2 : 1;
}

function deviceRow(d: WaveDevice, admitted: boolean): SafeHtml {
  const result = d.outcome ? badge(d.outcome.outcome, d.outcome.outcome === 'succeeded' ? 'ok' : 'bad') : admitted ? badge('pending', 'warn') : html`<span class="muted">not admitted</span>`;
  return html`<tr><th scope="row"><a href="${path('devices', d.name)}">${d.name}</a></th><td>${result}</td><td>${d.outcome?.reason ?? ''}</td><td>${d.outcome ? time(d.outcome.at) : '—'}</td></tr>`;
}

function waveDevices(rollout: RolloutView, w: WaveView): SafeHtml {
  const admitted = w.state !== 'waiting';
  const shown = [...w.devices].sort((a, b) => order(a) - order(b)).slice(0, WAVE_DEVICES_SHOWN);
  const more = w.devices.length - shown.length;
  return html`<h4 id="${anchor(rollout.name)}-wave-${w.index + 1}">Wave ${w.index + 1}: ${w.name}</h4>
${table(['Device', 'Result', 'Reason', 'At'], shown.map((d) => deviceRow(d, admitted)), 'This wave takes no devices.', `Devices of wave ${w.name}`)}${more > 0 ? html`<p class="muted">and ${count(more, 'more device')} (<a href="/devices">all devices</a>)</p>` : ''}`;
}

function waveRow(w: WaveView): SafeHtml {
  const pending = w.state === 'waiting' ? 0 : w.devices.length - w.succeeded - w.failed;
  return html`<tr><th scope="row">${w.index + 1}. ${w.name}</th><td>${badge(w.state, WAVE_TONES[w.state])}</td><td class="num">${w.devices.length}</td><td class="num">${w.succeeded}</td><td class="num">${w.failed}</td><td class="num">${pending}</td><td>≥ ${w.successThreshold}% healthy to go on; more than ${w.errorThreshold}% failed halts; silent after ${span(w.pendingTimeoutMs)} counts as failed</td></tr>`;
}

function rolloutSection(ctx: PageContext, r: RolloutView): SafeHtml {
  const p = r.progress;
  const id = anchor(r.name);
  const status = p ? badge(p.status, ROLLOUT_TONES[p.status]) : badge('not started', 'neutral');
  return html`<section aria-labelledby="${id}"><h2 id="${id}">${r.name}</h2>
<dl class="facts"><dt>Status</dt><dd>${status}${p && p.status !== 'completed' ? html` at wave ${p.wave + 1} of ${r.waves.length}` : ''}</dd>
${p?.halted ? html`<dt>Halted</dt><dd class="error-text">${timeAgo(p.halted.at, ctx.now)}: ${p.halted.reason}</dd>` : ''}
<dt>Task</dt><dd><a href="${`/tasks#task-${r.task}`}">${r.task}</a></dd>
<dt>Version</dt><dd>${r.version} <span class="muted">(devices not yet admitted keep ${r.from ?? 'the newest version'})</span></dd>
${p ? html`<dt>Wave started</dt><dd>${timeAgo(p.waveStartedAt, ctx.now)}</dd>` : ''}
${p?.resumed ? html`<dt>Resumed</dt><dd>by ${p.resumed.by}, ${timeAgo(p.resumed.at, ctx.now)}</dd>` : ''}
${r.uncovered > 0 ? html`<dt>In no wave</dt><dd>${count(r.uncovered, 'device')} of the task, on ${r.from ?? 'the newest version'}</dd>` : ''}</dl>
${p?.status === 'halted' ? html`<div class="actions">${actionForm(ctx, path('rollouts', r.name, 'resume'), `Resume "${r.name}"`)} <span class="muted">or resume by a commit that changes the Rollout</span></div>` : ''}
<h3>Waves</h3>
${table(['Wave', 'State', { label: 'Devices', num: true }, { label: 'Healthy', num: true }, { label: 'Failed', num: true }, { label: 'Pending', num: true }, 'Gate'], r.waves.map(waveRow), 'No waves.', `Waves of ${r.name}`)}
${r.waves.map((w) => waveDevices(r, w))}</section>`;
}

function verificationRow(v: VerificationView): SafeHtml {
  const approved = v.progress?.approved;
  const testing = v.progress && releaseUnderTest(v.progress);
  return html`<tr><th scope="row"><a href="${`/tasks#task-${v.task}`}">${v.task}</a></th><td><a href="${`/tasks#task-${v.testTask}`}">${v.testTask}</a> (${count(v.testDevices, 'device')}, ${v.successThreshold}% healthy)</td><td>${approved ? html`${approved.version}, ${time(approved.at)}` : html`<span class="muted">nothing verified yet: other devices are held</span>`}</td><td>${testing ? html`${testing.version} ${badge(VERIFICATION_WORDS[testing.status], ROLLOUT_TONES[testing.status])}${testing.halted ? html`<br><small class="error-text">${testing.halted.reason}</small>` : ''}` : '—'}</td></tr>`;
}

export function renderRollouts(ctx: PageContext, data: RolloutsData, notice?: string): string {
  const halted = data.rollouts.some((r) => r.progress?.status === 'halted');
  const body = html`<h1>Rollouts</h1>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
${halted ? actionsNote(ctx) : ''}
${data.rollouts.length ? data.rollouts.map((r) => rolloutSection(ctx, r)) : html`<p class="muted">No rollouts applied: every device of a task takes the task's version.</p>`}
<section aria-labelledby="verify-h"><h2 id="verify-h">Verify on test devices</h2>
${table(['Download task', 'Test devices', 'Verified release', 'Under test'], data.verifications.map(verificationRow), 'No download task verifies its releases on test devices first.', 'Verifications')}</section>`;
  const active = data.rollouts.some((r) => r.progress?.status === 'progressing') || data.verifications.some((v) => v.progress?.gate.status === 'progressing');
  return layout(ctx, { title: 'Rollouts', nav: 'rollouts', ...(active ? { refreshSeconds: 5 } : {}) }, body);
}
