/**
 * One active controller per state (docs/design.md 4): the controller holds the store's
 * `controller` lease while it runs and renews it; a second controller on the same state is
 * refused, naming the holder, or — as a standby — waits and takes over once the lease expires
 * (its holder died) or is released (its holder stopped). A holder that cannot renew has lost the
 * lease and must stop scheduling at once: another controller may already have started.
 */
import { hostname } from 'node:os';
import { isUpdopsError, UpdopsError } from '../errors.js';
import type { Fence, LeaseInfo, StateStore } from '../state/index.js';
import { isAlive, systemClock } from '../util/index.js';

export const CONTROLLER_LEASE = 'controller';
const STANDBY_CHECK_MS = 1000;

export interface LeaseOptions {
  ttlMs: number;
  /** The host name this controller reports (default the machine's): a holder on the same host whose pid is gone is taken over at once. */
  host?: string;
  /** Wait for the lease instead of refusing to start. */
  standby?: boolean;
  /** While standing by: told who holds the lease, on every check. */
  onStandby?: (holder: LeaseInfo) => void;
  /** The lease was lost (could not be renewed in time): stop everything. */
  onLost: (error: Error) => void;
  signal: AbortSignal;
}

function refused(held: LeaseInfo): UpdopsError {
  return new UpdopsError(
    'LEASE',
    `another controller is active on this state: ${held.owner}@${held.host} pid ${held.pid} since ${held.acquiredAt} (lease until ${held.expiresAt}); stop it, or start this one with --standby to take over when it stops`,
  );
}

export class ControllerLease {
  readonly #store: StateStore;
  readonly #lease: LeaseInfo;
  readonly #timer: NodeJS.Timeout;
  readonly #options: LeaseOptions;
  #renewedAt = Date.now();
  /** Fires when the lease would expire unrenewed: from then on another replica may lead. */
  #deadline: NodeJS.Timeout | undefined;
  #lost = false;

  private constructor(store: StateStore, lease: LeaseInfo, options: LeaseOptions) {
    this.#store = store;
    this.#lease = lease;
    this.#options = options;
    // Renewed three times per ttl, so one slow renewal does not lose it.
    this.#timer = setInterval(() => void this.#renew(options), Math.max(100, Math.floor(options.ttlMs / 3)));
    this.#timer.unref();
    this.#armDeadline();
  }

  get generation(): number {
    return this.#lease.generation;
  }

  get info(): LeaseInfo {
    return this.#lease;
  }

  /** What fenced writes carry: valid while this generation holds the lease. */
  get fence(): Fence {
    return { lease: CONTROLLER_LEASE, generation: this.#lease.generation };
  }

  /** Whether this process still leads (the lease was neither lost nor released). */
  get held(): boolean {
    return !this.#lost;
  }

  /** A fenced write was refused (`FENCED`): another replica leads; stop at once. */
  fenced(error: Error): void {
    this.#lose(error);
  }

  #lose(error: Error): void {
    if (this.#lost) return;
    this.#lost = true;
    clearInterval(this.#timer);
    clearTimeout(this.#deadline);
    this.#options.onLost(error);
  }

  /**
   * The leader stops by itself when its last renewal's ttl has run out, not only when a renewal
   * fails: a standby may take over at that instant, so scheduling must end before it (fencing
   * refuses any write that still slips through).
   */
  #armDeadline(): void {
    clearTimeout(this.#deadline);
    const ttl = this.#options.ttlMs;
    this.#deadline = setTimeout(() => this.#lose(new UpdopsError('LEASE', `the controller lease was not renewed within its ttl of ${ttl} ms; stopping so that another controller can take over`)), Math.max(0, this.#renewedAt + ttl - Date.now()));
    this.#deadline.unref();
  }

  static async acquire(store: StateStore, options: LeaseOptions): Promise<ControllerLease> {
    const request = { name: CONTROLLER_LEASE, owner: 'updops-controller', host: options.host ?? hostname(), pid: process.pid, ttlMs: options.ttlMs };
    let replacing: string | undefined;
    for (;;) {
      try {
        return new ControllerLease(store, await store.acquireLease({ ...request, ...(replacing ? { replacing } : {}) }), options);
      } catch (error) {
        if (!isUpdopsError(error) || error.code !== 'LEASE') throw error;
        const held = await store.getLease(CONTROLLER_LEASE);
        if (!held) continue; // released between the two reads
        // A holder on this machine whose process is gone (kill -9, a crash) holds nothing: restart at once, not after the ttl.
        if (held.host === request.host && held.pid !== process.pid && !isAlive(held.pid)) {
          replacing = held.id;
          continue;
        }
        if (!options.standby) throw refused(held);
        options.onStandby?.(held);
        // A released lease (its holder stopped cleanly) is taken within a second; an expired one within ttl + 1 s.
        await systemClock.sleep(Math.min(STANDBY_CHECK_MS, Math.max(100, Math.floor(options.ttlMs / 3))), options.signal);
      }
    }
  }

  async #renew(options: LeaseOptions): Promise<void> {
    if (this.#lost) return;
    const attempt = Date.now();
    try {
      await this.#store.renewLease(CONTROLLER_LEASE, this.#lease.id, options.ttlMs);
      if (this.#lost) return;
      this.#renewedAt = attempt;
      this.#armDeadline();
    } catch (error) {
      // A store that is briefly busy is retried on the next tick, until the lease would have
      // expired (the deadline): from then on another controller may hold it, so this one stops.
      const taken = isUpdopsError(error) && error.code === 'LEASE';
      if (taken || Date.now() - this.#renewedAt >= options.ttlMs) {
        this.#lose(taken ? error : new UpdopsError('LEASE', `the controller lease could not be renewed for ${options.ttlMs} ms (${(error as Error).message}); stopping so that another controller can take over`));
      }
    }
  }

  async release(): Promise<void> {
    this.#lost = true;
    clearInterval(this.#timer);
    clearTimeout(this.#deadline);
    await this.#store.releaseLease(CONTROLLER_LEASE, this.#lease.id).catch(() => undefined);
  }
}
