/**
 * The reconcile loop (docs/design.md 2, docs/design.md intro use 1): follow a branch, and when its head
 * differs from the last applied commit, plan and apply it — one reconcile at a time. Every attempt
 * leaves the commit's condition in the store (reconcile-status.ts): `Ready`, or `Failed` with why.
 * An invalid commit keeps the last applied state and is not retried until a new commit arrives (or
 * a webhook asks); other failures — a refused apply, a fetch error, a run the apply started that
 * failed — are retried with bounded exponential backoff, and a retry of an applied commit records
 * no new history entry. Each distinct failure appends one `ReconcileFailed` event; an unreachable
 * remote is reported once per failure streak.
 */
import { hostname } from 'node:os';
import { isUpdopsError } from '../errors.js';
import { isGitUrl } from '../manifests/index.js';
import { headCommit, resolveConfigSource } from '../manifests/index.js';
import { applyPlan, type ApplyResult } from '../plan/index.js';
import type { RunOutcome, RunRequest } from '../runs/index.js';
import type { RunRecord } from '../state/index.js';
import { InvalidConfigError, preparePlan } from '../plan/index.js';
import type { ReconcileStatus, StateStore } from '../state/index.js';
import type { Activity } from './activity.js';
import { failedStatus, readyStatus, retryDue, type Backoff, type FailureReason } from './reconcile-status.js';
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
  /** How a failed commit is retried. */
  backoff: Backoff;
  /** Runs what an apply starts (the controller's runner), after the objects are written; `configDir` holds the files of the commit just recorded. */
  execute(requests: RunRequest[], configDir: string): Promise<RunOutcome[]>;
  /** After an apply: the new recorded state is in the store (the controller refreshes its view). */
  onApplied(): Promise<void>;
  /** After any reconcile that read the config: where the files of the commit are. */
  onConfigDir(dir: string): void;
  /** A commit is about to be tried, and how its attempt ended (commit statuses). */
  onAttempt?(commit: string | null): void;
  onResult?(result: ReconcileResult): void;
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
  #status: ReconcileStatus | undefined;
  #unreachable = false;
  /** The condition when the remote stopped answering, restored when it answers again. */
  #beforeUnreachable: ReconcileStatus | undefined;
  #lastFailureKey: string | undefined;
  #directory: boolean | undefined;
  #initialised = false;

  constructor(options: ReconcilerOptions) {
    this.#o = options;
  }

  /**
   * Serialized: a reconcile asked for while one runs waits for it (webhook + poll at once). A
   * `poll` respects a failed commit's backoff; any other reason (start, webhook, API) tries now.
   */
  reconcile(reason: string): Promise<ReconcileResult> {
    const next = this.#queue.then(() => this.#o.activity.track(() => this.#timed(reason)));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves when the reconcile in progress (if any) is done. */
  async drain(): Promise<void> {
    await this.#queue;
  }

  /** Polls the branch every `pollMs` on the clock (sooner when a failed commit's retry falls due) until the controller stops. */
  async loop(pollMs: number): Promise<void> {
    const { signal, clock, activity } = this.#o;
    while (!signal.aborted) {
      try {
        await activity.sleep(clock, this.#nextWaitMs(pollMs), signal);
      } catch {
        return;
      }
      await this.reconcile('poll').catch(() => undefined);
    }
  }

  #nextWaitMs(pollMs: number): number {
    const retryAt = this.#status?.condition === 'Failed' && this.#status.nextRetryAt ? Date.parse(this.#status.nextRetryAt) : Number.POSITIVE_INFINITY;
    const untilRetry = retryAt - this.#o.clock.now().getTime();
    // A retry already due was tried by the last poll (or is not this head's): the next is a poll away.
    return untilRetry > 0 ? Math.min(pollMs, untilRetry) : pollMs;
  }

  async #timed(reason: string): Promise<ReconcileResult> {
    const started = performance.now();
    const result = await this.#reconcile(reason);
    this.#o.observer?.reconciled?.(result, performance.now() - started);
    this.#o.onResult?.(result);
    return result;
  }

  async #reconcile(reason: string): Promise<ReconcileResult> {
    const { store, config, ref, observer, clock } = this.#o;
    if (!this.#initialised) {
      this.#lastApplied = (await store.listHistory(1))[0]?.commit;
      this.#status = await store.getReconcileStatus();
      this.#initialised = true;
    }
    let head: string | undefined;
    try {
      head = await headCommit(config, ref);
    } catch (error) {
      if (!(await this.#isPlainDirectory())) return this.#unreachableResult(error);
    }
    if (this.#unreachable) await this.#reachableAgain(head);
    const status = this.#status;
    const urgent = reason !== 'poll';
    const failedHere = status?.condition === 'Failed' && status.commit === head;
    if (head !== undefined && head === this.#lastApplied && !failedHere) {
      // Applied before this controller looked (by `updops apply`, or a controller before it): that
      // commit is Ready, whatever condition another commit had.
      if (status?.commit !== head) await this.#setStatus(readyStatus(head, 'already applied', clock.now()));
      return { status: 'unchanged', commit: head };
    }
    if (head !== undefined && failedHere && !retryDue(status, clock.now(), urgent)) return this.#waiting(head, status);
    observer?.log?.('info', `${failedHere ? 'retrying' : 'reconciling'} ${head?.slice(0, 12) ?? config} (${reason})`, { commit: head, reason });
    this.#o.onAttempt?.(head ?? null);
    return this.#planAndApply(head, urgent);
  }

  #waiting(head: string | undefined, status: ReconcileStatus): ReconcileResult {
    return { status: 'waiting', commit: head ?? null, error: status.message, ...(status.nextRetryAt ? { retryAt: status.nextRetryAt } : {}) };
  }

  async #planAndApply(head: string | undefined, urgent: boolean): Promise<ReconcileResult> {
    const o = this.#o;
    let prepared;
    try {
      // Pin the commit just read, so a push between ls-remote and fetch cannot slip in unseen.
      const pinned = head ?? o.ref;
      prepared = await preparePlan({ config: o.config, ...(pinned ? { ref: pinned } : {}), store: o.store, prune: o.prune, now: o.clock.now(), timeZone: o.timeZone, ...(o.env ? { env: o.env } : {}), ...(o.cacheDir ? { cacheDir: o.cacheDir } : {}) });
    } catch (error) {
      return this.#failed(head, error, error instanceof InvalidConfigError ? 'ValidationFailed' : 'FetchFailed');
    }
    const { saved } = prepared;
    const configDir = saved.config.dir ?? o.config;
    const isDirectory = head === undefined;
    // A plain folder has no commits to compare: only object changes (or a due retry) are worth an apply there.
    if (isDirectory && saved.plan.changes.length === 0) {
      o.onConfigDir(configDir);
      const status = this.#status;
      if (status?.condition === 'Failed' && status.commit === undefined && !retryDue(status, o.clock.now(), urgent)) return this.#waiting(undefined, status);
      if (status?.condition !== 'Failed' || status.commit !== undefined) return { status: 'unchanged', commit: null, plan: saved.plan };
    }
    let result: ApplyResult;
    try {
      result = await applyPlan(saved, { store: o.store, holder: { owner: 'updops-controller', host: hostname(), pid: process.pid }, maxDeletes: o.maxDeletes, execute: (requests) => o.execute(requests, configDir) });
    } catch (error) {
      return this.#failed(head, error, 'ApplyFailed');
    }
    this.#lastApplied = head;
    o.onConfigDir(configDir);
    await o.onApplied();
    const summary = `${result.created} created, ${result.updated} updated, ${result.deleted} deleted; ${result.runs.length} ${result.runs.length === 1 ? 'run' : 'runs'} started`;
    // One outcome event per attempt: a commit whose runs failed is `ReconcileFailed` (its objects are
    // in the history all the same), and a retry that writes nothing is no second `ReconcileApplied`.
    const unfinished = result.runs.filter((r) => r.run.status !== 'completed' && r.run.status !== 'skipped');
    if (unfinished.length > 0) return this.#failed(head, new Error(`applied (${summary}), but ${describeRuns(unfinished.map((r) => r.run))}`), 'RunFailed', saved.plan);
    if (result.serial !== saved.plan.state.serial || this.#status?.condition === 'Failed') {
      await o.store.appendEvent({ type: CONTROLLER_EVENTS.applied, subject: head ?? o.config, message: `applied ${head?.slice(0, 12) ?? o.config}: ${summary}`, time: o.clock.now().toISOString(), data: { commit: head ?? null, serial: result.serial } });
    }
    this.#lastFailureKey = undefined;
    await this.#setStatus(readyStatus(head, `applied: ${summary}`, o.clock.now()));
    return { status: 'applied', commit: head ?? null, plan: saved.plan };
  }

  /** Records the failure (condition, backoff) and reports each distinct failure of a commit once. */
  async #failed(head: string | undefined, error: unknown, reason: FailureReason, plan?: ReconcileResult['plan']): Promise<ReconcileResult> {
    const message = describeError(error);
    const key = `${head ?? ''}\u0000${message}`;
    const now = this.#o.clock.now();
    await this.#setStatus(failedStatus(this.#status, head, reason, message, now, this.#o.backoff));
    if (key !== this.#lastFailureKey) {
      this.#lastFailureKey = key;
      await this.#o.store.appendEvent({ type: CONTROLLER_EVENTS.reconcileFailed, subject: head ?? this.#o.config, message, time: now.toISOString(), data: { commit: head ?? null, code: isUpdopsError(error) ? error.code : reason } });
    }
    this.#o.observer?.log?.('warn', `reconcile of ${head?.slice(0, 12) ?? this.#o.config} failed: ${message.split('\n')[0]}`, { commit: head, reason, ...(this.#status?.nextRetryAt ? { retryAt: this.#status.nextRetryAt } : {}) });
    return { status: 'failed', commit: head ?? null, error: message, ...(plan ? { plan } : {}), ...(this.#status?.nextRetryAt ? { retryAt: this.#status.nextRetryAt } : {}) };
  }

  async #setStatus(status: ReconcileStatus): Promise<void> {
    this.#status = status;
    await this.#o.store.putReconcileStatus(status);
  }

  async #unreachableResult(error: unknown): Promise<ReconcileResult> {
    const message = describeError(error);
    if (!this.#unreachable) {
      this.#unreachable = true;
      await this.#o.store.appendEvent({ type: CONTROLLER_EVENTS.configUnreachable, subject: this.#o.config, message, time: this.#o.clock.now().toISOString() });
      // The condition keeps the commit it was about; polls go on (one ls-remote each), so no backoff.
      const previous = this.#status;
      this.#beforeUnreachable = previous;
      await this.#setStatus(failedStatus(previous, previous?.commit, 'SourceUnreachable', message, this.#o.clock.now(), this.#o.backoff));
    }
    return { status: 'failed', commit: null, error: message };
  }

  /**
   * The remote answers again. If the head is still the commit the condition was about, the
   * condition before the outage is back (Ready stays Ready without an apply; a failed commit
   * keeps its failures and retry); a new head is reconciled as usual.
   */
  async #reachableAgain(head: string | undefined): Promise<void> {
    this.#unreachable = false;
    const before = this.#beforeUnreachable;
    this.#beforeUnreachable = undefined;
    if (this.#status?.reason !== 'SourceUnreachable' || head === undefined || head !== this.#lastApplied) return;
    if (before && before.commit === head) await this.#setStatus(before);
    else await this.#setStatus(readyStatus(head, 'the config source is reachable again; nothing changed', this.#o.clock.now()));
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

/** `run 12 of "Download" failed: 1 of 2 failed` (and how many more), for the condition's message. */
function describeRuns(runs: RunRecord[]): string {
  const [first] = runs;
  const more = runs.length > 1 ? ` (and ${runs.length - 1} more ${runs.length === 2 ? 'run' : 'runs'})` : '';
  return `run ${first!.id} of "${first!.task}" ${first!.status}${first!.reason ? `: ${first!.reason}` : ''}${more}`;
}
