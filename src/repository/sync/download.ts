/**
 * One verified file download (DESIGN.md 3, STYLE.md 8): streams into a `.part` file under
 * `.updops/partial/`, hashing as it goes; aborts as soon as more bytes arrive than declared
 * ("endless data"); resumes a partial file with `Range`; retries timeouts and dropped
 * connections with exponential backoff; renames into place only after length and sha256 match.
 */
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { UpdopsError } from '../../errors.js';
import { classifyNetworkError, isRetryable } from '../transport/index.js';
import type { Transport } from '../transport/index.js';
import { SYNC_DEFAULTS } from './types.js';

/**
 * Bytes the file stream may hold while a write is in flight. Socket chunks are ~64 KiB; with
 * the 16 KiB default every chunk became its own write(2), and those writes were the sync's
 * largest CPU cost. Buffered chunks are flushed together with one writev(2), without copying.
 */
const WRITE_BUFFER = 1024 * 1024;

export interface FileJob {
  /** Repository-relative path on the source, e.g. `targets/db/<sha>.daily.avc`. */
  rel: string;
  /** Name shown in errors: the target path. */
  label: string;
  length: number;
  /** Omitted for old-scheme files (SHA256SUMS declares no length). */
  declaresLength: boolean;
  sha256: string;
  part: string;
  final: string;
}

export interface DownloadHooks {
  retries: number;
  signal?: AbortSignal | undefined;
  onBytes: (n: number) => void;
  mismatchCode?: 'TUF_HASH_MISMATCH' | 'LEGACY_MISMATCH';
}

/** Returns the bytes that came over the wire for this file. */
export async function downloadFile(transport: Transport, job: FileJob, hooks: DownloadHooks): Promise<number> {
  let wire = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      wire += await attemptOnce(transport, job, hooks);
      return wire;
    } catch (error) {
      const failure = classifyNetworkError(error, `${transport.display}/${job.rel}`);
      if (!isRetryable(failure) || attempt >= hooks.retries || hooks.signal?.aborted) throw failure;
      await sleep(SYNC_DEFAULTS.backoffMs * 2 ** attempt, undefined, hooks.signal ? { signal: hooks.signal } : {});
    }
  }
}

async function attemptOnce(transport: Transport, job: FileJob, hooks: DownloadHooks): Promise<number> {
  await mkdir(path.dirname(job.part), { recursive: true });
  const hash = createHash('sha256');
  let have = await partialSize(job);
  if (have > 0) await hashExisting(job.part, hash);
  const res = await transport.get(job.rel, { ...(have > 0 ? { offset: have } : {}), ...(hooks.signal ? { signal: hooks.signal } : {}) });
  if (res.status !== 'ok') {
    throw new UpdopsError('SOURCE_NOT_FOUND', `${transport.display}: ${job.label} is listed but ${job.rel} is missing on the source`);
  }
  let hasher = hash;
  if (have > 0 && !res.resumed) {
    // The server ignored the range: start over.
    await truncate(job.part, 0);
    have = 0;
    hasher = createHash('sha256');
  }
  let received = 0;
  const limit = job.length;
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      hooks.onBytes(chunk.length);
      if (job.declaresLength && have + received > limit) {
        done(new UpdopsError('TUF_LENGTH_EXCEEDED', `target ${job.label}: length exceeds the ${limit} bytes the metadata declares (endless data attack); refused`));
        return;
      }
      hasher.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(res.body, guard, createWriteStream(job.part, { flags: have > 0 ? 'a' : 'w', highWaterMark: WRITE_BUFFER }));
  } catch (error) {
    if (error instanceof UpdopsError && error.code === 'TUF_LENGTH_EXCEEDED') await rm(job.part, { force: true });
    throw error;
  }
  await verifyAndPlace(job, have + received, hasher.digest('hex'), hooks);
  return received;
}

async function verifyAndPlace(job: FileJob, size: number, digest: string, hooks: DownloadHooks): Promise<void> {
  if (job.declaresLength && size < job.length) {
    throw new UpdopsError('SOURCE_UNREACHABLE', `target ${job.label}: the connection ended after ${size} of ${job.length} bytes`);
  }
  if (digest !== job.sha256) {
    await rm(job.part, { force: true });
    const code = hooks.mismatchCode ?? 'TUF_HASH_MISMATCH';
    throw new UpdopsError(code, `${code === 'LEGACY_MISMATCH' ? 'file' : 'target'} ${job.label}: sha256 ${digest} is not the ${job.sha256} the ${code === 'LEGACY_MISMATCH' ? 'SHA256SUMS' : 'metadata'} declares (modified file); refused`);
  }
  await mkdir(path.dirname(job.final), { recursive: true });
  await rename(job.part, job.final);
}

async function partialSize(job: FileJob): Promise<number> {
  let size: number;
  try {
    size = (await stat(job.part)).size;
  } catch {
    return 0;
  }
  // Without a declared length (old scheme) a part cannot be trusted to be a prefix: start over.
  if (!job.declaresLength || size > job.length) {
    await rm(job.part, { force: true });
    return 0;
  }
  // A complete-looking part is re-fetched from its last byte, so the range request stays valid.
  if (size === job.length && size > 0) {
    await truncate(job.part, size - 1);
    return size - 1;
  }
  return size;
}

async function hashExisting(file: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
}
