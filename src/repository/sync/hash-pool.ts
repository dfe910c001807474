/**
 * sha256 of whole files in worker threads (DESIGN.md 3 "Sync"). A download writes its bytes
 * on the main thread and, once the file is complete on disk, a worker reads it back (from the
 * page cache) and hashes it, so hashing file N runs on another core while file N+1 downloads.
 * The file is renamed into place only after this answer matches the metadata, exactly as with
 * hashing while streaming; hashing what is on disk also covers a resumed file's old bytes.
 * Workers are unreferenced while idle: an idle pool never keeps the process alive.
 */
import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const { createHash } = require('node:crypto');
const buffer = Buffer.allocUnsafe(1024 * 1024);
parentPort.on('message', ({ id, file, maxBytes }) => {
  let fd;
  try {
    fd = openSync(file, 'r');
    const hash = createHash('sha256');
    let size = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      size += n;
      if (size > maxBytes) break;
      hash.update(n === buffer.length ? buffer : buffer.subarray(0, n));
    }
    parentPort.postMessage({ id, size, sha256: hash.digest('hex') });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
});
`;

export interface FileHash {
  /** Bytes read; reading stops once it passes `maxBytes`, so a size above it means "too long". */
  size: number;
  sha256: string;
}

interface Pending {
  resolve: (hash: FileHash) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

/** One core stays for the downloads themselves; more than four hashers would only queue on I/O. */
const POOL_SIZE = Math.max(1, Math.min(4, availableParallelism() - 1));
const slots: Slot[] = [];
let nextId = 0;

function spawn(): Slot {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  worker.unref();
  const slot: Slot = { worker, pending: new Map() };
  const fail = (error: Error): void => {
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    for (const p of slot.pending.values()) p.reject(error);
    slot.pending.clear();
  };
  worker.on('message', (message: { id: number; size?: number; sha256?: string; error?: { message: string; code?: string } }) => {
    const p = slot.pending.get(message.id);
    if (!p) return;
    slot.pending.delete(message.id);
    if (slot.pending.size === 0) worker.unref();
    if (message.error) p.reject(Object.assign(new Error(message.error.message), message.error.code ? { code: message.error.code } : {}));
    else p.resolve({ size: message.size ?? 0, sha256: message.sha256 ?? '' });
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`hash worker exited with code ${code}`)));
  return slot;
}

function pick(): Slot {
  const idle = slots.find((s) => s.pending.size === 0);
  if (idle) return idle;
  if (slots.length < POOL_SIZE) {
    const slot = spawn();
    slots.push(slot);
    return slot;
  }
  return slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
}

/** sha256 of a whole file, hashed in a worker thread; reads at most a little past `maxBytes`. */
export function hashFileInWorker(file: string, maxBytes: number): Promise<FileHash> {
  let slot: Slot;
  try {
    slot = pick();
  } catch {
    return hashFileHere(file, maxBytes);
  }
  const id = nextId++;
  return new Promise<FileHash>((resolve, reject) => {
    slot.pending.set(id, { resolve, reject });
    slot.worker.ref();
    slot.worker.postMessage({ id, file, maxBytes });
  });
}

/** The same answer on this thread (no worker could be started). */
async function hashFileHere(file: string, maxBytes: number): Promise<FileHash> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) break;
    hash.update(chunk as Buffer);
  }
  return { size, sha256: hash.digest('hex') };
}
