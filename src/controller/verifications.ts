/**
 * Verify on test devices first, as the leader drives it (docs/architecture.md "Verify on test
 * devices"), on the rollout driver's tick: for each download task with `verifyOn`, the release
 * its DPs hold (their heartbeats; a DP without an agent is read from its folder here), the test
 * devices' last reports from the store, the pure gate (rollout/verify.ts), the progress recorded
 * fenced, the events raised, and the test task started for its devices when a release arrives.
 * `deviceVersion` is what every dispatched device of an Update task gets.
 */
import { decodeHeartbeat } from '../protocol/index.js';
import { inspectRepository, releaseOf } from '../repository/index.js';
import { testWave, verifyStep, type DeviceReport, type VerifyEvent } from '../rollout/index.js';
import { heldBy, verifyingTasks, type RunRequest, type VerifyingTask } from '../runs/index.js';
import type { RecordedConfig, StateStore } from '../state/index.js';

export interface VerificationContext {
  store: StateStore;
  now: () => Date;
  start(request: RunRequest): Promise<unknown>;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

interface Held {
  release: string;
  published: string;
}

/** What one DP holds: its heartbeat's release, or (no agent: synced by the controller itself) its folder's. */
async function heldByDp(store: StateStore, config: RecordedConfig, dp: string): Promise<Held | undefined> {
  const agent = await store.getAgent(dp);
  if (agent) {
    const beat = decodeHeartbeat(agent.status);
    return beat?.role === 'dp' && beat.repository.release ? { release: beat.repository.release, published: beat.repository.published ?? '' } : undefined;
  }
  const folder = config.model.distributionPoints.get(dp)?.item.repository;
  if (!folder) return undefined;
  const seen = await inspectRepository(folder, { legacy: false, diffs: false }).catch(() => undefined);
  return seen?.targets && seen.version !== undefined ? { release: releaseOf(seen.targets, seen.version), published: seen.published ?? '' } : undefined;
}

/** The release the task's DPs hold: the most recently published one when they differ (a DP ahead of the others brings it). */
async function releaseHeld(store: StateStore, config: RecordedConfig, verifying: VerifyingTask): Promise<string | undefined> {
  let newest: Held | undefined;
  for (const dp of verifying.distributionPoints) {
    const held = await heldByDp(store, config, dp);
    if (held && (!newest || held.published > newest.published)) newest = held;
  }
  return newest?.release;
}

function report(status: Record<string, unknown> | undefined): DeviceReport | undefined {
  const beat = decodeHeartbeat(status);
  return beat?.role === 'device' ? beat : undefined;
}

/** One step of every verifying task; progress of tasks that no longer verify is forgotten. */
export async function stepVerifications(config: RecordedConfig, ctx: VerificationContext): Promise<void> {
  const verifying = verifyingTasks(config.model);
  const names = new Set(verifying.map((v) => v.task));
  for (const recorded of await ctx.store.listVerifications()) if (!names.has(recorded.task)) await ctx.store.deleteVerification(recorded.task);
  for (const task of verifying) await stepOne(config, task, ctx);
}

async function stepOne(config: RecordedConfig, verifying: VerifyingTask, ctx: VerificationContext): Promise<void> {
  const progress = await ctx.store.getVerification(verifying.task);
  const release = await releaseHeld(ctx.store, config, verifying);
  const reports = new Map<string, DeviceReport>();
  // Only a release under test needs the test devices' reports.
  if (release !== undefined && release !== progress?.approved?.version) {
    for (const device of verifying.testDevices) {
      if (progress?.gate.version === release && progress.gate.devices[device]) continue;
      const found = report((await ctx.store.getAgent(device))?.status);
      if (found) reports.set(device, found);
    }
  }
  const subject = { task: verifying.task, testTask: verifying.testTask, specHash: verifying.specHash, wave: testWave(verifying.testDevices, verifying.successThreshold, verifying.pendingTimeoutMs) };
  const step = verifyStep(subject, progress, release, reports, ctx.now());
  if (!step) return;
  await ctx.store.putVerification(step.progress);
  for (const event of step.events) await ctx.store.appendEvent(toEvent(event, step.progress.updatedAt));
  if (step.admitted.length > 0) {
    // The test devices take the release now; the other devices wait for the verdict whatever runs.
    await ctx.start({ task: verifying.testTask, trigger: 'rollout', targets: step.admitted }).catch((error: unknown) => ctx.log?.('warn', `verify ${verifying.task}: could not start "${verifying.testTask}": ${(error as Error).message}`));
  }
}

function toEvent(event: VerifyEvent, time: string): Parameters<StateStore['appendEvent']>[0] {
  return { type: event.type, subject: String(event.data.task), message: event.message, time, data: event.data };
}

/** A device's version from a verifying task: the release its test devices verified, or held (none verified yet). */
export type HeldVersion = { version: string } | { held: string } | undefined;

export async function verifiedVersion(config: RecordedConfig, store: Pick<StateStore, 'getVerification'>, device: string): Promise<HeldVersion> {
  const verifying = heldBy(config.model, device);
  if (!verifying) return undefined;
  const progress = await store.getVerification(verifying.task);
  if (progress?.approved) return { version: progress.approved.version };
  const testing = progress?.gate.version ? ` (verifying ${progress.gate.version})` : '';
  return { held: `held: the test devices of task ${verifying.testTask} have not verified a release of ${verifying.task} yet${testing}` };
}
