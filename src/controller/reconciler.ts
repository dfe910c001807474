/**
 * The reconcile loop (docs/design.md 2, docs/design.md intro use 1): follow a branch, and when its head
 * differs from the last applied commit, plan and apply it — one reconcile at a time. An invalid
 * commit keeps the last applied state, appends one `ReconcileFailed` event and is not retried
 * until a new commit arrives; an unreachable remote is reported once per failure streak.
 */
import { hostname } from 'node:os';
import { isUpdopsError } from '../errors.js';
import { isGitUrl } from '../manifests/index.js';
import { headCommit, resolveConfigSource } from '../manifests/index.js';
import { applyPlan, type ApplyResult } from '../plan/index.js';
import type { RunOutcome, RunRequest } from '../runs/index.js';
import { InvalidConfigError, preparePlan } from '../plan/index.js';
import type { StateStore } from '../state/index.js';
import type { Activity } from './activity.js';
import { CONTROLLER_EVENTS } from './events.js';
import type { Clock, ControllerObserver, ReconcileResult } from './types.js';

export interface ReconcilerOptions {
  config: string;
  ref?: string;
  store: StateStore;
  clock: Clock;
  activity: Activity;
  prune: boolean;
  maxDeletes: number;
  concurrency: number;
  timeZone: string;
  signal: AbortSignal;
  env?: NodeJS.ProcessEnv;
  cacheDir?: string;
  observer?: ControllerObserver;
  /** Runs what an apply starts (the controller's runner), after the objects are written; `configDir` holds the files of the commit just recorded. */
  execute(requests: RunRequest[], configDir: string): Promise<RunOutcome[]>;
  /** After an apply: the new recorded state is in the store (the controller refreshes its view). */
  onApplied(): Promise<void>;
  /** After any reconcile that read the config: where the files of the commit are. */
  onConfigDir(dir: string): void;
}

const MAX_ERROR_LINES = 5;

/** The first lines of what went wrong, each problem with its file:line:col (docs/design.md 4). */
function describeError(error: unknown): string {
  if (error instanceof InvalidConfigError) {
    const lines = error.problems.map((p) => (p.location ? `${p.location.file}:${p.location.line}:${p.location.col}: ${p.message}` : p.message));
    const more = lines.length > MAX_ERROR_LINES ? [`… and ${lines.length - MAX_ERROR_LINES} more`] : [];
    return [error.message, ...lines.slice(0, MAX_ERROR_LINES), ...more].join('\n');
  }
  return isUpdopsError(error) || error instanceof Error ? error.message.split('\n').slice(0, MAX_ERROR_LINES).join('\n') : String(error);
}

export class Reconciler {
  readonly #o: ReconcilerOptions;
  #queue: Promise<unknown> = Promise.resolve();
  #lastApplied: string | undefined;
  #lastFailed: { commit: string; error: string } | undefined;
  #unreachable = false;
  #lastFailureKey: string | undefined;
  #directory: boolean | undefined;
  #initialised = false;

  constructor(options: ReconcilerOptions) {
    this.#o = options;
  }

  /** Serialized: a reconcile asked for while one runs waits for it (webhook + poll at once). */
  reconcile(reason: string): Promise<ReconcileResult> {
    const next = this.#queue.then(() => this.#o.activity.track(() => this.#timed(reason)));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves when the reconcile in progress (if any) is done. */
  async drain(): Promise<void> {
    await this.#queue;
  }

  /** Polls the branch every `pollMs` on the clock until the controller stops. */
  async loop(pollMs: number): Promise<void> {
    const { signal, clock, activity } = this.#o;
    while (!signal.aborted) {
      try {
        await activity.sleep(clock, pollMs, signal);
      } catch {
        return;
      }
      await this.reconcile('poll').catch(() => undefined);
    }
  }

  async #timed(reason: string): Promise<ReconcileResult> {
    const started = performance.now();
    const result = await this.#reconcile(reason);
    this.#o.observer?.reconciled?.(result, performance.now() - started);
    return result;
  }

