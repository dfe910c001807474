/**
 * `updops agent` (docs/design.md 4): the process on a device or DP. It registers with the controller
 * (role and OS from the applied config), heartbeats its status, long-polls for assignments and
 * runs them one at a time — a device the endpoint Update task into `--root`, a DP a sync into
 * its manifest `repository` folder, which it also serves on its address. Results are retried
 * with backoff until the controller acknowledges them; a lost controller is reconnected to with
 * exponential backoff. `stop()` aborts the assignment in progress, reports it, and resolves.
 * An operator's cancel reaches the agent in the answer to its progress reports and heartbeats
 * (`CancelNotice`): the assignment is aborted through its own AbortSignal — the device keeps the
 * databases and modules it had, a DP the repository it served, byte for byte — and reported
 * `failed` with the notice's reason.
 */
import { mkdir } from 'node:fs/promises';
import type { AgentEvent, AgentResult, Assignment, CancelNotice, HeartbeatAnswer, HeartbeatRequest, HeartbeatStatus, ProgressAnswer, ProgressReport, RegisterResponse } from '../protocol/index.js';
import type { UpdateTaskSettings } from '../manifests/index.js';
import { repositoryExpectation, serveRepository, type RepositoryExpectation, type RepositoryServer } from '../repository/index.js';
import { backoff } from './backoff.js';
import { ControllerClient, ControllerError } from './client.js';
import { deviceStatus, installInWindow, resumeDevice, runDeviceAssignment } from './device.js';
import { ANY_TASK, heldTimestamp, repositoryStatus, runDpAssignment } from './dp.js';
import { errorMessage } from './errors.js';

export const LONG_POLL_SECONDS = 25;

export interface AgentOptions {
  /** The controller's URL, or its replicas' (comma-separated or a list): see client.ts. */
  controller: string | readonly string[];
  name: string;
  root: string;
  token: string | undefined;
  heartbeatMs: number;
  /** DP: where its repository is served; default 127.0.0.1 and the port of its manifest address. */
  listen?: { host: string; port: number };
  role?: 'dp' | 'device';
  os?: string;
  version: string;
  /** Device: after a module install leave the restart pending until the agent next starts (default: restart and health-check in the run). */
  deferRestart?: boolean;
  /** One line per event; warn for what went wrong but is retried (no controller, a lost result). */
  log?: (line: string, level?: 'info' | 'warn') => void;
}

export interface RunningAgent {
  registration: RegisterResponse;
  /** A DP's repository server. */
  servedUrl?: string;
  stop(): Promise<void>;
}

/** The assignment in progress: its run, the AbortController a cancel (or the agent's stop) aborts, and the cancel that came. */
interface CurrentRun {
  runId: string;
  abort: AbortController;
  cancelled?: CancelNotice;
}

class Agent {
  readonly #o: AgentOptions;
  readonly #client: ControllerClient;
  readonly #stop = new AbortController();
  #registration!: RegisterResponse;
  #server: RepositoryServer | undefined;
  #settings: UpdateTaskSettings | undefined;
  /** A DP: what the task of its last download assignment asks its folder to hold (heartbeats read the folder so). */
  #expected: RepositoryExpectation = ANY_TASK;
  #loops: Promise<void>[] = [];
  /** While an assignment runs, heartbeats repeat the last status: the device lock belongs to the run. */
  #running = false;
  #lastStatus: HeartbeatStatus | undefined;
  /** Raised before the first heartbeat (a pending restart done at start). */
  #startEvents: AgentEvent[] = [];
  #current: CurrentRun | undefined;
  /** A maintenance-window install under way (the heartbeat's); a device run waits for it. */
  #installing: Promise<unknown> = Promise.resolve();

  constructor(options: AgentOptions) {
    this.#o = options;
    this.#client = new ControllerClient({ url: options.controller, token: options.token, onFailover: (from, to, why) => this.#log(`controller ${from} failed (${why}); trying ${to}`, 'warn') });
  }

  get registration(): RegisterResponse {
    return this.#registration;
  }

  get servedUrl(): string | undefined {
    return this.#server?.url;
  }

