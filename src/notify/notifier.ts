/**
 * Delivers notifications (docs/architecture.md "Notifications"). Two feeds:
 * - the store's event log, followed from the moment the notifier starts: every event any part of
 *   updops records (reconciles, failed runs, agents' freshness and rollbacks) is routed to the
 *   Notifications of the last applied configuration;
 * - the reconciler, for commit statuses: pending when a commit is tried, success or failure after.
 * Each delivery is retried with exponential backoff; one that still fails is recorded as a
 * `NotificationFailed` event (never routed itself) and the notifier goes on — it never throws.
 */
import pRetry, { AbortError } from 'p-retry';
import { isUpdopsError } from '../errors.js';
import pLimit from 'p-limit';
import type { ConfigModel, NotificationSpec } from '../manifests/index.js';
import type { SecretOptions } from '../secrets/index.js';
import type { EventRecord, StateStore } from '../state/index.js';
import { factsOf, isNotifiable } from './events.js';
import { messageView, renderMessage } from './message.js';
import { sendSlack, sendWebhook } from './providers/chat.js';
import { sendCommitStatus, type CommitState, type CommitStatusProvider } from './providers/commit-status.js';
import { sendMail } from './providers/smtp.js';
import { eventsOf, isCommitStatus, routes } from './route.js';
import type { Delivery } from './types.js';

export const NOTIFICATION_FAILED = 'NotificationFailed';

export interface NotificationsNow {
  notifications: ReadonlyMap<string, NotificationSpec>;
  model: ConfigModel;
  /** Relative secret files resolve from the applied commit's folder. */
  configDir: string;
}

export interface NotifierOptions {
  store: StateStore;
  /** The Notifications of the last applied configuration. */
  current(): Promise<NotificationsNow>;
  env?: NodeJS.ProcessEnv;
  /** The console's address, for links in messages and commit statuses. */
  consoleUrl?: string;
  /** How often the event log is read. Default 1 s. */
  pollMs?: number;
  /** Attempts per delivery and the first pause between them (doubling). Default 4 and 1 s. */
  retry?: { attempts?: number; baseMs?: number };
  log?(level: 'info' | 'warn', message: string, fields?: Record<string, unknown>): void;
}

const SHA = /^[0-9a-f]{40}$/;
/** Deliveries in flight at once: a slow receiver must not hold up the others. */
const CONCURRENCY = 4;

export class Notifier {
  readonly #o: NotifierOptions;
  readonly #limit = pLimit(CONCURRENCY);
  readonly #pending = new Set<Promise<void>>();
  #cursor: number | undefined;
  #timer: NodeJS.Timeout | undefined;
  #reading: Promise<void> | undefined;
  #stopped = false;
  /** The last commit state sent per (notification, commit): a retry of a failed commit sends nothing new. */
  readonly #sent = new Map<string, CommitState>();
  /** Commit statuses go out one at a time, in order: a forge must see pending before failure. */
  #statuses: Promise<void> = Promise.resolve();

  constructor(options: NotifierOptions) {
    this.#o = options;
  }

  /** Follows the event log from its current end: what was recorded before the start is not sent again. */
  async start(): Promise<void> {
    this.#cursor = (await this.#o.store.listEvents({ limit: 1 }))[0]?.id ?? 0;
    const tick = (): void => {
      if (this.#stopped) return;
      this.#reading = this.#readLog().finally(() => {
        if (!this.#stopped) this.#timer = setTimeout(tick, this.#o.pollMs ?? 1000).unref();
      });
    };
    this.#timer = setTimeout(tick, this.#o.pollMs ?? 1000).unref();
  }

