/**
 * The leader drives every applied Rollout (docs/architecture.md "Rollouts"): on each tick it reads
 * the devices' last reports from the store (so agents heartbeating on any replica count), runs
 * the pure gates (rollout/), records the progress fenced, raises the events — which the
 * notifier routes like any other — and starts the task for the devices a wave admits, so they
 * take the version now instead of at their next scheduled run. A commit that changes a rollout's
 * spec resumes it when halted (a changed version starts it over); `resume` does the same by hand.
 */
import { DEFAULTS } from '../defaults.js';
import { UpdopsError, isUpdopsError } from '../errors.js';
import { taskRollout, type WaveMembers } from '../manifests/index.js';
import { decodeHeartbeat } from '../protocol/index.js';
import { advanceRollout, admittedVersion, resumeRollout, startRollout, type DeviceReport, type RolloutEvent, type Step } from '../rollout/index.js';
import type { RecordedConfig, RecordedRollout, RolloutProgress, StateStore } from '../state/index.js';
import type { RunRequest } from '../runs/index.js';
import type { Activity } from './activity.js';
import type { Clock } from './types.js';
import { stepVerifications, verifiedVersion } from './verifications.js';


export interface RolloutDriverOptions {
  store: StateStore;
  clock: Clock;
  config(): Promise<RecordedConfig>;
  start(request: RunRequest): Promise<unknown>;
  signal: AbortSignal;
  /** Waits on the clock count as idle (tests' fake clocks settle while the loop sleeps). */
  activity: Activity;
  tickMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

interface Resolved {
  rollout: RecordedRollout;
  task: string;
  waves: WaveMembers[];
}

/**
 * A rollout's waves for one applied config, computed once: `pinnedVersion` asks for every device
 * a run dispatches, and the waves depend only on the config (a new apply is a new object).
 */
const resolvedByConfig = new WeakMap<RecordedConfig, Map<string, Resolved | undefined>>();

function resolve(config: RecordedConfig, rollout: RecordedRollout): Resolved | undefined {
  let cache = resolvedByConfig.get(config);
  if (!cache) resolvedByConfig.set(config, (cache = new Map()));
  if (!cache.has(rollout.name)) {
    const found = taskRollout(config.model, rollout.name, rollout.spec);
    cache.set(rollout.name, found ? { rollout, task: rollout.spec.task, waves: found.waves } : undefined);
  }
  return cache.get(rollout.name);
}

function report(status: Record<string, unknown> | undefined): DeviceReport | undefined {
  const beat = decodeHeartbeat(status);
  return beat?.role === 'device' ? beat : undefined;
}

export class RolloutDriver {
  readonly #o: RolloutDriverOptions;
  /** Serializes ticks and resumes: one step of a rollout at a time. */
  #busy: Promise<unknown> = Promise.resolve();

  constructor(options: RolloutDriverOptions) {
    this.#o = options;
  }

  async loop(): Promise<void> {
    const tick = this.#o.tickMs ?? DEFAULTS.rolloutTickMs;
    while (!this.#o.signal.aborted) {
      await this.tick().catch((error: unknown) => {
        if (isUpdopsError(error) && error.code === 'FENCED') return; // the lease's owner stops us
        this.#o.log?.('error', `rollouts: ${(error as Error).message}`, { code: isUpdopsError(error) ? error.code : 'INTERNAL' });
      });
      await this.#o.activity.sleep(this.#o.clock, tick, this.#o.signal).catch(() => undefined);
    }
  }

  /** One step of every rollout and every verifying download task; progress of those no longer applied is forgotten. */
  tick(): Promise<void> {
    return this.#serial(async () => {
      const config = await this.#o.config();
      const recorded = await this.#o.store.listRollouts();
      for (const progress of recorded) if (!config.rollouts.has(progress.name)) await this.#o.store.deleteRollout(progress.name);
      const byName = new Map(recorded.map((p) => [p.name, p]));
      for (const rollout of config.rollouts.values()) {
        const resolved = resolve(config, rollout);
        if (resolved) await this.#step(resolved, byName.get(rollout.name));
      }
      await stepVerifications(config, { store: this.#o.store, now: () => this.#o.clock.now(), start: (request) => this.#o.start(request), ...(this.#o.log ? { log: this.#o.log } : {}) });
    });
  }