  #log(line: string, level: 'info' | 'warn' = 'info'): void {
    this.#o.log?.(`${this.#o.name}: ${line}`, level);
  }

  async start(): Promise<void> {
    await mkdir(this.#o.root, { recursive: true });
    await this.#register();
    if (this.#registration.role === 'dp') await this.#serve();
    else await this.#resume();
    this.#loops = [this.#heartbeatLoop(), this.#workLoop()];
  }

  async stop(): Promise<void> {
    this.#stop.abort(new Error('the agent is stopping'));
    await Promise.allSettled(this.#loops);
    await this.#server?.close();
  }

  /** Until the controller answers (it may be down, or the config not applied yet). */
  async #register(): Promise<void> {
    const wait = backoff();
    for (;;) {
      try {
        const body = { name: this.#o.name, version: this.#o.version, heartbeatSeconds: this.#o.heartbeatMs / 1000, ...(this.#o.role ? { role: this.#o.role } : {}), ...(this.#o.os ? { os: this.#o.os } : {}) };
        const answer = await this.#client.call<RegisterResponse>('POST', '/api/agents/register', body, { signal: this.#stop.signal });
        if (answer) this.#registration = answer;
        this.#log(`registered as ${this.#registration.role} (${this.#registration.os})`);
        return;
      } catch (error) {
        this.#log(`cannot register: ${errorMessage(error)}`, 'warn');
        if (!(await wait.wait(this.#stop.signal))) throw new Error('stopped before registering', { cause: error });
      }
    }
  }

  /** A device: the last assignment's settings, and a restart left pending, done now. */
  async #resume(): Promise<void> {
    const resumed = await resumeDevice(this.#o.root);
    this.#settings = resumed.settings;
    this.#startEvents = resumed.events;
    if (resumed.restart) this.#log(resumed.restart);
  }

  /** A DP serves its repository folder on its address (docs/design.md 3 "Serving"). */
  async #serve(): Promise<void> {
    const root = this.#registration.repository ?? this.#o.root;
    await mkdir(root, { recursive: true });
    const port = this.#o.listen?.port ?? (this.#registration.address ? Number(new URL(this.#registration.address).port) || 80 : 0);
    this.#server = await serveRepository({ root, host: this.#o.listen?.host ?? '127.0.0.1', port });
    this.#log(`serving ${root} on ${this.#server.url}`);
  }

  /** Calls the controller; a 404 for this agent (the controller forgot it) registers again first. */
  async #call<T>(method: 'GET' | 'POST', path: string, body?: unknown, waitMs?: number): Promise<T | undefined> {
    try {
      return await this.#client.call<T>(method, path, body, { signal: this.#stop.signal, ...(waitMs ? { waitMs } : {}) });
    } catch (error) {
      if (error instanceof ControllerError && error.status === 404 && /agent/.test(error.message)) await this.#register();
      throw error;
    }
  }

  async #heartbeatLoop(): Promise<void> {
    const path = `/api/agents/${encodeURIComponent(this.#o.name)}/heartbeat`;
    let unsent: AgentEvent[] = this.#startEvents;
    while (!this.#stop.signal.aborted) {
      try {
        const { status, events } = await this.#status();
        unsent = [...unsent, ...events];
        const body: HeartbeatRequest = { status, events: unsent, heartbeatSeconds: this.#o.heartbeatMs / 1000, runs: this.#current ? [this.#current.runId] : [] };
        const answer = await this.#call<HeartbeatAnswer>('POST', path, body);
        unsent = [];
        for (const notice of answer?.cancel ?? []) this.#cancel(notice);
      } catch (error) {
        if (!this.#stop.signal.aborted) this.#log(`heartbeat failed: ${errorMessage(error)}`, 'warn');
      }
      await sleep(this.#o.heartbeatMs, this.#stop.signal);
    }
  }

  async #status(): Promise<{ status: HeartbeatStatus | undefined; events: AgentEvent[] }> {
    if (this.#running) return { status: this.#lastStatus && { ...this.#lastStatus, running: true }, events: [] };
    if (this.#registration.role === 'dp') {
      const repository = this.#registration.repository ?? this.#o.root;
      const timestamp = await heldTimestamp(repository);
      return { status: { role: 'dp', repository: await repositoryStatus(repository, this.#expected), ...(timestamp ? { timestamp } : {}) }, events: [] };
    }
    const install = installInWindow(this.#o.root, this.#settings, { deferRestart: this.#o.deferRestart === true });
    this.#installing = install.catch(() => undefined);
    const installed = await install;
    if (installed.line) this.#log(installed.line);
    const current = await deviceStatus(this.#o.root, this.#settings);
    this.#lastStatus = current.status;
    return { status: current.status, events: [...installed.events, ...current.events] };
  }

  async #workLoop(): Promise<void> {
    const path = `/api/agents/${encodeURIComponent(this.#o.name)}/work?waitSeconds=${LONG_POLL_SECONDS}`;
    const wait = backoff();
    while (!this.#stop.signal.aborted) {
      try {
        const answer = await this.#call<{ assignment: Assignment }>('GET', path, undefined, LONG_POLL_SECONDS * 1000);
        wait.reset();
        if (answer) await this.#execute(answer.assignment);
      } catch (error) {
        if (this.#stop.signal.aborted) break;
        this.#log(`lost the controller: ${errorMessage(error)}`, 'warn');
        await wait.wait(this.#stop.signal);
      }
    }
  }

  async #execute(assignment: Assignment): Promise<void> {
    this.#log(`run ${assignment.runId}: ${assignment.kind} for "${assignment.task}"`);
    const base = `/api/agents/${encodeURIComponent(this.#o.name)}/runs/${encodeURIComponent(assignment.runId)}`;
    const progress = (p: ProgressReport): void =>
      void this.#client
        .call<ProgressAnswer>('POST', `${base}/progress`, { files: p.files, bytes: p.bytes } satisfies ProgressReport)
        .then((answer) => answer?.cancel && this.#cancel(answer.cancel))
        .catch(() => undefined);
    // The run's own signal: aborted by a cancel of this run, or by the agent stopping.
    const abort = new AbortController();
    const onStop = (): void => abort.abort(this.#stop.signal.reason);
    if (this.#stop.signal.aborted) onStop();
    else this.#stop.signal.addEventListener('abort', onStop, { once: true });
    const current: CurrentRun = { runId: assignment.runId, abort };
    this.#current = current;
    progress({ files: 0, bytes: 0 });
    let result: AgentResult;
    this.#running = true;
    try {
      if (assignment.kind === 'update') {
        await this.#installing;
        this.#settings = assignment.settings;
        result = await runDeviceAssignment(this.#o.root, assignment, abort.signal, { deferRestart: this.#o.deferRestart === true }, throttle(progress, 500));
      } else {
        this.#expected = repositoryExpectation(assignment);
        result = await runDpAssignment(this.#o.root, this.#registration.os, this.#o.name, assignment, abort.signal, throttle(progress, 500));
      }
    } finally {
      this.#running = false;
      this.#current = undefined;
      this.#stop.signal.removeEventListener('abort', onStop);
    }
    if (this.#stop.signal.aborted) result = { ...result, status: 'failed', reason: `the agent stopped during the run${result.reason ? ` (${result.reason})` : ''}` };
    else if (current.cancelled && result.status === 'failed') result = cancelledResult(result, current.cancelled, assignment.kind);
    this.#log(`run ${assignment.runId}: ${result.status}${result.reason ? ` (${result.reason})` : ''}`);
    await this.#report(`${base}/result`, result);
  }

  /** The controller says a run was cancelled: the assignment in progress for it is aborted (once). */
  #cancel(notice: CancelNotice): void {
    const current = this.#current;
    if (!current || current.runId !== notice.runId || current.abort.signal.aborted) return;
    this.#log(`run ${notice.runId}: ${notice.reason}; stopping`);
    current.cancelled = notice;
    current.abort.abort(new Error(notice.reason));
  }

  /** Until acknowledged (a restarted controller still takes it); while stopping, a few tries only. */
  async #report(path: string, result: AgentResult): Promise<void> {
    const wait = backoff(250, 5_000);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#client.call('POST', path, result);
        return;
      } catch (error) {
        if (error instanceof ControllerError && error.status !== undefined && error.status < 500 && error.status !== 401) {
          this.#log(`result refused: ${error.message}`, 'warn');
          return;
        }
        if (this.#stop.signal.aborted && attempt >= 3) return;
        this.#log(`result not acknowledged yet: ${errorMessage(error)}`, 'warn');
        await wait.wait(this.#stop.signal.aborted ? undefined : this.#stop.signal);
      }
    }
  }
}

/**
 * A cancelled assignment's result: `failed`, the notice's reason first, then what the target kept
 * (a device says it itself, endpoint/run-update.ts; a DP's cancelled sync put its folder back).
 * A run that had finished before the notice came keeps its own result: that is what happened.
 */
function cancelledResult(result: AgentResult, notice: CancelNotice, kind: Assignment['kind']): AgentResult {
  if (result.reason?.startsWith(notice.reason)) return result;
  const kept = kind === 'download' ? 'the download was stopped; the repository is as it was before the run' : `the update was stopped${result.reason ? ` (${result.reason})` : ''}`;
  const { source: _source, fallbackReason: _fallback, ...rest } = result;
  return { ...rest, status: 'failed', reason: `${notice.reason}: ${kept}` };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function throttle<T>(fn: (value: T) => void, ms: number): (value: T) => void {
  let last = 0;
  return (value) => {
    const now = Date.now();
    if (now - last < ms) return;
    last = now;
    fn(value);
  };
}

export async function startAgent(options: AgentOptions): Promise<RunningAgent> {
  const agent = new Agent(options);
  await agent.start();
  return { registration: agent.registration, ...(agent.servedUrl ? { servedUrl: agent.servedUrl } : {}), stop: () => agent.stop() };
}
