/**
 * A small pool of worker threads running one eval'd CommonJS source (no build step, so the same
 * code runs from `src/` under tsx and from `dist/`). Jobs are numbered; replies carry the
 * number back. A worker is unreferenced while it has nothing pending, so an idle pool never
 * keeps the process alive; one that dies fails its pending jobs and is replaced on demand.
 */
import { Worker } from 'node:worker_threads';

export interface Job {
  reject: (error: Error) => void;
}

interface Slot<J extends Job> {
  worker: Worker;
  pending: Map<number, J>;
}

/** What a reply did to its job: `done` ends it (the worker may go idle), `more` expects more replies. */
export type ReplyOutcome = 'done' | 'more';

export class WorkerPool<R extends { id: number }, J extends Job> {
  private readonly slots: Slot<J>[] = [];
  private nextId = 0;

  constructor(
    private readonly source: string,
    private readonly size: number,
    private readonly onReply: (reply: R, job: J) => ReplyOutcome,
  ) {}

  /** Sends `message` (plus its `id`) to the least busy worker; answers the id and its worker's mailbox. */
  submit(message: object, job: J): { id: number; post: (message: object) => void } {
    const slot = this.pick();
    const id = this.nextId++;
    slot.pending.set(id, job);
    slot.worker.ref();
    slot.worker.postMessage({ ...message, id });
    return { id, post: (m) => slot.worker.postMessage(m) };
  }

  /** A message to every live worker (e.g. "close your connections"). */
  broadcast(message: object): void {
    for (const slot of this.slots) slot.worker.postMessage(message);
  }

  private pick(): Slot<J> {
    const idle = this.slots.find((s) => s.pending.size === 0);
    if (idle) return idle;
    if (this.slots.length < this.size) return this.spawn();
    return this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  private spawn(): Slot<J> {
    const worker = new Worker(this.source, { eval: true });
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
