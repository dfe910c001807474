/** One update run at a time per device root; a lock left by a killed run (its pid is gone) is taken over. */
import path from 'node:path';
import { acquirePidLock } from '../util/index.js';

export async function acquireDeviceLock(file: string): Promise<() => Promise<void>> {
  return acquirePidLock(file, { code: 'LOCKED', holder: 'another update run', guards: path.dirname(file) });
}
