/**
 * A small pool of worker threads, each running one module of ours (a `*-thread.ts` beside its
 * user). Jobs are numbered; replies carry the number back. A worker is unreferenced while it has
 * nothing pending, so an idle pool never keeps the process alive; one that dies fails its
 * pending jobs and is replaced on demand.
 */
import { Worker } from 'node:worker_threads';
import type { WorkerOptions } from 'node:worker_threads';

/**
 * The worker module `name` beside the module at `from` (its `import.meta.url`), with that
 * module's own extension: `.js` in `dist/`, `.ts` when running from source under a TypeScript
 * loader (tsx, tap).
 */
export function siblingModule(from: string, name: string): URL {
  const ext = /\.[cm]?[jt]s$/.exec(new URL(from).pathname)?.[0] ?? '.js';
  return new URL(`./${name}${ext}`, from);
}

/**
 * A worker thread running `module`. A compiled module starts as it is; a TypeScript one (from
 * source) starts through worker-from-source.mjs, which makes sure a TypeScript loader is
 * registered in the new thread (the parent's loader flags are inherited, but not every loader
 * registers itself in workers).
 */
export function startWorker(module: URL, options: WorkerOptions = {}): Worker {
  if (!/\.[cm]?ts$/.test(module.pathname)) return new Worker(module, options);
  return new Worker(new URL('./worker-from-source.mjs', import.meta.url), { ...options, argv: [module.href] });
}

/** An error as it crosses from a worker thread: its message and its `code`, which decides retries. */
export interface ThreadError {
  message: string;
  code?: string | undefined;
}

export function toThreadError(error: unknown): ThreadError {
  const code = (error as { code?: unknown } | null)?.code;
  return { message: error instanceof Error ? error.message : String(error), code: typeof code === 'string' ? code : undefined };
}

export function fromThreadError(error: ThreadError): Error {
  return Object.assign(new Error(error.message), error.code ? { code: error.code } : {});
}

export interface Job {
  reject: (error: Error) => void;
}

interface Slot<J extends Job> {
  worker: Worker;
  pending: Map<number, J>;
}

/** What a reply did to its job: `done` ends it (the worker may go idle), `more` expects more replies. */
export type ReplyOutcome = 'done' | 'more';

/**
 * `Req`: a job's message to its worker (the pool adds `id`); `Ctl`: other messages to workers;
 * `R`: a worker's replies, carrying the job's `id`; `J`: what the caller keeps for each job.
 */
export class WorkerPool<Req extends { id: number }, Ctl, R extends { id: number }, J extends Job> {
  private readonly slots: Slot<J>[] = [];
  private nextId = 0;

  constructor(
    /** The worker module (see `siblingModule`). */
    private readonly module: URL,
    private readonly size: number,
    private readonly onReply: (reply: R, job: J) => ReplyOutcome,
  ) {}

  /** Sends `message` (plus its `id`) to the least busy worker; answers the id and its worker's mailbox. */
  submit(message: Omit<Req, 'id'>, job: J): { id: number; post: (message: Ctl) => void } {
    const slot = this.pick();
    const id = this.nextId++;
    slot.pending.set(id, job);
    slot.worker.ref();
    slot.worker.postMessage({ ...message, id });
    return { id, post: (m) => slot.worker.postMessage(m) };
  }

  /** A message to every live worker (e.g. "close your connections"). */
  broadcast(message: Ctl): void {
    for (const slot of this.slots) slot.worker.postMessage(message);
  }

  private pick(): Slot<J> {
    const idle = this.slots.find((s) => s.pending.size === 0);
    if (idle) return idle;
    if (this.slots.length < this.size) return this.spawn();
    return this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  private spawn(): Slot<J> {
    const worker = startWorker(this.module);
    worker.unref();
    const slot: Slot<J> = { worker, pending: new Map() };
    const fail = (error: Error): void => {
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      for (const job of slot.pending.values()) job.reject(error);
      slot.pending.clear();
    };
    worker.on('message', (reply: R) => {
      const job = slot.pending.get(reply.id);
      if (!job || this.onReply(reply, job) === 'more') return;
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) worker.unref();
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`worker thread exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }
}