  async #reconcile(reason: string): Promise<ReconcileResult> {
    const { store, config, ref, observer } = this.#o;
    if (!this.#initialised) {
      this.#lastApplied = (await store.listHistory(1))[0]?.commit;
      this.#initialised = true;
    }
    let head: string | undefined;
    try {
      head = await headCommit(config, ref);
    } catch (error) {
      if (!(await this.#isPlainDirectory())) return this.#unreachableResult(error);
    }
    this.#unreachable = false;
    if (head !== undefined && head === this.#lastApplied) return { status: 'unchanged', commit: head };
    if (head !== undefined && head === this.#lastFailed?.commit) return { status: 'failed', commit: head, error: this.#lastFailed.error };
    observer?.log?.('info', `reconciling ${head?.slice(0, 12) ?? config} (${reason})`, { commit: head, reason });
    return this.#planAndApply(head);
  }

  async #planAndApply(head: string | undefined): Promise<ReconcileResult> {
    const o = this.#o;
    let prepared;
    try {
      // Pin the commit just read, so a push between ls-remote and fetch cannot slip in unseen.
      const pinned = head ?? o.ref;
      prepared = await preparePlan({ config: o.config, ...(pinned ? { ref: pinned } : {}), store: o.store, prune: o.prune, now: o.clock.now(), timeZone: o.timeZone, ...(o.env ? { env: o.env } : {}), ...(o.cacheDir ? { cacheDir: o.cacheDir } : {}) });
    } catch (error) {
      return this.#failed(head, error, error instanceof InvalidConfigError);
    }
    const { saved } = prepared;
    const configDir = saved.config.dir ?? o.config;
    const isDirectory = head === undefined;
    // A plain folder has no commits to compare: only object changes are worth an apply there.
    if (isDirectory && saved.plan.changes.length === 0) {
      o.onConfigDir(configDir);
      return { status: 'unchanged', commit: null, plan: saved.plan };
    }
    let result: ApplyResult;
    try {
      result = await applyPlan(saved, { store: o.store, holder: { owner: 'updops-controller', host: hostname(), pid: process.pid }, maxDeletes: o.maxDeletes, execute: (requests) => o.execute(requests, configDir) });
    } catch (error) {
      // A refused apply (lock held, too many deletes, stale plan) is retried on the next poll.
      return this.#failed(head, error, false);
    }
    this.#lastApplied = head;
    this.#lastFailed = undefined;
    this.#lastFailureKey = undefined;
    o.onConfigDir(configDir);
    await o.onApplied();
    const summary = `${result.created} created, ${result.updated} updated, ${result.deleted} deleted; ${result.runs.length} ${result.runs.length === 1 ? 'run' : 'runs'} started`;
    await o.store.appendEvent({ type: CONTROLLER_EVENTS.applied, subject: head ?? o.config, message: `applied ${head?.slice(0, 12) ?? o.config}: ${summary}`, time: o.clock.now().toISOString(), data: { commit: head ?? null, serial: result.serial } });
    return { status: 'applied', commit: head ?? null, plan: saved.plan };
  }

  /**
   * An invalid commit (`remember`) is not planned again until the branch moves. Other failures
   * (lock held, too many deletes, a fetch error) are retried on the next poll; the same failure
   * of the same commit is reported once.
   */
  async #failed(head: string | undefined, error: unknown, remember: boolean): Promise<ReconcileResult> {
    const message = describeError(error);
    const key = `${head ?? ''}\u0000${message}`;
    if (remember && head !== undefined) this.#lastFailed = { commit: head, error: message };
    if (key !== this.#lastFailureKey) {
      this.#lastFailureKey = key;
      await this.#o.store.appendEvent({ type: CONTROLLER_EVENTS.reconcileFailed, subject: head ?? this.#o.config, message, time: this.#o.clock.now().toISOString(), data: { commit: head ?? null, code: isUpdopsError(error) ? error.code : 'INTERNAL' } });
    }
    this.#o.observer?.log?.('warn', `reconcile of ${head?.slice(0, 12) ?? this.#o.config} failed: ${message.split('\n')[0]}`, { commit: head });
    return { status: 'failed', commit: head ?? null, error: message };
  }

  async #unreachableResult(error: unknown): Promise<ReconcileResult> {
    const message = describeError(error);
    if (!this.#unreachable) {
      this.#unreachable = true;
      await this.#o.store.appendEvent({ type: CONTROLLER_EVENTS.configUnreachable, subject: this.#o.config, message, time: this.#o.clock.now().toISOString() });
    }
    return { status: 'failed', commit: null, error: message };
  }

  /** A folder that is not a git repository has no head to poll: it is planned on every poll instead. */
  async #isPlainDirectory(): Promise<boolean> {
    if (this.#directory !== undefined) return this.#directory;
    if (isGitUrl(this.#o.config)) return (this.#directory = false);
    try {
      const source = await resolveConfigSource({ config: this.#o.config, ...(this.#o.cacheDir ? { cacheDir: this.#o.cacheDir } : {}) });
      return (this.#directory = source.source === 'directory');
    } catch {
      return false; // missing folder: unreachable, and asked again next time
    }
  }
}
