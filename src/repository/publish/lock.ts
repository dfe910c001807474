/** One publish at a time per repository folder: two writers would interleave versions. */
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { UpdopsError } from '../../errors.js';

export const LOCK_FILE = '.updops-publish.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function acquirePublishLock(repoDir: string): Promise<() => Promise<void>> {
  const file = path.join(repoDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new UpdopsError('PUBLISH', `another publish (pid ${pid}) is writing ${repoDir}; wait for it or remove ${file} if it is stale`);
      }
      await rm(file, { force: true }); // left by a publish that died: take over
    }
  }
  throw new UpdopsError('PUBLISH', `cannot lock ${repoDir} for publishing (${file})`);
}
