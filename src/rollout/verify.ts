/**
 * Verify on test devices first (seed product; docs/architecture.md "Verify on test devices"):
 * each new release a download task's DPs hold is a one-wave rollout of the task's test devices,
 * passed through the same gates (advance.ts), and the release its test devices verified last is
 * what every other device those DPs serve gets. Pure: the progress, the release the DPs hold,
 * the test devices' reports and the clock in; the new progress, the events and the test devices
 * to start out.
 */
import type { VerificationProgress } from '../state/index.js';
import type { WaveMembers } from '../manifests/index.js';
import { advanceRollout, resumeRollout, startRollout, type Step } from './advance.js';
import type { DeviceReport } from './outcome.js';

export interface VerifySubject {
  /** The download task whose DPs hold the release. */
  task: string;
  /** The Update task of the test devices. */
  testTask: string;
  /** The hash of the task's `verifyOn`: a change (a commit) verifies a failed release again. */
  specHash: string;
  /** The one wave of the test devices, with the task's thresholds. */
  wave: WaveMembers;
}

export interface VerifyEvent {
  type: 'UpdatesVerificationStarted' | 'UpdatesVerified' | 'UpdatesVerificationFailed';
  message: string;
  data: Record<string, unknown>;
}

export interface VerifyStep {
  progress: VerificationProgress;
  events: VerifyEvent[];
  /** Test devices that take the release now (the test task is started for them). */
  admitted: string[];
}

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The test devices' wave for a verifyOn: every device of the test task, one threshold for success and failure. */
export function testWave(devices: string[], successThreshold: number, pendingTimeoutMs: number): WaveMembers {
  // Failed past what the success threshold allows: success can no longer be reached.
  return { name: 'test devices', index: 0, devices, successThreshold, errorThreshold: 100 - successThreshold, pendingTimeoutMs };
}

function event(subject: VerifySubject, type: VerifyEvent['type'], release: string, message: string, extra: Record<string, unknown> = {}): VerifyEvent {
  return { type, message: `task ${subject.task}: ${message}`, data: { task: subject.task, testTask: subject.testTask, version: release, ...extra } };
}

function outcome(subject: VerifySubject, previous: VerificationProgress | undefined, step: Step, now: Date, started: boolean): VerifyStep {
  const release = step.progress.version;
  const events: VerifyEvent[] = [];
  if (started) {
    events.push(event(subject, 'UpdatesVerificationStarted', release, `verifying ${release} on ${plural(subject.wave.devices.length, 'test device')} (task ${subject.testTask}) before the other devices get it`));
  }
  let approved = previous?.approved;
  for (const e of step.events) {
    if (e.type === 'RolloutCompleted') {
      approved = { version: release, at: now.toISOString() };
      const passed = Object.values(step.progress.devices).filter((d) => d.outcome === 'succeeded').length;
      events.push(event(subject, 'UpdatesVerified', release, `${release} verified: ${passed} of ${plural(subject.wave.devices.length, 'test device')} installed it and are healthy; the other devices get it now`));
    }
    if (e.type === 'RolloutHalted') {
      const failed = Object.entries(step.progress.devices).filter(([, d]) => d.outcome === 'failed');
      const reasons = failed.slice(0, 3).map(([device, d]) => `${device}: ${d.reason ?? 'failed'}`).join('; ');
      const kept = approved ? `the other devices stay on ${approved.version}` : 'the other devices get no release until one is verified';
      events.push(event(subject, 'UpdatesVerificationFailed', release, `${release} failed on ${failed.length} of ${plural(subject.wave.devices.length, 'test device')}: ${reasons}; ${kept}`, { failed: failed.map(([d]) => d) }));
    }
  }
  const progress: VerificationProgress = { task: subject.task, ...(approved ? { approved } : {}), gate: step.progress, updatedAt: now.toISOString() };
  return { progress, events, admitted: step.admitted };
}

/**
 * One step. `release`: what the task's DPs hold now (undefined: none has reported one yet).
 * A release other than the verified one and the one under test starts a verification; the DPs
 * going back to the verified release leaves everything as it is; a failed release is verified
 * again when `verifyOn` changed.
 */
export function verifyStep(subject: VerifySubject, progress: VerificationProgress | undefined, release: string | undefined, reports: ReadonlyMap<string, DeviceReport>, now: Date): VerifyStep | undefined {
  if (release === undefined || release === progress?.approved?.version) return undefined;
  const rolloutSubject = { name: subject.task, task: subject.testTask, version: release, specHash: subject.specHash };
  const waves = [subject.wave];
  // No test devices verify nothing: the release waits (a plan warns), where a rollout would pass an empty wave.
  const advance = (gate: VerificationProgress['gate']): Step =>
    subject.wave.devices.length === 0 ? { progress: gate, events: [], admitted: [] } : advanceRollout(rolloutSubject, gate, waves, reports, now);
  const gate = progress?.gate;
  if (!gate || gate.version !== release) {
    const started = startRollout(rolloutSubject, waves, now);
    // A wave whose devices already hold the release passes at once (advance.ts).
    const advanced = advance(started.progress);
    return outcome(subject, progress, { ...advanced, admitted: started.admitted }, now, true);
  }
  if (gate.status === 'halted') {
    if (gate.specHash === subject.specHash) return undefined;
    const resumed = resumeRollout(rolloutSubject, gate, waves, now, 'a commit');
    return outcome(subject, progress, { ...advance(resumed.progress), admitted: resumed.admitted }, now, true);
  }
  if (gate.status !== 'progressing') return undefined;
  const step = advance({ ...gate, specHash: subject.specHash });
  const decided = Object.keys(step.progress.devices).length !== Object.keys(gate.devices).length;
  if (step.events.length === 0 && !decided && gate.specHash === subject.specHash) return undefined;
  return outcome(subject, progress, step, now, false);
}
