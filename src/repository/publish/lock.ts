/** One publish at a time per repository folder: two writers would interleave versions. */
import path from 'node:path';
import { acquirePidLock } from '../../util/index.js';

export const LOCK_FILE = '.updops-publish.lock';

export async function acquirePublishLock(repoDir: string): Promise<() => Promise<void>> {
  return acquirePidLock(path.join(repoDir, LOCK_FILE), { code: 'PUBLISH', holder: 'another publish', guards: repoDir });
}
