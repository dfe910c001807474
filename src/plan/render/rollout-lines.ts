/**
 * The rollout view in words, shared by the text and Markdown renderers: one line per ring that
 * says something a reviewer must see (a pinned version or a maintenance window), one per DP link
 * with bytes to move. Plain strings: each renderer escapes and styles them its own way.
 */
import { formatOffset } from '../../schedule/index.js';
import { formatBytes } from '../../util/index.js';
import type { LinkProjection, Plan, RingView, WavesView } from '../types.js';

export interface RolloutLine {
  /** What the line is about: a task's ring, or a DP link. */
  subject: string;
  detail: string;
}

function windowWords(ring: RingView): string {
  if (ring.urgent) return 'urgent: installs ignore maintenance windows';
  const w = ring.maintenanceWindow;
  if (!w) return 'installs any time';
  return w.open ? `maintenance window open until ${w.closesAt}` : w.opensAt ? `next maintenance window opens ${w.opensAt}` : 'no maintenance window opens again';
}

function ringLine(ring: RingView): RolloutLine {
  const shown = ring.deviceNames.slice(0, 5);
  const names = shown.length ? ` (${shown.join(', ')}${ring.devices > shown.length ? ', …' : ''})` : '';
  const version = ring.version === null ? 'the newest version' : `version ${ring.version}`;
  return { subject: `ring "${ring.task}"`, detail: `${version} to ${ring.devices} device${ring.devices === 1 ? '' : 's'}${names}; ${windowWords(ring)}` };
}

function linkLine(link: LinkProjection): RolloutLine {
  const diffs = link.fromDiffs > 0 ? `, ${link.fromDiffs} rebuilt from diff files` : '';
  const time = link.bytesPerSecond === null ? 'uncapped' : `at ${formatBytes(link.bytesPerSecond)}/s ≈ ${formatOffset(link.seconds ?? 0)}`;
  return { subject: `${link.dp} ← ${link.source}`, detail: `${formatBytes(link.bytes)} in ${link.files} file${link.files === 1 ? '' : 's'}${diffs}, ${time} ("${link.task}")` };
}

function wavesLine(rollout: WavesView): RolloutLine {
  const waves = rollout.waves.map((w, i) => {
    const shown = w.deviceNames.slice(0, 3);
    const names = shown.length ? ` (${shown.join(', ')}${w.devices > shown.length ? ', …' : ''})` : '';
    return `${i + 1}. ${w.name}: ${w.devices} device${w.devices === 1 ? '' : 's'}${names}, on when ${w.successThreshold}% succeed, halt above ${w.errorThreshold}% failed, silent after ${formatOffset(w.pendingTimeoutSeconds)}`;
  });
  const left = rollout.uncovered > 0 ? `; ${rollout.uncovered} in no wave stay on ${rollout.from ?? 'the newest'}` : '';
  return { subject: `rollout "${rollout.name}"`, detail: `${rollout.version} to "${rollout.task}" (from ${rollout.from ?? 'the newest'}) in ${rollout.waves.length} wave${rollout.waves.length === 1 ? '' : 's'}: ${waves.join('; ')}${left}` };
}

/** Rings with a pin or a window, each rollout's waves, then links with something to move; empty when the plan has none of them. */
export function rolloutLines(plan: Plan): RolloutLine[] {
  // Plans recorded before the rollout view existed (history, the console's last plan) have none.
  const view = (plan as Partial<Plan>).rollout;
  if (!view) return [];
  const rings = view.rings.filter((r) => r.version !== null || r.maintenanceWindow !== null || r.urgent);
  return [...rings.map(ringLine), ...(view.rollouts ?? []).map(wavesLine), ...view.links.filter((l) => l.files > 0 || l.fromDiffs > 0).map(linkLine)];
}
