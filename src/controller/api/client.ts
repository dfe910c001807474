/**
 * A small client of the controller's API for the CLI (`updops run/runs/events --controller URL`).
 * Answers become typed records; API errors become `UpdopsError`s with the matching code, so the
 * CLI's one top-level handler prints them as one line (docs/style.md 7).
 */
import { UpdopsError, type ErrorCode } from '../../errors.js';
import type { EventRecord, RolloutProgress, RunRecord, StateStore, VerificationProgress } from '../../state/index.js';
import type { StatusReport } from '../../status/index.js';
import type { OutbreakApplicationType, RunDetails } from '../types.js';
import type { TargetSelection } from '../../runs/index.js';

export interface ApiClientOptions {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  token?: string | undefined;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
}

/** What `updops runs` / `events` / `run --wait` read, from the API or straight from the state store. */
export interface RunsReader {
  listRuns(query: { task?: string; device?: string; limit?: number }): Promise<RunRecord[]>;
  getRun(id: string): Promise<RunDetails | undefined>;
  listEvents(query: { type?: string; limit?: number }): Promise<EventRecord[]>;
}

const CODE_FOR_STATUS: Record<number, ErrorCode> = { 400: 'USAGE', 401: 'UNAUTHORIZED', 404: 'NOT_FOUND', 409: 'CONFLICT', 413: 'USAGE' };

export class ApiClientError extends UpdopsError {
  readonly status: number;
  constructor(status: number, message: string) {
    super(CODE_FOR_STATUS[status] ?? 'INTERNAL', message);
    this.status = status;
  }
}

export class ApiClient implements RunsReader {
  readonly url: string;
  readonly #token: string | undefined;
  readonly #timeoutMs: number;

  constructor(options: ApiClientOptions) {
    let base: URL;
    try {
      base = new URL(options.url);
    } catch {
      throw new UpdopsError('USAGE', `--controller must be a URL such as http://127.0.0.1:8080, not ${JSON.stringify(options.url)}`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new UpdopsError('USAGE', `--controller must be an http(s) URL`);
    this.url = base.href.replace(/\/+$/, '');
    this.#token = options.token;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  async #request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method === 'POST' && this.#token) headers.authorization = `Bearer ${this.#token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, { method, headers, signal: AbortSignal.timeout(this.#timeoutMs), ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    } catch (error) {
      const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      throw new UpdopsError('USAGE', `cannot reach the controller at ${this.url}: ${reason}`, { cause: error });
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      throw new ApiClientError(response.status, `the controller at ${this.url} answered ${response.status} with a body that is not JSON`);
    }
    if (!response.ok) {
      const message = (json as { error?: { message?: string } }).error?.message ?? `HTTP ${response.status}`;
      throw new ApiClientError(response.status, `controller: ${message}`);
    }
    return json as T;
  }

  /** `GET /api/status`: what `updops status --controller` shows. */
  status(): Promise<StatusReport> {
    return this.#request('GET', '/api/status');
  }

  async listRuns(query: { task?: string; device?: string; limit?: number } = {}): Promise<RunRecord[]> {
    const params = new URLSearchParams();
    if (query.task !== undefined) params.set('task', query.task);
    if (query.device !== undefined) params.set('device', query.device);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const qs = params.size ? `?${params.toString()}` : '';
    return (await this.#request<{ runs: RunRecord[] }>('GET', `/api/runs${qs}`)).runs;
  }

  async getRun(id: string): Promise<RunDetails | undefined> {
    try {
      return await this.#request<RunDetails>('GET', `/api/runs/${encodeURIComponent(id)}`);
    } catch (error) {
      if (error instanceof ApiClientError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** The run alone (`?results=none`), for polling its status: no per-device results read or sent. */
  async getRunStatus(id: string): Promise<RunRecord | undefined> {
    try {
      return (await this.#request<{ run: RunRecord }>('GET', `/api/runs/${encodeURIComponent(id)}?results=none`)).run;
    } catch (error) {
      if (error instanceof ApiClientError && error.status === 404) return undefined;
      throw error;
    }
  }

  async listEvents(query: { type?: string; limit?: number } = {}): Promise<EventRecord[]> {
    const params = new URLSearchParams();
    if (query.type !== undefined) params.set('type', query.type);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const qs = params.size ? `?${params.toString()}` : '';
    return (await this.#request<{ events: EventRecord[] }>('GET', `/api/events${qs}`)).events;
  }

  /** `selection`: only those targets (`{targets}`) or the ones that failed in a run (`{retryFailed}`). */
  async runTask(task: string, selection?: TargetSelection): Promise<RunRecord> {
    const body = selection ? { ...(selection.devices ? { targets: selection.devices } : {}), ...(selection.retryFailed ? { retryFailed: selection.retryFailed } : {}) } : undefined;
    return (await this.#request<{ run: RunRecord }>('POST', `/api/tasks/${encodeURIComponent(task)}/run`, body)).run;
  }

  /** Resolves with the run once it has ended `cancelled` (409 CONFLICT: it is not running). */
  async cancelRun(id: string, by: string): Promise<RunRecord> {
    return (await this.#request<{ run: RunRecord }>('POST', `/api/runs/${encodeURIComponent(id)}/cancel`, { by })).run;
  }

  async listRollouts(): Promise<RolloutProgress[]> {
    return (await this.#request<{ rollouts: RolloutProgress[] }>('GET', '/api/rollouts')).rollouts;
  }

  /** Where each download task's verification on test devices stands (docs/architecture.md "Verify on test devices"). */
  async listVerifications(): Promise<VerificationProgress[]> {
    return (await this.#request<{ verifications: VerificationProgress[] }>('GET', '/api/verifications')).verifications;
  }

  /** A halted rollout goes on (409 CONFLICT: it is not halted). */
  async resumeRollout(name: string, by: string): Promise<RolloutProgress> {
    return (await this.#request<{ rollout: RolloutProgress }>('POST', `/api/rollouts/${encodeURIComponent(name)}/resume`, { by })).rollout;
  }

  async outbreak(applicationType: OutbreakApplicationType): Promise<RunRecord[]> {
    return (await this.#request<{ runs: RunRecord[] }>('POST', '/api/events/outbreak', { applicationType })).runs;
  }

  async gitWebhook(): Promise<void> {
    await this.#request('POST', '/hooks/git');
  }
}

/** The same reads, straight from a state store (no controller running). */
export function storeReader(store: StateStore): RunsReader {
  return {
    listRuns: (query) => store.listRuns(query),
    getRun: async (id) => {
      const run = await store.getRun(id);
      return run ? { run, results: await store.listDeviceResults(id) } : undefined;
    },
    listEvents: (query) => store.listEvents(query),
  };
}