  /** Reads the log once now and waits for every delivery started (tests, shutdown). */
  async flush(): Promise<void> {
    await this.#reading;
    await this.#readLog();
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#reading;
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  /** A commit is being tried: its commit statuses become `pending`. */
  reconcileStarted(commit: string | null): void {
    this.#commitStatus(commit, 'pending', 'updops is applying this commit');
  }

  /** A commit was tried: `success` when it is Ready, `failure` with the first line of why. */
  reconciled(commit: string | null, outcome: 'applied' | 'unchanged' | 'failed' | 'waiting', error?: string): void {
    if (outcome === 'applied') this.#commitStatus(commit, 'success', 'applied: the configuration is in place');
    if (outcome === 'failed') this.#commitStatus(commit, 'failure', (error ?? 'the reconcile failed').split('\n')[0]!);
  }

  async #readLog(): Promise<void> {
    if (this.#cursor === undefined) return;
    try {
      for (;;) {
        const events = await this.#o.store.listEvents({ afterId: this.#cursor, limit: 200 });
        for (const event of events) {
          this.#cursor = event.id;
          await this.#route(event);
        }
        if (events.length < 200) return;
      }
    } catch (error) {
      this.#o.log?.('warn', `notifications: cannot read the event log: ${(error as Error).message}`);
    }
  }

  async #route(event: EventRecord): Promise<void> {
    if (!isNotifiable(event.type)) return;
    const facts = factsOf({ ...event, type: event.type });
    const now = await this.#o.current();
    for (const [name, spec] of now.notifications) {
      // Commit statuses follow reconciles directly (reconcileStarted / reconciled), not the log.
      if (isCommitStatus(spec) || !routes(spec, facts, now.model)) continue;
      const text = renderMessage(spec.template, messageView(event, facts, this.#o.consoleUrl));
      const delivery: Delivery = { event, facts, text, ...(this.#o.consoleUrl ? { consoleUrl: this.#o.consoleUrl } : {}) };
      void this.#deliver(name, spec, event.type, () => this.#send(spec, delivery, this.#secrets(now)));
    }
  }

  #send(spec: NotificationSpec, delivery: Delivery, secrets: SecretOptions): Promise<void> {
    const { provider } = spec;
    switch (provider.type) {
      case 'webhook':
        return sendWebhook(provider, delivery, secrets);
      case 'slack':
        return sendSlack(provider, delivery, secrets);
      case 'smtp':
        return sendMail(provider, delivery, secrets);
      default:
        return Promise.resolve(); // commit statuses are sent by #commitStatus
    }
  }

  #commitStatus(commit: string | null, state: CommitState, description: string): void {
    if (commit === null || !SHA.test(commit)) return; // a plain folder has no commit to mark
    const work = (this.#statuses = this.#statuses.then(async () => {
      const now = await this.#o.current();
      for (const [name, spec] of now.notifications) {
        if (!isCommitStatus(spec)) continue;
        const wanted = eventsOf(spec);
        if (state === 'success' && !wanted.includes('ReconcileApplied')) continue;
        if (state === 'failure' && !wanted.includes('ReconcileFailed')) continue;
        const key = `${name}\u0000${commit}`;
        const last = this.#sent.get(key);
        if (state === 'pending' ? last !== undefined : last === state) continue;
        this.#sent.set(key, state);
        const status = { sha: commit, state, description, ...(this.#o.consoleUrl ? { consoleUrl: this.#o.consoleUrl } : {}) };
        await this.#deliver(name, spec, `commit status ${state} for ${commit.slice(0, 12)}`, () => sendCommitStatus(spec.provider as CommitStatusProvider, status, this.#secrets(now)));
      }
    }).catch((error: unknown) => this.#o.log?.('warn', `notifications: ${(error as Error).message}`)));
    this.#track(work);
  }

  #secrets(now: NotificationsNow): SecretOptions {
    return { ...(this.#o.env ? { env: this.#o.env } : {}), baseDir: now.configDir };
  }

  /** Retried with backoff; a delivery that still fails becomes a `NotificationFailed` event. */
  #deliver(name: string, spec: NotificationSpec, what: string, send: () => Promise<void>): Promise<void> {
    const attempts = this.#o.retry?.attempts ?? 4;
    const work = this.#limit(async () => {
      try {
        // A missing secret does not appear by retrying within seconds: fail at once.
        const once = async (): Promise<void> => {
          try {
            await send();
          } catch (error) {
            throw isUpdopsError(error) && error.code === 'SECRET' ? new AbortError(error) : error;
          }
        };
        await pRetry(once, { retries: attempts - 1, minTimeout: this.#o.retry?.baseMs ?? 1000, factor: 2, randomize: false });
      } catch (error) {
        const message = `notification "${name}" (${spec.provider.type}) could not deliver ${what} after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}: ${(error as Error).message}`;
        this.#o.log?.('warn', message, { notification: name });
        await this.#o.store.appendEvent({ type: NOTIFICATION_FAILED, subject: name, message, data: { provider: spec.provider.type, event: what } }).catch(() => undefined);
      }
    });
    this.#track(work);
    return work;
  }

  #track(work: Promise<void>): void {
    this.#pending.add(work);
    void work.finally(() => this.#pending.delete(work));
  }
}
