/** sha256 of files, for the publisher, the sync and their worker threads alike. */
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';

const CHUNK = 1024 * 1024;

export interface FileHash {
  sha256: string;
  /** Bytes read. With `maxBytes` (hashFileSync) a length above it means "too long": reading stopped there. */
  length: number;
}

/** Streams a file through sha256 (never buffers it whole: update files may be hundreds of MB). */
export async function hashFile(file: string): Promise<FileHash> {
  const hash = createHash('sha256');
  let length = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    length += bytes.length;
  }
  return { sha256: hash.digest('hex'), length };
}

/**
 * `hashFile` with blocking reads, for worker threads (a blocking read there costs nothing and
 * saves a thread hand-off per chunk). With `maxBytes` it reads at most one byte past it.
 */
export function hashFileSync(file: string, maxBytes = Infinity): FileHash {
  const fd = openSync(file, 'r');
  try {
    const hash = createHash('sha256');
    let length = hashPrefixSync(fd, hash, maxBytes);
    // One byte more is enough to tell "too long"; it is not hashed, the answer is a refusal.
    if (length === maxBytes && readSync(fd, Buffer.alloc(1), 0, 1, length) === 1) length += 1;
    return { sha256: hash.digest('hex'), length };
  } finally {
    closeSync(fd);
  }
}

/** Feeds the first `bytes` bytes of an open file into `hash`; answers how many there were (fewer at its end). */
export function hashPrefixSync(fd: number, hash: Hash, bytes: number): number {
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, bytes)));
  let done = 0;
  while (done < bytes) {
    const n = readSync(fd, buffer, 0, Math.min(buffer.length, bytes - done), done);
    if (n === 0) break;
    hash.update(n === buffer.length ? buffer : buffer.subarray(0, n));
    done += n;
  }
  return done;
}

/** sha256 of a file, or undefined when it cannot be read (missing counts as different). */
export async function sha256OfFile(file: string): Promise<string | undefined> {
  return hashFile(file).then(
    (h) => h.sha256,
    () => undefined,
  );
}