  /** `updops rollout resume NAME`: a halted rollout goes on, its failed devices get another attempt. */
  resume(name: string, by: string): Promise<RolloutProgress> {
    return this.#serial(async () => {
      const config = await this.#o.config();
      const rollout = config.rollouts.get(name);
      const resolved = rollout && resolve(config, rollout);
      if (!resolved) throw new UpdopsError('NOT_FOUND', `no rollout named ${name} in the applied configuration`);
      const progress = await this.#o.store.getRollout(name);
      if (progress?.status !== 'halted') throw new UpdopsError('CONFLICT', `rollout ${name} is ${progress?.status ?? 'not started'}, not halted: nothing to resume`);
      return this.#record(resolved, resumeRollout(this.#subject(resolved), progress, resolved.waves, this.#o.clock.now(), by));
    });
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#busy.then(work, work);
    this.#busy = next.catch(() => undefined);
    return next;
  }

  #subject({ rollout, task }: Resolved): { name: string; task: string; version: string; specHash: string } {
    return { name: rollout.name, task, version: rollout.spec.version, specHash: rollout.specHash };
  }

  async #step(resolved: Resolved, progress: RolloutProgress | undefined): Promise<void> {
    const now = this.#o.clock.now();
    const subject = this.#subject(resolved);
    // A new rollout, or a new version for an old one: from the first wave.
    if (!progress || progress.version !== subject.version) {
      await this.#record(resolved, startRollout(subject, resolved.waves, now));
      return;
    }
    const stored = progress;
    if (progress.specHash !== subject.specHash) {
      if (progress.status === 'halted') {
        await this.#record(resolved, resumeRollout(subject, progress, resolved.waves, now, 'a commit'));
        return;
      }
      progress = { ...progress, specHash: subject.specHash };
    }
    if (progress.status !== 'progressing') return;
    const devices = resolved.waves[progress.wave]?.devices ?? [];
    const reports = new Map<string, DeviceReport>();
    for (const device of devices) {
      if (progress.devices[device]) continue;
      const found = report((await this.#o.store.getAgent(device))?.status);
      if (found) reports.set(device, found);
    }
    const step = advanceRollout(subject, progress, resolved.waves, reports, now);
    // A step only adds outcomes (advance.ts), so a new one shows in the count.
    const decided = Object.keys(step.progress.devices).length !== Object.keys(stored.devices).length;
    // A spec changed while progressing is recorded too: else a later halt would read the old hash as a resuming commit.
    if (step.events.length > 0 || decided || step.progress.specHash !== stored.specHash) await this.#record(resolved, step);
  }

  async #record(resolved: Resolved, step: Step): Promise<RolloutProgress> {
    await this.#o.store.putRollout(step.progress);
    const time = this.#o.clock.now().toISOString();
    for (const event of step.events) await this.#o.store.appendEvent(toEvent(event, resolved.rollout.name, time));
    if (step.admitted.length > 0) {
      // The admitted devices take the version now; busy (a run of the task in progress) is recorded as a skipped run, and their schedule takes them later.
      await this.#o.start({ task: resolved.task, trigger: 'rollout', targets: step.admitted }).catch((error: unknown) => this.#o.log?.('warn', `rollout ${resolved.rollout.name}: could not start "${resolved.task}": ${(error as Error).message}`));
    }
    return step.progress;
  }
}

/**
 * The version `device` gets from Update task `task` now: a rollout's once its wave is admitted,
 * else the task's own pin (`spec.version`), else — when a verifying download task's DP serves
 * it — the release its test devices verified (verifications.ts), or held until one is;
 * `{}`: the newest the sources have.
 */
export async function pinnedVersion(config: RecordedConfig, store: Pick<StateStore, 'getRollout' | 'getVerification'>, task: string, device: string): Promise<{ version?: string } | { held: string }> {
  const spec = config.tasks.get(task)?.spec;
  const own = spec?.type === 'Update' ? spec.version : undefined;
  const rollout = [...config.rollouts.values()].find((r) => r.spec.task === task);
  const resolved = rollout && resolve(config, rollout);
  const pinned = (resolved && admittedVersion({ version: resolved.rollout.spec.version, waves: resolved.waves }, await store.getRollout(resolved.rollout.name), device)) ?? own;
  if (pinned !== undefined) return { version: pinned };
  return (await verifiedVersion(config, store, device)) ?? {};
}

function toEvent(event: RolloutEvent, rollout: string, time: string): Parameters<StateStore['appendEvent']>[0] {
  return { type: event.type, subject: rollout, message: `rollout ${rollout}: ${event.message}`, time, data: event.data };
}
