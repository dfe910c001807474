/**
 * File primitives for the atomic switch (docs/repository-format.md "Atomic switch"): every file
 * appears under its final name only by rename, so a reader never sees a partial file.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, link, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { tempNameFor } from '../../util/index.js';

export { TEMP_PREFIX, tempNameFor, writeFileAtomic } from '../../util/index.js';

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export { hashFile } from '../../util/index.js';

/**
 * Copies `source` to `target` through a temp file, hashing on the way, and renames it in only
 * when the copied bytes have the expected hash (the content may change while we publish).
 */
export async function copyVerified(source: string, target: string, expectedSha256: string): Promise<boolean> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = tempNameFor(target);
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(source, { highWaterMark: 1 << 20 }), tap, createWriteStream(temp));
    if (hash.digest('hex') !== expectedSha256) {
      await rm(temp, { force: true });
      return false;
    }
    await rename(temp, target);
    return true;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Puts a hard link to `source` at `target` (replacing what is there by rename); copies when the
 * filesystem refuses links (another device, FAT, some network shares). Returns bytes copied.
 */
export async function linkOrCopy(source: string, target: string): Promise<number> {
  await mkdir(path.dirname(target), { recursive: true });
  const [src, dst] = await Promise.all([stat(source), stat(target).catch(() => undefined)]);
  if (dst && dst.ino === src.ino && dst.dev === src.dev) return 0; // already that file
  const temp = tempNameFor(target);
  let copied = 0;
  try {
    try {
      await link(source, temp);
    } catch {
      await copyFile(source, temp);
      copied = src.size;
    }
    await rename(temp, target);
  } finally {
    await rm(temp, { force: true }); // rename onto the same inode leaves the temp link behind
  }
  return copied;
}

export async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
