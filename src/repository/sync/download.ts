/**
 * One verified file download (docs/design.md 3, docs/style.md 8): streams into a `.part` file under
 * `.updops/partial/`; aborts as soon as more bytes arrive than declared ("endless data");
 * resumes a partial file with `Range`; retries timeouts and dropped connections with
 * exponential backoff; renames into place only after length and sha256 match.
 *
 * Cost per file matters as much as cost per byte (500 files of a 1 GB sync cost more than the
 * bytes): the body goes straight from the response's 'data' events to writev(2) on a plain fd,
 * and the quick metadata calls (stat, mkdir, open, close, rename) are made synchronously —
 * each is microseconds on a local disk, while sending it to the libuv pool cost a thread
 * hand-off per call. Large files are hashed by a worker once complete (see hash-pool.ts),
 * small ones as they stream.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, truncateSync, writev } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { UpdopsError } from '../../errors.js';
import { BodyCheck, classifyNetworkError, isRetryable } from '../transport/index.js';
import type { Transport } from '../transport/index.js';
import { hashFileInWorker } from './hash-pool.js';
import { SYNC_DEFAULTS } from './types.js';

/**
 * Bytes held while a write is in flight before the response is paused. Socket chunks are
 * ~64 KiB; chunks that arrive during a write go out together in the next writev(2).
 */
const WRITE_BUFFER = 1024 * 1024;

/**
 * Files at least this large (declared length) are hashed by a worker once complete on disk, so
 * their hashing runs on another core while the next files download; smaller ones are hashed as
 * they stream, where a thread hop would cost more than the hash.
 */
const WORKER_HASH_MIN = 1024 * 1024;

/**
 * Files at least this large are fetched whole by a download worker when the transport offers it
 * (HTTP without a proxy, http-file-workers.ts): receiving, writing and hashing then run on every
 * core. Below it, the message round trip costs more than the thread saves.
 */
export const WORKER_DOWNLOAD_MIN = 256 * 1024;

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
  /** Override of WORKER_DOWNLOAD_MIN (tests send small files through the workers too). */
  workerMin?: number | undefined;
  signal?: AbortSignal | undefined;
  onBytes: (n: number) => void;
  mismatchCode?: 'TUF_HASH_MISMATCH' | 'LEGACY_MISMATCH';
  /** Folders already created during this sync (saves a mkdir per file); shared by its downloads. */
  dirs?: Set<string>;
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
  if (transport.fetchToFile && job.declaresLength && job.length >= (hooks.workerMin ?? WORKER_DOWNLOAD_MIN)) {
    return attemptInWorker(transport, job, hooks);
  }
  const inWorker = job.declaresLength && job.length >= WORKER_HASH_MIN;
  let have = partialSize(job);
  const res = await transport.get(job.rel, { ...(have > 0 ? { offset: have } : {}), ...(hooks.signal ? { signal: hooks.signal } : {}) });
  if (res.status !== 'ok') throw missingOnSource(transport, job);
  if (have > 0 && !res.resumed) {
    // The server ignored the range: start over.
    truncateSync(job.part, 0);
    have = 0;
  }
  const limit = job.declaresLength ? job.length : undefined;
  let check: BodyCheck;
  try {
    if (have === 0) check = BodyCheck.fresh(limit, !inWorker);
    else check = inWorker ? BodyCheck.resumed(have, limit) : resumedCheck(job.part, have, limit);
  } catch (error) {
    res.body.destroy();
    throw error;
  }
  const accept = (chunk: Buffer): void => {
    const admitted = check.admit(chunk);
    hooks.onBytes(chunk.length);
    if (!admitted) throw lengthExceeded(job);
  };
  try {
    await writeBody(res.body, job.part, have > 0, accept, hooks.dirs);
  } catch (error) {
    if (error instanceof UpdopsError && error.code === 'TUF_LENGTH_EXCEEDED') rmSync(job.part, { force: true });
    throw error;
  }
  if (inWorker) {
    // The whole file as it is on disk, resumed bytes included. The worker reads no further
    // than one byte past the declared length, so a file that grew meanwhile is refused.
    const onDisk = await hashFileInWorker(job.part, job.length);
    verifyAndPlace(job, onDisk.length, onDisk.sha256, hooks);
  } else {
    verifyAndPlace(job, check.size, check.digest(), hooks);
  }
  return check.received;
}

/** The check of a body appended to a kept part, whose bytes (small here: see WORKER_HASH_MIN) are hashed first. */
function resumedCheck(part: string, kept: number, limit: number | undefined): BodyCheck {
  const fd = openSync(part, 'r');
  try {
    return BodyCheck.resumed(kept, limit, fd);
  } finally {
    closeSync(fd);
  }
}

/** One attempt by a download worker: it writes and hashes the part; here it is verified and placed. */
async function attemptInWorker(transport: Transport, job: FileJob, hooks: DownloadHooks): Promise<number> {
  const have = partialSize(job);
  ensureDir(path.dirname(job.part), hooks.dirs);
  const res = await transport.fetchToFile!(job.rel, { offset: have, limit: job.length, part: job.part, signal: hooks.signal, onBytes: hooks.onBytes });
  if (res.status === 'not-found') throw missingOnSource(transport, job);
  if (res.status === 'length-exceeded') {
    rmSync(job.part, { force: true });
    throw lengthExceeded(job);
  }
  verifyAndPlace(job, res.size, res.sha256, hooks);
  return res.received;
}

