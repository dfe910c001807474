/**
 * What a device agent does (docs/design.md 1 "Type Update", seed 000): run the endpoint Update task
 * into its root for an assignment — the agent supervises the application, so a module install
 * ends with its restart and health check, and an unhealthy module is rolled back in the same run —
 * and report its status — databases, freshness (events once per transition, by `checkFreshness`),
 * application, restart — on each heartbeat. The assignment's settings are kept in the device
 * folder, so thresholds and the health check outlive an agent restart.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AgentEvent, AgentResult, DeviceHeartbeat, UpdateAssignment } from '../protocol/index.js';
import { checkFreshness, installPendingModule, loadTaskSettings, readDeviceState, restartApplication, runUpdateTask, saveTaskSettings } from '../endpoint/index.js';
import { deviceLayout } from '../endpoint/index.js';
import type { UpdateTaskSettings } from '../manifests/index.js';
import type { SyncProgress } from '../repository/index.js';
import { errorMessage } from './errors.js';
import { heldTimestamp } from './dp.js';

export interface DeviceOptions {
  /** Leave the restart after a module install pending until the agent next starts (settings changes are refused meanwhile). */
  deferRestart?: boolean;
}

export async function runDeviceAssignment(root: string, assignment: UpdateAssignment, signal: AbortSignal, options: DeviceOptions = {}, onProgress?: (p: SyncProgress) => void): Promise<AgentResult> {
  const started = Date.now();
  let trustRoot: string | undefined;
  await mkdir(root, { recursive: true });
  await saveTaskSettings(root, assignment.task, assignment.settings);
  if (assignment.trustRootJson) {
    trustRoot = path.join(root, '.trust-root.json');
    await writeFile(trustRoot, assignment.trustRootJson);
  }
  try {
    const result = await runUpdateTask({
      root,
      device: { name: assignment.device.name, ...(assignment.device.license ? { license: assignment.device.license } : {}) },
      ...(assignment.device.unlicensedUpdates !== undefined ? { knownUnlicensedUpdates: assignment.device.unlicensedUpdates } : {}),
      sources: assignment.sources,
      settings: assignment.settings,
      ...(assignment.version !== undefined ? { pin: assignment.version } : {}),
      now: new Date(),
      supervised: true,
      restartAfterInstall: options.deferRestart !== true,
      ...(trustRoot ? { trustRoot } : {}),
      signal,
      ...(onProgress ? { onProgress } : {}),
    });
    const reason = [result.reason, ...(result.status === 'failed' && result.code !== 'CANCELLED' ? assignment.problems : [])].filter(Boolean).join('; ');
    return {
      status: result.status,
      ...(reason ? { reason } : {}),
      files: result.files,
      bytes: result.bytes,
      durationMs: Date.now() - started,
      events: result.events.map(toEvent),
      unlicensedUpdates: result.unlicensedUpdates,
      ...(result.source ? { source: result.source } : {}),
      ...(result.fallbackReason ? { fallbackReason: result.fallbackReason } : {}),
    };
  } catch (error) {
    return { status: 'failed', reason: errorMessage(error), files: 0, bytes: 0, durationMs: Date.now() - started, events: [] };
  }
}

function toEvent(event: { type: string; message: string; data?: Record<string, unknown> }): AgentEvent {
  return { type: event.type, message: event.message, ...(event.data ? { data: event.data } : {}) };
}

/** Heartbeat status plus the freshness events not reported yet (one per transition). */
export async function deviceStatus(root: string, settings: UpdateTaskSettings | undefined): Promise<{ status: DeviceHeartbeat; events: AgentEvent[] }> {
  await mkdir(root, { recursive: true });
  const check = await checkFreshness({ root, now: new Date(), ...(settings ? { settings } : {}) });
  const state = await readDeviceState(deviceLayout(root).state);
  const timestamp = await heldTimestamp(deviceLayout(root).bases);
  const status: DeviceHeartbeat = {
    role: 'device',
    databaseVersion: state.installed.databaseVersion ?? null,
    published: check.published ?? null,
    freshness: check.freshness,
    basesMode: state.basesMode ?? (check.freshness === 'none' ? 'withoutDatabases' : 'normal'),
    applicationVersion: state.installed.applicationVersion ?? null,
    restartRequired: state.restartRequired,
    lastRestart: state.lastRestart ?? null,
    lastResult: state.lastResult ?? null,
    unlicensedUpdates: state.unlicensedUpdates,
    ...(state.pendingInstall ? { pendingInstall: state.pendingInstall } : {}),
    ...(timestamp ? { timestamp } : {}),
  };
  return { status, events: check.events.map(toEvent) };
}

/**
 * When a device agent starts: the settings of its last assignment (thresholds, health check), and
 * the restart a module install left pending (deferred, or the agent stopped before it) done now,
 * as the application's supervisor — its events (`ApplicationRolledBack`) go with the first heartbeat.
 */
export async function resumeDevice(root: string): Promise<{ settings: UpdateTaskSettings | undefined; events: AgentEvent[]; restart?: string }> {
  const settings = await loadTaskSettings(root);
  const state = await readDeviceState(deviceLayout(root).state);
  if (!state.restartRequired) return { settings, events: [] };
  const restarted = await restartApplication({ root, ...(settings ? { settings } : {}) });
  const restart = restarted.status === 'completed' ? `application restarted at ${restarted.applicationVersion ?? '?'}` : `application restart failed: ${restarted.reason ?? ''}`;
  return { settings, events: restarted.events.map(toEvent), restart };
}

/**
 * A module a run downloaded outside its maintenance window (`maintenanceWindows`), installed once
 * a window is open — asked before each heartbeat, so it survives an agent restart (state.json and
 * the saved settings say what waits and when). Its events go with that heartbeat.
 */
export async function installInWindow(root: string, settings: UpdateTaskSettings | undefined, options: DeviceOptions = {}): Promise<{ events: AgentEvent[]; line?: string }> {
  const outcome = await installPendingModule({ root, settings, now: new Date(), supervised: true, restartAfterInstall: options.deferRestart !== true });
  if (!outcome) return { events: [] };
  return { events: outcome.events.map(toEvent), line: `${outcome.status === 'completed' ? '' : 'maintenance window install failed: '}${outcome.reason}` };
}
