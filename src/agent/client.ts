/**
 * The agent's HTTP client for the controller (docs/design.md 4 `updops agent`): every call carries
 * the bearer token; bodies are JSON. Errors keep the HTTP status so the loop can tell "register
 * again" (404) from "controller unreachable" (no status).
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
  url: string;
  token: string | undefined;
  /** Per-call limit beyond a long-poll's own wait. */
  timeoutMs?: number;
}

export class ControllerClient {
  readonly #base: string;
  readonly #token: string | undefined;
  readonly #timeoutMs: number;

  constructor(options: ControllerClientOptions) {
    this.#base = options.url.replace(/\/+$/, '');
    this.#token = options.token;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** Resolves to the JSON answer, or undefined for 204. */
  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown, options: { waitMs?: number; signal?: AbortSignal } = {}): Promise<T | undefined> {
    const timeout = AbortSignal.timeout(this.#timeoutMs + (options.waitMs ?? 0));
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    let response: Response;
    try {
      response = await fetch(`${this.#base}${path}`, {
        method,
        headers: { ...(this.#token ? { authorization: `Bearer ${this.#token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal,
      });
    } catch (error) {
      throw new ControllerError(`cannot reach the controller at ${this.#base}: ${errorMessage(error)}`);
    }
    if (response.status === 204) return undefined;
    const text = await response.text();
    if (!response.ok) {
      const message = (JSON.parse(text || '{}') as { error?: { message?: string } }).error?.message ?? `HTTP ${response.status}`;
      throw new ControllerError(`${method} ${path}: ${message}`, response.status);
    }
    return JSON.parse(text) as T;
  }
}
