/**
 * One update run at a time per device root, against other processes; a lock left by a killed run
 * (its pid is gone) is taken over. Within the agent the lock is shared: the heartbeat's freshness
 * check reads the device state while a run is under way.
 */
import path from 'node:path';
import { acquirePidLock } from '../util/index.js';

export async function acquireDeviceLock(file: string): Promise<() => Promise<void>> {
  return acquirePidLock(file, { code: 'LOCKED', holder: 'another update run', guards: path.dirname(file), sharedWithinProcess: true });
}
