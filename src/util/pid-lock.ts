/**
 * A lock file holding the pid of its holder: created exclusively, so of two processes only one
 * gets it; a lock whose holder is gone (killed, crashed) is taken over instead of blocking for ever.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { UpdopsError } from '../errors.js';
import type { ErrorCode } from '../errors.js';

/**
 * Written beside the pid. A lock with this process's pid but another id was left by an earlier
 * process that had the same pid (a container's agent is pid 1 after every restart): stale. With
 * this id it is held by this very process, which must wait like anyone else.
 */
const PROCESS_ID = randomUUID();

export interface PidLockOptions {
  /** The error code a held lock is reported with. */
  code: ErrorCode;
  /** Who holds it, for the message: "another publish", "another update run". */
  holder: string;
  /** What it guards, for the message: usually the folder. */
  guards: string;
  /**
   * Calls in this process share the lock instead of refusing each other; it is removed when the
   * last of them releases it. The device root is locked against other processes, while in its
   * agent an update run and the heartbeat's freshness check overlap by design.
   */
  sharedWithinProcess?: boolean;
}

export type ReleaseLock = () => Promise<void>;

/** Whether a process with this pid exists on this machine. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by another user
  }
}

function parseHolder(text: string): { pid: number; processId: string | undefined } {
  const [pid, processId] = text.trim().split(/\s+/);
  return { pid: Number(pid), processId };
}

function holderIsLive(holder: { pid: number; processId: string | undefined }): boolean {
  if (!Number.isInteger(holder.pid) || holder.pid <= 0) return false; // empty or torn: its writer died mid-write
  if (holder.pid === process.pid) return holder.processId === PROCESS_ID;
  return isAlive(holder.pid);
}

/** Shared locks held by this process: how many calls hold each, and how to remove its file. */
const shared = new Map<string, { count: number; releaseFile: ReleaseLock }>();
/** Per lock file, the tail of its queue: taking and releasing a shared lock run one after another. */
const queues = new Map<string, Promise<unknown>>();

function inTurn<T>(key: string, step: () => Promise<T>): Promise<T> {
  const result = (queues.get(key) ?? Promise.resolve()).then(step);
  const tail = result.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return result;
}

export async function acquirePidLock(file: string, options: PidLockOptions): Promise<ReleaseLock> {
  if (!options.sharedWithinProcess) return acquireFile(file, options);
  const key = path.resolve(file);
  await inTurn(key, async () => {
    const held = shared.get(key);
    if (held) held.count += 1;
    else shared.set(key, { count: 1, releaseFile: await acquireFile(file, options) });
  });
  let released = false;
  return () => {
    if (released) return Promise.resolve();
    released = true;
    return inTurn(key, async () => {
      const held = shared.get(key);
      if (!held || --held.count > 0) return;
      shared.delete(key);
      await held.releaseFile();
    });
  };
}

async function acquireFile(file: string, options: PidLockOptions): Promise<ReleaseLock> {
  await mkdir(path.dirname(file), { recursive: true });
  const content = `${process.pid} ${PROCESS_ID}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(content);
      } finally {
        await handle.close();
      }
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const seen = await readFile(file, 'utf8').catch(() => '');
      const holder = parseHolder(seen);
      if (holderIsLive(holder)) {
        throw new UpdopsError(options.code, `${options.holder} (pid ${holder.pid}) is using ${options.guards}; wait for it to finish (if pid ${holder.pid} is not updops, remove ${file})`);
      }
      // Stale: take it over, unless another process just did (then the next attempt sees its pid).
      if ((await readFile(file, 'utf8').catch(() => '')) === seen) await rm(file, { force: true });
    }
  }
  throw new UpdopsError(options.code, `cannot take the lock ${file} for ${options.guards}`);
}
