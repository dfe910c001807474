/**
 * A small `Controller` for the HTTP edge's tests, built on a real SQLite state store: runs,
 * device results and events are real records, so "nothing started" is checked in the store, not
 * only on call counters. Tasks finish on their own after a few milliseconds (or when released).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UpdopsError } from '../../src/errors.js';
import type { Controller, ControllerObserver, OutbreakApplicationType, ReconcileResult, RunDetails } from '../../src/controller/types.js';
import { openStateStore, type DeviceResult, type EventRecord, type RolloutProgress, type RunRecord, type RunTrigger, type StateStore } from '../../src/state/index.js';
import { collectStatus, type StatusReport } from '../../src/status/index.js';

export interface FakeTask {
  name: string;
  outcome: 'completed' | 'failed';
  devices?: string[];
  outbreak?: OutbreakApplicationType[];
  /** Keep the run `running` until `release(name)` is called. */
  hold?: boolean;
}

export const NOW = new Date('2026-03-02T10:00:00Z');

export class FakeController implements Controller {
  readonly calls = { runTask: 0, outbreak: 0, reconcileNow: 0, getRun: 0, listRuns: 0, listEvents: 0, status: 0 };
  readonly #tasks: Map<string, FakeTask>;
  readonly #running = new Map<string, Promise<void>>();
  readonly #holds = new Map<string, () => void>();
  observer: ControllerObserver | undefined;
  /** How long a webhook's reconcile takes; tests check the webhook does not wait for it. */
  reconcileMs = 0;

  constructor(
    readonly store: StateStore,
    tasks: FakeTask[],
    observer?: ControllerObserver,
  ) {
    this.#tasks = new Map(tasks.map((t) => [t.name, t]));
    this.observer = observer;
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {
    for (const release of this.#holds.values()) release();
    await this.idle();
  }

  async reconcileNow(_reason: string): Promise<ReconcileResult> {
    this.calls.reconcileNow++;
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, this.reconcileMs));
    const result: ReconcileResult = { status: 'unchanged', commit: null };
    this.observer?.reconciled?.(result, performance.now() - started);
    return result;
  }

  async runTask(name: string, trigger: RunTrigger = 'manual'): Promise<RunRecord> {
    this.calls.runTask++;
    const task = this.#tasks.get(name);
    if (!task) throw new UpdopsError('NOT_FOUND', `no task named ${JSON.stringify(name)}`);
    if (this.#running.has(name)) {
      return this.store.createRun({ task: name, trigger, status: 'skipped' }).then((run) =>
        this.store.updateRun(run.id, { finishedAt: new Date().toISOString(), reason: 'the task is already running' }),
      );
    }
    const run = await this.store.createRun({ task: name, trigger, status: 'running' });
    this.observer?.runStarted?.(run);
    const done = this.#finish(task, run).finally(() => this.#running.delete(name));
    this.#running.set(name, done);
    return run;
  }

  async cancelRun(id: string, by: string): Promise<RunRecord> {
    const run = await this.store.getRun(id);
    if (!run) throw new UpdopsError('NOT_FOUND', `no run with id ${id}`);
    if (run.status !== 'running') throw new UpdopsError('CONFLICT', `run ${id} has already ended ${run.status}`);
    return this.store.updateRun(id, { status: 'cancelled', finishedAt: new Date().toISOString(), reason: `cancelled by ${by}` });
  }

  /** As the rollout driver does: only a halted rollout resumes, and who resumed it is kept. */
  async resumeRollout(name: string, by: string): Promise<RolloutProgress> {
    const progress = await this.store.getRollout(name);
    if (!progress) throw new UpdopsError('NOT_FOUND', `no rollout named ${name} in the applied configuration`);
    if (progress.status !== 'halted') throw new UpdopsError('CONFLICT', `rollout ${name} is ${progress.status}, not halted: nothing to resume`);
    const { halted: _halted, ...rest } = progress;
    const resumed: RolloutProgress = { ...rest, status: 'progressing', resumed: { by, at: new Date().toISOString() }, updatedAt: new Date().toISOString() };
    await this.store.putRollout(resumed);
    return resumed;
  }

  release(name: string): void {
    this.#holds.get(name)?.();
  }

