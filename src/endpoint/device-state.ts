/**
 * The device's own memory between runs (`ROOT/state.json`, written atomically): the last
 * freshness status reported (events once per transition), the count of updates completed
 * without a current licence, the last result, a pending restart and installed versions.
 */
import { readFile } from 'node:fs/promises';
import type { BasesMode, Freshness } from './types.js';
import { writeFileAtomic } from '../util/index.js';

export interface PendingRestart {
  /** The version installed and waiting for the restart. */
  version: string;
  /** What to roll back to if the application is unhealthy after the restart. */
  previousVersion?: string;
  previousSettings?: Record<string, unknown>;
}

export interface PendingInstall {
  version: string;
  /** When the next window opens (ISO); absent when no window ever opens again. */
  opensAt?: string;
}

/** The last restart after a module install (shown by `updops status`). */
export interface RestartRecord {
  at: string;
  /** The version running after it (the previous one after a rollback). */
  version?: string;
  healthy: boolean;
  /** Set when the health check failed and the application was rolled back from this version. */
  rolledBackFrom?: string;
}

export interface DeviceState {
  formatVersion: 1;
  lastFreshness?: Freshness;
  unlicensedUpdates: number;
  basesMode?: BasesMode;
  restartRequired: boolean;
  pendingRestart?: PendingRestart;
  lastRestart?: RestartRecord;
  /** A downloaded module whose install waits for a maintenance window (`maintenanceWindows`); the agent installs it when one opens. */
  pendingInstall?: PendingInstall;
  lastResult?: { status: 'completed' | 'failed'; reason?: string; at: string; files: number; bytes: number };
  installed: { databaseVersion?: string; published?: string; applicationVersion?: string; downloadedModule?: string };
}

export function emptyState(): DeviceState {
  return { formatVersion: 1, unlicensedUpdates: 0, restartRequired: false, installed: {} };
}

export async function readDeviceState(file: string): Promise<DeviceState> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<DeviceState>;
    return { ...emptyState(), ...parsed, installed: { ...parsed.installed } };
  } catch {
    return emptyState();
  }
}

export async function writeDeviceState(file: string, state: DeviceState): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`);
}
