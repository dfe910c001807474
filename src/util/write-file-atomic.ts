/**
 * The one atomic file write (docs/repository-format.md "Atomic switch"): a reader sees the old
 * bytes or the new ones, never part of either, and once the promise resolves the new bytes
 * survive a crash or power loss.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Temp names start with a dot so `updops serve` never serves them and prune can spot leftovers. */
export const TEMP_PREFIX = '.tmp-';

/** A fresh temp name in the folder of `target`: only a rename within one folder is atomic. */
export function tempNameFor(target: string): string {
  return path.join(path.dirname(target), `${TEMP_PREFIX}${randomBytes(6).toString('hex')}-${path.basename(target)}`);
}

/**
 * Writes to a temp file beside `target`, fsyncs it, renames it into place and fsyncs the folder.
 * Without the first fsync a crash can leave the new name pointing at empty or partial data; the
 * folder fsync makes the rename itself durable.
 */
export async function writeFileAtomic(target: string, data: Uint8Array | string): Promise<void> {
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true });
  const temp = tempNameFor(target);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(dir);
}

/** Codes of filesystems and platforms (Windows) that cannot fsync a folder; their rename is as durable as it gets. */
const FOLDER_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EINVAL', 'EPERM', 'EACCES', 'ENOTSUP', 'EBADF']);

async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (!FOLDER_SYNC_UNSUPPORTED.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  }
}