const missingOnSource = (transport: Transport, job: FileJob): UpdopsError =>
  new UpdopsError('SOURCE_NOT_FOUND', `${transport.display}: ${job.label} is listed but ${job.rel} is missing on the source`);

const lengthExceeded = (job: FileJob): UpdopsError =>
  new UpdopsError('TUF_LENGTH_EXCEEDED', `target ${job.label}: length exceeds the ${job.length} bytes the metadata declares (endless data attack); refused`);

/**
 * Appends (or writes) the response body to `file`. `accept` sees every chunk before it is
 * queued and may throw to abort (the response is destroyed, nothing more is written). While a
 * writev(2) is in flight, chunks queue; past WRITE_BUFFER the response is paused.
 */
function writeBody(body: Readable, file: string, append: boolean, accept: (chunk: Buffer) => void, dirs: Set<string> | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let fd: number;
    try {
      fd = withDir(file, dirs, () => openSync(file, append ? 'a' : 'w'));
    } catch (error) {
      body.destroy();
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    let queue: Buffer[] = [];
    let queued = 0;
    let writing = false;
    let ended = false;
    let failure: Error | undefined;
    let settled = false;
    let stopWatching = (): void => undefined;

    const settle = (): void => {
      if (settled || writing || (failure === undefined && !(ended && queue.length === 0))) return;
      settled = true;
      stopWatching();
      body.off('data', onData);
      try {
        closeSync(fd);
      } catch (error) {
        failure ??= error as Error;
      }
      if (failure === undefined) resolve();
      else reject(failure);
    };
    const fail = (error: Error): void => {
      if (failure !== undefined) return;
      failure = error;
      queue = [];
      queued = 0;
      body.destroy();
      settle();
    };
    const flush = (): void => {
      const buffers = queue;
      const size = queued;
      queue = [];
      queued = 0;
      writing = true;
      writeAll(fd, buffers, size, (error) => {
        writing = false;
        if (error) {
          fail(error);
          return;
        }
        if (failure === undefined) {
          if (queue.length > 0) flush();
          if (body.isPaused()) body.resume();
        }
        settle();
      });
    };
    function onData(chunk: Buffer): void {
      if (failure !== undefined) return;
      try {
        accept(chunk);
      } catch (error) {
        fail(error as Error);
        return;
      }
      queue.push(chunk);
      queued += chunk.length;
      if (!writing) flush();
      else if (queued >= WRITE_BUFFER) body.pause();
    }
    body.on('data', onData);
    stopWatching = finished(body, (error) => {
      if (error) {
        fail(error);
        return;
      }
      ended = true;
      if (!writing && queue.length > 0) flush();
      settle();
    });
  });
}

/** writev(2) until every byte is written (a regular file may take fewer bytes than offered). */
function writeAll(fd: number, buffers: Buffer[], size: number, done: (error: Error | null) => void): void {
  writev(fd, buffers, (error, written) => {
    if (error) {
      done(error);
      return;
    }
    if (written >= size) {
      done(null);
      return;
    }
    let skip = written;
    const rest: Buffer[] = [];
    for (const buffer of buffers) {
      if (skip >= buffer.length) {
        skip -= buffer.length;
        continue;
      }
      rest.push(skip > 0 ? buffer.subarray(skip) : buffer);
      skip = 0;
    }
    writeAll(fd, rest, size - written, done);
  });
}

/** The one comparison of a complete part with the metadata: its length, then its sha256; then the rename into place. */
function verifyAndPlace(job: FileJob, size: number, digest: string, hooks: DownloadHooks): void {
  if (job.declaresLength && size > job.length) {
    rmSync(job.part, { force: true });
    throw lengthExceeded(job);
  }
  if (job.declaresLength && size < job.length) {
    throw new UpdopsError('SOURCE_UNREACHABLE', `target ${job.label}: the connection ended after ${size} of ${job.length} bytes`);
  }
  if (digest !== job.sha256) {
    rmSync(job.part, { force: true });
    const code = hooks.mismatchCode ?? 'TUF_HASH_MISMATCH';
    throw new UpdopsError(code, `${code === 'LEGACY_MISMATCH' ? 'file' : 'target'} ${job.label}: sha256 ${digest} is not the ${job.sha256} the ${code === 'LEGACY_MISMATCH' ? 'SHA256SUMS' : 'metadata'} declares (modified file); refused`);
  }
  withDir(job.final, hooks.dirs, () => renameSync(job.part, job.final));
}

/** Runs `make` (which creates `file`) once its folder exists; remakes a folder removed meanwhile. */
function withDir<T>(file: string, dirs: Set<string> | undefined, make: () => T): T {
  const dir = path.dirname(file);
  ensureDir(dir, dirs);
  try {
    return make();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !dirs?.delete(dir)) throw error;
    ensureDir(dir, dirs);
    return make();
  }
}

/** mkdir -p, once per folder per sync when `dirs` is given. */
function ensureDir(dir: string, dirs: Set<string> | undefined): void {
  if (dirs?.has(dir)) return;
  mkdirSync(dir, { recursive: true });
  dirs?.add(dir);
}

function partialSize(job: FileJob): number {
  const size = statSync(job.part, { throwIfNoEntry: false })?.size ?? 0;
  if (size === 0) return 0;
  // Without a declared length (old scheme) a part cannot be trusted to be a prefix: start over.
  if (!job.declaresLength || size > job.length) {
    rmSync(job.part, { force: true });
    return 0;
  }
  // A complete-looking part is re-fetched from its last byte, so the range request stays valid.
  if (size === job.length) {
    truncateSync(job.part, size - 1);
    return size - 1;
  }
  return size;
}

