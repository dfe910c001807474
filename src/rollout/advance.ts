/**
 * One step of a rollout (docs/architecture.md "Rollouts"): the outcomes of the current wave's
 * devices, then its gates — more failed than the error threshold halts, at least the success
 * threshold moves to the next wave (or completes the rollout). Pure: progress, waves, reports and
 * the clock in; the new progress, the events to raise and the devices newly admitted out.
 */
import type { RolloutProgress } from '../state/index.js';
import { deviceOutcome, type DeviceReport } from './outcome.js';
import type { WaveMembers } from '../manifests/index.js';

export interface RolloutEvent {
  type: 'RolloutWaveStarted' | 'RolloutHalted' | 'RolloutCompleted' | 'RolloutResumed';
  message: string;
  data: Record<string, unknown>;
}

export interface Step {
  progress: RolloutProgress;
  events: RolloutEvent[];
  /** Devices that get the version from now on (their runs are started). */
  admitted: string[];
}

export interface RolloutSubject {
  name: string;
  task: string;
  version: string;
  specHash: string;
}

const pct = (n: number, of: number): number => (of === 0 ? 0 : (100 * n) / of);
const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

function waveStarted(subject: RolloutSubject, wave: WaveMembers): RolloutEvent {
  return { type: 'RolloutWaveStarted', message: `wave ${wave.name} started: ${plural(wave.devices.length, 'device')} get ${subject.version}`, data: { rollout: subject.name, task: subject.task, wave: wave.name, devices: wave.devices.length } };
}

/** A rollout seen for the first time: its first wave is admitted. */
export function startRollout(subject: RolloutSubject, waves: readonly WaveMembers[], now: Date): Step {
  const first = waves[0]!;
  const progress: RolloutProgress = { name: subject.name, specHash: subject.specHash, version: subject.version, wave: 0, status: 'progressing', waveStartedAt: now.toISOString(), devices: {}, updatedAt: now.toISOString() };
  return { progress, events: [waveStarted(subject, first)], admitted: [...first.devices] };
}

/**
 * A halted rollout goes on (a commit changed its spec, or `updops rollout resume`): the current
 * wave's failures are forgotten and its pending timeout counts again, so its devices get another
 * attempt; its successes stay.
 */
export function resumeRollout(subject: RolloutSubject, progress: RolloutProgress, waves: readonly WaveMembers[], now: Date, by: string): Step {
  const wave = waves[progress.wave];
  const devices = Object.fromEntries(Object.entries(progress.devices).filter(([, d]) => !(d.wave === progress.wave && d.outcome === 'failed')));
  const { halted: _halted, ...rest } = progress;
  const next: RolloutProgress = { ...rest, specHash: subject.specHash, status: 'progressing', waveStartedAt: now.toISOString(), devices, resumed: { by, at: now.toISOString() }, updatedAt: now.toISOString() };
  const retry = (wave?.devices ?? []).filter((d) => devices[d] === undefined);
  return { progress: next, events: [{ type: 'RolloutResumed', message: `resumed by ${by} at wave ${wave?.name ?? progress.wave}: ${plural(retry.length, 'device')} get another attempt`, data: { rollout: subject.name, task: subject.task, wave: wave?.name, by } }], admitted: retry };
}

export function advanceRollout(subject: RolloutSubject, progress: RolloutProgress, waves: readonly WaveMembers[], reports: ReadonlyMap<string, DeviceReport>, now: Date): Step {
  if (progress.status !== 'progressing') return { progress, events: [], admitted: [] };
  const devices = { ...progress.devices };
  const events: RolloutEvent[] = [];
  const admitted: string[] = [];
  let { wave: index, waveStartedAt } = progress;
  // Several waves may pass in one step (an empty wave, or one whose devices already hold the version).
  for (;;) {
    const wave = waves[index];
    if (!wave) {
      const done: RolloutProgress = { ...progress, devices, wave: waves.length - 1, waveStartedAt, status: 'completed', updatedAt: now.toISOString() };
      events.push({ type: 'RolloutCompleted', message: `every wave passed: ${subject.version} rolled out to ${plural(Object.values(devices).filter((d) => d.outcome === 'succeeded').length, 'device')}`, data: { rollout: subject.name, task: subject.task } });
      return { progress: done, events, admitted };
    }
    for (const device of wave.devices) {
      if (devices[device]) continue;
      const outcome = deviceOutcome(subject.version, reports.get(device), waveStartedAt, now, wave.pendingTimeoutMs);
      if (outcome) devices[device] = { wave: index, ...outcome, at: now.toISOString() };
    }
    const of = wave.devices.length;
    const failed = wave.devices.filter((d) => devices[d]?.outcome === 'failed');
    const succeeded = wave.devices.filter((d) => devices[d]?.outcome === 'succeeded').length;
    if (of > 0 && pct(failed.length, of) > wave.errorThreshold) {
      const reasons = failed.slice(0, 3).map((d) => `${d}: ${devices[d]!.reason ?? 'failed'}`).join('; ');
      const reason = `wave ${wave.name}: ${failed.length} of ${of} failed (more than ${wave.errorThreshold}%): ${reasons}`;
      events.push({ type: 'RolloutHalted', message: `halted: ${reason}`, data: { rollout: subject.name, task: subject.task, wave: wave.name, failed } });
      return { progress: { ...progress, devices, wave: index, waveStartedAt, status: 'halted', halted: { at: now.toISOString(), reason }, updatedAt: now.toISOString() }, events, admitted };
    }
    if (of > 0 && pct(succeeded, of) < wave.successThreshold) {
      return { progress: { ...progress, devices, wave: index, waveStartedAt, updatedAt: now.toISOString() }, events, admitted };
    }
    index += 1;
    waveStartedAt = now.toISOString();
    const next = waves[index];
    if (next) {
      events.push(waveStarted(subject, next));
      admitted.push(...next.devices);
    }
  }
}
