/**
 * The controller's side of its agents (docs/design.md 4 `updops agent`): registration against the
 * applied configuration, heartbeats (presence), per-agent work queues, and results — counted
 * once per (run id, agent) through the state store, so an agent retrying after a lost answer or
 * a controller restart changes nothing the second time.
 */
import { DEFAULTS } from '../../defaults.js';
import { UpdopsError } from '../../errors.js';
import type { AgentRecord, DeviceResult, StateStore } from '../../state/index.js';
import { recordedConfig } from '../../state/index.js';
import { operatorCancelReason, type Presence } from '../../runs/index.js';
import { agentPresence, isLive, type LiveAgent } from './presence.js';
import type { AgentEvent, AgentResult, Assignment, CancelNotice, DpHeartbeat, HeartbeatStatus, ProgressAnswer, ProgressReport, RegisterRequest, RegisterResponse } from '../../protocol/index.js';
import { WorkQueue } from './work-queue.js';
import { decodeHeartbeat } from '../../protocol/index.js';
import { dpFreshness, freshnessTransition } from '../../status/index.js';
import type { UpstreamAnswer } from './upstream.js';

export const DEFAULT_HEARTBEAT_SECONDS = DEFAULTS.heartbeatSeconds;
/** A run waits this long for an agent's result (docs/design.md 1 "Runs and statuses": then `failed` with the reason). */
export const DEFAULT_RESULT_TIMEOUT_MS = DEFAULTS.agentResultTimeoutMs;
export const RESTARTED_REASON = 'the agent restarted before it reported a result';

/**
 * The job queue's side of agent work (src/queue/ `TargetJobs`, with a PostgreSQL state;
 * docs/architecture.md "Job queue"): assignments are jobs keyed per (run, agent) on the agent's
 * queue instead of this process's memory, so any replica an agent reaches hands them out and
 * takes their results. Absent (SQLite): the in-memory work queue below.
 */
export interface AgentWorkQueue {
  /** Resolves when the job ended: `done` when a result came (the store holds it), else why not. */
  dispatch(agent: string, assignment: Assignment, signal?: AbortSignal): Promise<{ done: true } | { done: false; reason: string }>;
  next(agent: string, waitMs: number, verdict: (assignment: Assignment) => Promise<'give' | 'drop'>): Promise<Assignment | undefined>;
  done(agent: string, runId: string): Promise<void>;
  restarted(agent: string, reason: string): Promise<number>;
  taken(agent: string, runId: string): Promise<boolean>;
  closePolls(): void;
}

export interface AgentHubOptions {
  store: StateStore;
  /** With a PostgreSQL state: assignments as jobs (src/queue/). */
  queue?: AgentWorkQueue;
  resultTimeoutMs?: number;
  /** Wall-clock time for heartbeats (agents beat in real time, whatever clock runs the schedules). */
  now?: () => number;
  /** What a DP's sources have (controller/agents/upstream.ts): without it only an expired timestamp makes a DP withholding. */
  upstream?: { forDp(dp: string): Promise<UpstreamAnswer | undefined> };
}

interface InFlight {
  agent: string;
  taken: boolean;
  resolve(result: AgentResult): void;
}

const key = (runId: string, agent: string): string => `${runId}\u0000${agent}`;

export class AgentHub {
  readonly store: StateStore;
  readonly resultTimeoutMs: number;
  readonly #now: () => number;
  readonly #live = new Map<string, LiveAgent>();
  readonly #work = new WorkQueue();
  readonly #inFlight = new Map<string, InFlight>();
  readonly #listeners: (() => void)[] = [];
  readonly #queue: AgentWorkQueue | undefined;
  readonly #upstream: AgentHubOptions['upstream'];
  /** Reports of one (run, agent) are handled in order: a progress report never overwrites the result. */
  readonly #lanes = new Map<string, Promise<unknown>>();

  constructor(options: AgentHubOptions) {
    this.store = options.store;
    this.#queue = options.queue;
    this.#upstream = options.upstream;
    this.resultTimeoutMs = options.resultTimeoutMs ?? DEFAULT_RESULT_TIMEOUT_MS;
    this.#now = options.now ?? Date.now;
  }

  /** Called when an agent becomes visible (the controller looks for missed starts then). */
  onPresenceChanged(listener: () => void): () => void {
    this.#listeners.push(listener);
    // A replica's controller of one lease term stops listening when it stops (cli/controller-run.ts).
    return () => {
      const at = this.#listeners.indexOf(listener);
      if (at >= 0) this.#listeners.splice(at, 1);
    };
  }

