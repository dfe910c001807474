/**
 * What the agent calls between runs: the pending restart after a module install, settings
 * changes (refused while a restart is pending), and a freshness check without an update.
 */
import type { Application } from './app/types.js';
import type { UpdateTaskSettings } from '../manifests/index.js';
import { acquireDeviceLock } from './device-lock.js';
import { readDeviceState, writeDeviceState } from './device-state.js';
import { readInstalledDatabases } from './databases.js';
import { freshnessEvent, freshnessOf } from './freshness.js';
import { deviceLayout } from './layout.js';
import { defaultApplication, restartStep } from './run-update.js';
import { normalizeUpdateSettings } from './types.js';
import type { Freshness, UpdateEvent } from './types.js';

/** Seed: "Changes to the application settings made after the update is complete and before the application restarts are not saved." */
export const SETTINGS_NOT_SAVED_REASON =
  'changes to the application settings made after the update is complete and before the application restarts are not saved';

interface DeviceCall {
  root: string;
  app?: Application;
}

export type SettingsChange = { accepted: true } | { accepted: false; reason: string };

export async function changeSettings(call: DeviceCall & { settings: Record<string, unknown> }): Promise<SettingsChange> {
  const state = await readDeviceState(deviceLayout(call.root).state);
  if (state.restartRequired) {
    const version = state.pendingRestart?.version;
    return { accepted: false, reason: `${SETTINGS_NOT_SAVED_REASON}: restart the application${version ? ` (now at ${version})` : ''} first, then change them` };
  }
  await (call.app ?? defaultApplication(call.root)).writeSettings(call.settings);
  return { accepted: true };
}

export interface RestartResult {
  status: 'completed' | 'failed';
  reason?: string;
  applicationVersion?: string;
  events: UpdateEvent[];
}

/** Restarts after an install left `restartRequired`; an unhealthy application is rolled back (`ApplicationRolledBack`). */
export async function restartApplication(call: DeviceCall & { settings?: UpdateTaskSettings }): Promise<RestartResult> {
  const layout = deviceLayout(call.root);
  const release = await acquireDeviceLock(layout.lock);
  try {
    const state = await readDeviceState(layout.state);
    const tally = { events: [] as UpdateEvent[], failures: [] as { reason: string }[] };
    await restartStep(call.app ?? defaultApplication(call.root), normalizeUpdateSettings(call.settings), state, tally);
    await writeDeviceState(layout.state, state);
    const reason = tally.failures.map((f) => f.reason).join('; ');
    const version = state.installed.applicationVersion;
    return { status: reason ? 'failed' : 'completed', ...(reason ? { reason } : {}), ...(version ? { applicationVersion: version } : {}), events: tally.events };
  } finally {
    await release();
  }
}

export interface FreshnessCheck {
  freshness: Freshness;
  published?: string;
  events: UpdateEvent[];
}

/** The periodic check: an event only when the status changed since the last one reported. */
export async function checkFreshness(call: { root: string; settings?: UpdateTaskSettings; now: Date }): Promise<FreshnessCheck> {
  const layout = deviceLayout(call.root);
  const release = await acquireDeviceLock(layout.lock);
  try {
    const state = await readDeviceState(layout.state);
    const installed = await readInstalledDatabases(call.root);
    const freshness = freshnessOf(installed?.published, call.now, normalizeUpdateSettings(call.settings));
    const event = freshnessEvent(freshness, state.lastFreshness, installed?.published);
    state.lastFreshness = freshness;
    await writeDeviceState(layout.state, state);
    return { freshness, ...(installed?.published ? { published: installed.published } : {}), events: event ? [event] : [] };
  } finally {
    await release();
  }
}