  async #finish(task: FakeTask, run: RunRecord): Promise<void> {
    if (task.hold) await new Promise<void>((resolve) => this.#holds.set(task.name, resolve));
    else await new Promise((resolve) => setTimeout(resolve, 20));
    const devices = task.devices ?? ['dp-1', 'dp-2'];
    const results: DeviceResult[] = devices.map((device, i) => {
      const failed = task.outcome === 'failed' && i === devices.length - 1;
      return { runId: run.id, device, status: failed ? 'failed' : 'completed', files: failed ? 0 : 3, bytes: failed ? 0 : 1000, durationMs: 5, ...(failed ? { reason: 'only Windows DPs can run this task' } : {}) };
    });
    for (const r of results) await this.store.putDeviceResult(r);
    const finished = await this.store.updateRun(run.id, { status: task.outcome, finishedAt: new Date().toISOString() });
    await this.store.appendEvent({ type: task.outcome === 'failed' ? 'RunFailed' : 'RunCompleted', subject: task.name, message: `run ${run.id} ${task.outcome}` });
    this.observer?.runFinished?.(finished, results);
  }

  async outbreak(type: OutbreakApplicationType): Promise<RunRecord[]> {
    this.calls.outbreak++;
    await this.store.appendEvent({ type: 'Outbreak', subject: type, message: `virus outbreak reported by ${type}` });
    const chosen = [...this.#tasks.values()].filter((t) => t.outbreak?.includes(type));
    const runs: RunRecord[] = [];
    for (const t of chosen) runs.push(await this.runTask(t.name, 'outbreak'));
    return runs;
  }

  async getRun(id: string): Promise<RunDetails | undefined> {
    this.calls.getRun++;
    const run = await this.store.getRun(id);
    return run ? { run, results: await this.store.listDeviceResults(id) } : undefined;
  }

  async listRuns(query: { task?: string; limit?: number } = {}): Promise<RunRecord[]> {
    this.calls.listRuns++;
    return this.store.listRuns(query);
  }

  async listEvents(query: { type?: string; limit?: number } = {}): Promise<EventRecord[]> {
    this.calls.listEvents++;
    return this.store.listEvents(query);
  }

  /** DP name → repository folder, as an applied configuration would say (`--serve-repository`). */
  readonly repositories = new Map<string, string>();

  async distributionPointRepository(name: string): Promise<string | undefined> {
    return this.repositories.get(name);
  }

  async status(): Promise<StatusReport> {
    this.calls.status++;
    return collectStatus(this.store, NOW, 'UTC');
  }

  async idle(): Promise<void> {
    await Promise.all([...this.#running.values()]);
  }

  /** Everything the store holds about runs and events: "nothing started" means these stay empty. */
  async recorded(): Promise<{ runs: number; events: number }> {
    const dump = await this.store.dump();
    return { runs: dump.runs.length, events: dump.events.length };
  }
}

/** Records a group with two DPs and the tasks as applied objects, so status and the dashboard show them. */
async function recordConfig(store: StateStore, tasks: FakeTask[]): Promise<void> {
  // Recorded as apply records them: the normalized {metadata, spec} (decoded against the schemas when read).
  const group = { kind: 'Group', name: 'berlin-office', spec: { metadata: { name: 'berlin-office' }, spec: { distributionPoints: [{ name: 'dp-1', os: 'windows', repository: '/srv/updates' }, { name: 'dp-2', os: 'linux', repository: '/srv/updates' }], devices: [{ name: 'ws-1', os: 'windows' }] } } };
  const taskObjects = tasks.map((t) => ({ kind: 'Task', name: t.name, spec: { metadata: { name: t.name }, spec: { type: 'DownloadUpdatesToDistributionPoints', scope: { group: 'berlin-office' }, schedule: { kind: 'manual' } } } }));
  await store.applyChanges({ commit: 'a1b2c3d4e5f6a7b8c9d0', dirty: false, upserts: [group, ...taskObjects], deletes: [], plan: {}, summary: 'test config' });
  await store.putObservation({ dp: 'dp-1', version: '7', published: '2026-03-01T10:00:00Z', observedAt: NOW.toISOString(), missing: ['targets/a.avc'], corrupt: [] });
}

export interface FakeSetup {
  controller: FakeController;
  store: StateStore;
  dir: string;
  cleanup(): Promise<void>;
}

export const DEFAULT_TASKS: FakeTask[] = [
  { name: 'Download updates for Berlin', outcome: 'completed', outbreak: ['workstationsAndFileServers'] },
  { name: 'Broken task', outcome: 'failed', outbreak: ['mail'] },
  { name: 'Slow task', outcome: 'completed', hold: true },
];

export async function fakeController(tasks: FakeTask[] = DEFAULT_TASKS, observer?: ControllerObserver): Promise<FakeSetup> {
  const dir = mkdtempSync(join(tmpdir(), 'updops-api-'));
  const store = await openStateStore({ path: join(dir, 'state.db') });
  await recordConfig(store, tasks);
  const controller = new FakeController(store, tasks, observer);
  return {
    controller,
    store,
    dir,
    cleanup: async () => {
      await controller.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
