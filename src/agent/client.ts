/**
 * The agent's HTTP client for the controller (docs/design.md 4 `updops agent`): every call carries
 * the bearer token; bodies are JSON. Errors keep the HTTP status so the loop can tell "register
 * again" (404) from "controller unreachable" (no status).
 *
 * Several URLs are replicas of one controller (`--controller A,B`; docs/architecture.md "Replicas"):
 * calls go to the current one until it is unreachable or answers 503, then to the next, each tried
 * once per call; when all fail the call fails and the agent's loops back off (backoff.ts) before
 * the next try, which starts at the replica that failed over to.
 */
import { errorMessage } from './errors.js';

export class ControllerError extends Error {
  readonly status: number | undefined;

  constructor(message: string, status?: number) {
    super(message);
    this.name = 'ControllerError';
    this.status = status;
  }
}

export interface ControllerClientOptions {
  /** One URL, or several (an array or comma-separated): replicas, tried in order. */
  url: string | readonly string[];
  token: string | undefined;
  /** Per-call limit beyond a long-poll's own wait. */
  timeoutMs?: number;
  /** Told when calls move to another replica. */
  onFailover?: (from: string, to: string, why: string) => void;
}

/** `A,B` or [A, B] → the base URLs, without trailing slashes. */
export function controllerUrls(url: string | readonly string[]): string[] {
  const list = (typeof url === 'string' ? url.split(',') : url).map((u) => u.trim().replace(/\/+$/, '')).filter((u) => u.length > 0);
  if (list.length === 0) throw new ControllerError('no controller URL given');
  return list;
}

/** What makes a call try the next replica: no answer at all, or 503 (a replica that cannot serve it now). */
function failsOver(error: ControllerError): boolean {
  return error.status === undefined || error.status === 503;
}

export class ControllerClient {
  readonly #bases: string[];
  readonly #token: string | undefined;
  readonly #timeoutMs: number;
  readonly #onFailover: ControllerClientOptions['onFailover'];
  #current = 0;

  constructor(options: ControllerClientOptions) {
    this.#bases = controllerUrls(options.url);
    this.#token = options.token;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#onFailover = options.onFailover;
  }

  /** The replica calls go to now. */
  get url(): string {
    return this.#bases[this.#current]!;
  }

  /** Resolves to the JSON answer, or undefined for 204. */
  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown, options: { waitMs?: number; signal?: AbortSignal } = {}): Promise<T | undefined> {
    let last: ControllerError | undefined;
    for (let tried = 0; tried < this.#bases.length; tried++) {
      const base = this.url;
      try {
        return await this.#once<T>(base, method, path, body, options);
      } catch (error) {
        if (!(error instanceof ControllerError) || !failsOver(error) || options.signal?.aborted) throw error;
        last = error;
        // The heartbeat and work loops share this client: only the first to see a replica fail moves on.
        if (this.#bases.length > 1 && this.url === base) {
          this.#current = (this.#current + 1) % this.#bases.length;
          this.#onFailover?.(base, this.url, error.message);
        }
      }
    }
    throw last!;
  }

  async #once<T>(base: string, method: 'GET' | 'POST', path: string, body: unknown, options: { waitMs?: number; signal?: AbortSignal }): Promise<T | undefined> {
    const timeout = AbortSignal.timeout(this.#timeoutMs + (options.waitMs ?? 0));
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: { ...(this.#token ? { authorization: `Bearer ${this.#token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal,
      });
    } catch (error) {
      throw new ControllerError(`cannot reach the controller at ${base}: ${errorMessage(error)}`);
    }
    if (response.status === 204) return undefined;
    const text = await response.text().catch((error: unknown) => {
      throw new ControllerError(`the controller at ${base} dropped the answer: ${errorMessage(error)}`);
    });
    if (!response.ok) {
      let message = `HTTP ${response.status}`;
      try {
        message = (JSON.parse(text || '{}') as { error?: { message?: string } }).error?.message ?? message;
      } catch {
        // Not our JSON (a proxy's page): the status says enough.
      }
      throw new ControllerError(`${method} ${path}: ${message}`, response.status);
    }
    return JSON.parse(text) as T;
  }
}
