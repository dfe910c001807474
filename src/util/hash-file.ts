import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Streams a file through sha256 (never buffers it whole: update files may be hundreds of MB). */
export async function hashFile(file: string): Promise<{ sha256: string; length: number }> {
  const hash = createHash('sha256');
  let length = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    length += bytes.length;
  }
  return { sha256: hash.digest('hex'), length };
}

/** sha256 of a file, or undefined when it cannot be read (missing counts as different). */
export async function sha256OfFile(file: string): Promise<string | undefined> {
  return hashFile(file).then(
    (h) => h.sha256,
    () => undefined,
  );
}