  /**
   * An agent is visible while it heartbeats — to this replica (its memory) or to another one on
   * the same state (the store's `lastSeen`, docs/architecture.md "Replicas"); a name with no agent
   * heard of here falls back to `fallback`.
   */
  presence(fallback: Presence): Presence {
    return agentPresence((name) => this.#live.get(name), this.#now, fallback, (name) => this.#seenElsewhere(name));
  }

  /** Whether `name` has an agent: seen by this process, or heartbeating to another replica (the store). */
  async hasAgent(name: string): Promise<boolean> {
    return this.#live.has(name) || (await this.#seenElsewhere(name));
  }

  /** The store's last heartbeat of `name` is recent, at the interval it registered with (else this replica's idea of it, else the default). */
  async #seenElsewhere(name: string): Promise<boolean> {
    const record = await this.store.getAgent(name);
    if (!record) return false;
    const heartbeatMs = record.heartbeatSeconds ? record.heartbeatSeconds * 1000 : (this.#live.get(name)?.heartbeatMs ?? DEFAULT_HEARTBEAT_SECONDS * 1000);
    return isLive({ heartbeatMs, lastSeenMs: Date.parse(record.lastSeen) }, this.#now());
  }

  async register(request: RegisterRequest): Promise<RegisterResponse> {
    const { model } = await recordedConfig(this.store);
    const device = model.devices.get(request.name)?.item;
    const dp = model.distributionPoints.get(request.name)?.item;
    if (!device && !dp) throw new UpdopsError('NOT_FOUND', `${request.name} is neither a device nor a distribution point of the applied configuration`);
    const role = dp ? 'dp' : 'device';
    const os = (dp ?? device)?.os ?? request.os ?? 'unknown';
    const heartbeatSeconds = request.heartbeatSeconds ?? DEFAULT_HEARTBEAT_SECONDS;
    await this.store.upsertAgent({ name: request.name, role, os, version: request.version, at: new Date(this.#now()).toISOString(), heartbeatSeconds });
    // A new agent process: what the previous one took and never answered will not be answered.
    // On the queue those jobs fail now and are retried (with backoff), to this agent again.
    if (this.#queue) await this.#queue.restarted(request.name, RESTARTED_REASON);
    for (const [k, flight] of this.#inFlight) {
      if (flight.agent === request.name && flight.taken) this.#settle(k, failed(RESTARTED_REASON));
    }
    this.#see(request.name, heartbeatSeconds * 1000);
    return { name: request.name, role, os, heartbeatSeconds, ...(dp ? { repository: dp.repository, ...(dp.address ? { address: dp.address } : {}) } : {}) };
  }

  /** `events`: what the device raised between runs (freshness transitions, seed 000), with the device as subject. */
  async heartbeat(name: string, status: HeartbeatStatus | undefined, heartbeatSeconds?: number, events: readonly AgentEvent[] = []): Promise<AgentRecord> {
    const at = new Date(this.#now()).toISOString();
    // A DP's verdict needs its previous one; a device's beat is one write (the store throws NOT_FOUND for an unknown agent).
    if (status?.role === 'dp') status = await this.#withFreshness(name, status, await this.#known(name), at);
    const unlicensed = status?.role === 'device' ? status.unlicensedUpdates : undefined;
    const updated = await this.store.recordHeartbeat(name, status, at, unlicensed);
    for (const event of events) await this.store.appendEvent({ type: event.type, subject: name, message: event.message, ...(event.data ? { data: event.data } : {}), time: at });
    this.#see(name, heartbeatSeconds ? heartbeatSeconds * 1000 : (this.#live.get(name)?.heartbeatMs ?? DEFAULT_HEARTBEAT_SECONDS * 1000));
    return updated;
  }

  /**
   * A DP's heartbeat with the controller's verdict on it (issue 19): whether it serves what its
   * sources approved, kept in the heartbeat status the store holds; a change to or from
   * `withholding` raises `DistributionPointWithholding` / `DistributionPointFresh` once.
   */
  async #withFreshness(name: string, status: DpHeartbeat, before: AgentRecord, at: string): Promise<DpHeartbeat> {
    const answer = await this.#upstream?.forDp(name).catch(() => undefined);
    const verdict = dpFreshness({ served: status.timestamp, source: answer?.source, now: this.#now(), toleranceMs: answer?.toleranceMs ?? DEFAULTS.withholdingToleranceSeconds * 1000 });
    const previous = decodeHeartbeat(before.status);
    const event = freshnessTransition(previous?.role === 'dp' ? previous.freshness : undefined, verdict);
    if (event) {
      const data = { ...(status.timestamp ? { servedVersion: status.timestamp.version, servedExpires: status.timestamp.expires } : {}), ...(verdict.sourceVersion !== undefined ? { sourceVersion: verdict.sourceVersion } : {}), ...(answer?.source ? { source: answer.source.source } : {}) };
      await this.store.appendEvent({ type: event.type, subject: name, message: event.message, data, time: at });
    }
    return { ...status, freshness: verdict };
  }

  /** Long-poll: the agent's next assignment, or undefined after `waitMs`. Counts as being seen. */
  async nextWork(name: string, waitMs: number): Promise<Assignment | undefined> {
    // An agent this process has seen is in the store (agents are never removed): 10,000 agents
    // re-polling every 20 s read it 500 times a second, in bursts that starved the lease's renewal.
    if (!this.#live.has(name)) await this.#known(name);
    if (this.#queue) return this.#queue.next(name, waitMs, (assignment) => this.#verdict(name, assignment));
    const assignment = await this.#work.next(name, waitMs);
    const flight = assignment ? this.#inFlight.get(key(assignment.runId, name)) : undefined;
    if (flight) flight.taken = true;
    return assignment;
  }

  /**
   * Queues `assignment` for `agent` and resolves with its result, or a failed result when none
   * came within the timeout or `signal` aborted (the controller is stopping).
   */
  dispatch(agent: string, assignment: Assignment, signal?: AbortSignal): Promise<AgentResult> {
    if (this.#queue) return this.#dispatchQueued(this.#queue, agent, assignment, signal);
    const k = key(assignment.runId, agent);
    return new Promise<AgentResult>((resolve) => {
      const timer = setTimeout(() => this.#settle(k, failed(`no result from the agent within ${Math.round(this.resultTimeoutMs / 1000)} s`)), this.resultTimeoutMs);
      const onAbort = (): void => this.#settle(k, failed('the controller stopped before the agent reported'));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#inFlight.set(k, {
        agent,
        taken: false,
        resolve: (result) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          this.#work.withdraw(agent, assignment.runId);
          resolve(result);
        },
      });
      this.#work.push(agent, assignment);
    });
  }

  /**
   * An agent's result: recorded once per (run id, agent) — the device result, its events with
   * the device as subject, a DP's repository observation — then handed to the waiting run.
   * Resolves to false for a repeat, which is acknowledged and ignored.
   */
  result(agent: string, runId: string, result: AgentResult): Promise<boolean> {
    return this.#inLane(key(runId, agent), () => this.#result(agent, runId, result));
  }

  async #result(agent: string, runId: string, result: AgentResult): Promise<boolean> {
    await this.#known(agent);
    const run = await this.store.getRun(runId);
    if (!run) throw new UpdopsError('NOT_FOUND', `no run with id ${runId}`);
    const at = new Date(this.#now()).toISOString();
    if (!(await this.store.claimAgentResult(runId, agent, at))) {
      // A repeat (a lost answer, or a retry's second report): its job must not be handed out again.
      await this.#queue?.done(agent, runId);
      return false;
    }
    const { status, reason, files, bytes, durationMs, source, fallbackReason } = result;
    // Recorded whatever the run's own status: a run cancelled stopped waiting for this agent. One an
    // operator cancelled is told so (cancelNotices) and reports it failed as cancelled; one cancelled
    // because the controller stopped is not, and its agent's work counts — no result is lost.
    await this.store.putDeviceResult({ runId, device: agent, status, ...(reason ? { reason } : {}), files, bytes, durationMs, ...(source ? { source } : {}), ...(fallbackReason ? { fallbackReason } : {}) });
    for (const event of result.events) await this.store.appendEvent({ type: event.type, subject: agent, message: event.message, data: { ...event.data, runId }, time: at });
    if (result.repository) await this.store.putObservation({ dp: agent, ...result.repository, observedAt: at, missing: [], corrupt: [] });
    // The licence rule's count is mirrored here, so a wiped device folder cannot reset it (seed 000).
    if (result.unlicensedUpdates !== undefined) await this.store.recordUnlicensedUpdates(agent, result.unlicensedUpdates, at);
    await this.#queue?.done(agent, runId);
    this.#settle(key(runId, agent), result);
    return true;
  }

  /**
   * Progress of a taken assignment: the device result shows it running with the bytes so far. The
   * answer tells the agent when an operator cancelled that run (then nothing is recorded).
   */
  progress(agent: string, runId: string, progress: ProgressReport): Promise<ProgressAnswer> {
    return this.#inLane(key(runId, agent), () => this.#progress(agent, runId, progress));
  }

  async #progress(agent: string, runId: string, progress: ProgressReport): Promise<ProgressAnswer> {
    await this.#known(agent);
    if (this.#queue ? !(await this.#queue.taken(agent, runId)) : !this.#inFlight.has(key(runId, agent))) {
      const [cancel] = await this.cancelNotices(agent, [runId]);
      return { accepted: false, ...(cancel ? { cancel } : {}) };
    }
    await this.store.putDeviceResult({ runId, device: agent, status: 'running', files: progress.files, bytes: progress.bytes, durationMs: 0 });
    return { accepted: true };
  }

  /**
   * Of the runs an agent says it works on, those an operator cancelled (read from the store, so a
   * controller restarted since the cancel still tells). The run stopped waiting at the cancel;
   * an assignment not yet taken was withdrawn then (dispatch), so only taken work is told here.
   */
  async cancelNotices(agent: string, runIds: readonly string[]): Promise<CancelNotice[]> {
    const notices: CancelNotice[] = [];
    for (const runId of new Set(runIds)) {
      if (this.#inFlight.has(key(runId, agent))) continue;
      const run = await this.store.getRun(runId);
      const reason = run && operatorCancelReason(run);
      if (reason) notices.push({ runId, reason });
    }
    return notices;
  }

  #inLane<T>(k: string, work: () => Promise<T>): Promise<T> {
    const run = (this.#lanes.get(k) ?? Promise.resolve()).then(work);
    const tail = run.catch(() => undefined);
    this.#lanes.set(k, tail);
    void tail.then(() => this.#lanes.get(k) === tail && this.#lanes.delete(k));
    return run;
  }

  close(): void {
    this.#work.close();
    this.#queue?.closePolls();
  }

  /**
   * On the queue, the store says what a target did: the result an agent reported (on any replica)
   * is read back; without one, the job's end says why (expired after its retries, withdrawn).
   */
  async #dispatchQueued(queue: AgentWorkQueue, agent: string, assignment: Assignment, signal?: AbortSignal): Promise<AgentResult> {
    let outcome: { done: true } | { done: false; reason: string };
    try {
      outcome = await queue.dispatch(agent, assignment, signal);
    } catch (error) {
      return failed(`cannot queue the assignment: ${(error as Error).message}`);
    }
    const recorded = await this.#recorded(assignment.runId, agent);
    if (recorded) return fromRecord(recorded);
    return failed(outcome.done ? 'the agent reported, but its result is not in the store' : outcome.reason);
  }

  async #recorded(runId: string, agent: string): Promise<DeviceResult | undefined> {
    const result = await this.store.getDeviceResult(runId, agent);
    return result && (result.status === 'completed' || result.status === 'failed') ? result : undefined;
  }

  /** A fetched job goes to the agent only while its run is running and no result of the pair is recorded. */
  async #verdict(agent: string, assignment: Assignment): Promise<'give' | 'drop'> {
    // Both reads at once: one round trip to the store less per job handed out.
    const [run, result] = await Promise.all([this.store.getRun(assignment.runId), this.store.getDeviceResult(assignment.runId, agent)]);
    if (run?.status !== 'running') return 'drop';
    return result && (result.status === 'completed' || result.status === 'failed' || result.status === 'skipped') ? 'drop' : 'give';
  }

  #settle(k: string, result: AgentResult): void {
    const flight = this.#inFlight.get(k);
    if (!flight) return;
    this.#inFlight.delete(k);
    flight.resolve(result);
  }

  /** Registered before (perhaps with a controller that has since restarted): adopted from the store. */
  async #known(name: string): Promise<AgentRecord> {
    const record = await this.store.getAgent(name);
    if (!record) throw new UpdopsError('NOT_FOUND', `no agent named ${name} has registered`);
    if (!this.#live.has(name)) this.#see(name, DEFAULT_HEARTBEAT_SECONDS * 1000);
    return record;
  }

  #see(name: string, heartbeatMs: number): void {
    const before = this.#live.get(name);
    const wasVisible = isLive(before, this.#now());
    this.#live.set(name, { heartbeatMs, lastSeenMs: this.#now() });
    if (!wasVisible) for (const listener of this.#listeners) listener();
  }
}

function fromRecord(r: DeviceResult): AgentResult {
  return {
    status: r.status === 'completed' ? 'completed' : 'failed',
    ...(r.reason ? { reason: r.reason } : {}),
    files: r.files,
    bytes: r.bytes,
    durationMs: r.durationMs,
    events: [],
    ...(r.source ? { source: r.source } : {}),
    ...(r.fallbackReason ? { fallbackReason: r.fallbackReason } : {}),
  };
}

function failed(reason: string): AgentResult {
  return { status: 'failed', reason, files: 0, bytes: 0, durationMs: 0, events: [] };
}
