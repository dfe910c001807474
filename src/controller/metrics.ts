/**
 * Prometheus metrics of the controller (docs/design.md 4) and the `ControllerObserver` that feeds
 * them. The core only tells the observer what happened; prom-client and pino stay at this edge
 * (docs/style.md 2). Later capabilities add their gauges (e.g. database freshness) to `ControllerMetrics`.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { StateStore } from '../state/index.js';
import type { DeviceResult, RunRecord } from '../state/index.js';
import type { Logger } from './logging.js';
import type { ControllerObserver, ReconcileResult } from './types.js';

export interface ControllerMetrics {
  runs: Counter<'task' | 'status'>;
  runsInProgress: Gauge;
  downloadedBytes: Counter;
  reconcileDuration: Histogram;
  reconciles: Counter<'status'>;
}

/** What the gauges read from the store when scraped, so they survive restarts and match `updops status`. */
export type MetricsState = Pick<StateStore, 'listAgents' | 'listHistory' | 'getReconcileStatus'>;

export interface MetricsBundle {
  registry: Registry;
  metrics: ControllerMetrics;
  observer: ControllerObserver;
}

function defineMetrics(registry: Registry): ControllerMetrics {
  const registers = [registry];
  return {
    runs: new Counter({ name: 'updops_runs_total', help: 'Finished task runs by task and overall status', labelNames: ['task', 'status'], registers }),
    runsInProgress: new Gauge({ name: 'updops_runs_in_progress', help: 'Task runs started and not yet finished', registers }),
    downloadedBytes: new Counter({ name: 'updops_downloaded_bytes_total', help: 'Bytes downloaded by finished runs, summed over devices', registers }),
    reconcileDuration: new Histogram({
      name: 'updops_reconcile_duration_seconds',
      help: 'Time to plan and apply one commit',
      // Reconciles range from a no-op (milliseconds) to a sync of many DPs (minutes).
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    }),
    reconciles: new Counter({ name: 'updops_reconcile_total', help: 'Reconciles by outcome (applied, unchanged, failed, waiting)', labelNames: ['status'], registers }),
  };
}

function observerFor(metrics: ControllerMetrics, logger: Logger | undefined): ControllerObserver {
  return {
    reconciled(result: ReconcileResult, durationMs: number) {
      metrics.reconciles.inc({ status: result.status });
      if (result.status === 'waiting') return; // nothing was tried: a failed commit waits for its retry
      metrics.reconcileDuration.observe(durationMs / 1000);
      const fields = { status: result.status, commit: result.commit, ms: Math.round(durationMs), ...(result.error ? { error: result.error } : {}) };
      if (result.status === 'failed') logger?.warn(fields, 'reconcile failed');
      else logger?.info(fields, 'reconciled');
    },
    runStarted(run: RunRecord) {
      metrics.runsInProgress.inc();
      logger?.info({ runId: run.id, task: run.task, trigger: run.trigger }, 'run started');
    },
    runFinished(run: RunRecord, results: DeviceResult[]) {
      metrics.runsInProgress.dec();
      metrics.runs.inc({ task: run.task, status: run.status });
      const bytes = results.reduce((sum, r) => sum + r.bytes, 0);
      if (bytes > 0) metrics.downloadedBytes.inc(bytes);
      const failed = results.filter((r) => r.status === 'failed').length;
      logger?.info({ runId: run.id, task: run.task, status: run.status, devices: results.length, failed, bytes }, 'run finished');
    },
    log(level, message, fields) {
      logger?.[level](fields ?? {}, message);
    },
  };
}

/**
 * A registry with the updops metrics and the default process metrics, and the observer to pass
 * as `ControllerOptions.observer`. A fresh registry by default: default metrics may be
 * registered only once per registry.
 */
export function createMetrics(registry: Registry = new Registry(), options: { logger?: Logger; state?: MetricsState; replica?: ReplicaIdentity } = {}): MetricsBundle {
  collectDefaultMetrics({ register: registry });
  const metrics = defineMetrics(registry);
  if (options.replica) leaderGauge(registry, options.replica);
  if (options.state) {
    freshnessGauge(registry, options.state);
    reconcileGauges(registry, options.state);
  }
  return { registry, metrics, observer: observerFor(metrics, options.logger) };
}

/** Who this replica is, for `updops_controller_leader`, and whether it leads right now. */
export interface ReplicaIdentity {
  host: string;
  pid: number;
  leading(): boolean;
}

/** 1 on the replica that holds the controller lease, 0 on every other (standing by, or lost it): one series per replica. */
function leaderGauge(registry: Registry, replica: ReplicaIdentity): void {
  new Gauge({
    name: 'updops_controller_leader',
    help: 'Whether this controller replica is the active one (holds the controller lease): 1, or 0 while it stands by',
    labelNames: ['host', 'pid'],
    registers: [registry],
    collect() {
      this.reset();
      this.set({ host: replica.host, pid: String(replica.pid) }, replica.leading() ? 1 : 0);
    },
  });
}

/**
 * The reconcile condition as Flux exports it (`gotk_reconcile_condition`): one series per
 * condition, 1 for the current one; with the time of the last attempt, the failures in a row,
 * and when the last commit was applied (from the history, so a restart does not reset it).
 */
function reconcileGauges(registry: Registry, state: MetricsState): void {
  const registers = [registry];
  new Gauge({
    name: 'updops_reconcile_condition',
    help: 'Condition of the last commit the controller tried: 1 for the current condition (Ready or Failed)',
    labelNames: ['condition', 'reason'],
    registers,
    async collect() {
      this.reset();
      const status = await state.getReconcileStatus();
      if (!status) return;
      this.set({ condition: 'Ready', reason: status.condition === 'Ready' ? status.reason : '' }, status.condition === 'Ready' ? 1 : 0);
      this.set({ condition: 'Failed', reason: status.condition === 'Failed' ? status.reason : '' }, status.condition === 'Failed' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'updops_reconcile_failures',
    help: 'Attempts of the current commit that failed in a row (0 when Ready)',
    registers,
    async collect() {
      this.set((await state.getReconcileStatus())?.failures ?? 0);
    },
  });
  new Gauge({
    name: 'updops_last_reconcile_attempt_timestamp_seconds',
    help: 'Unix time of the last reconcile attempt (0: never)',
    registers,
    async collect() {
      const at = (await state.getReconcileStatus())?.lastAttemptAt;
      this.set(at ? Date.parse(at) / 1000 : 0);
    },
  });
  new Gauge({
    name: 'updops_last_applied_commit_timestamp_seconds',
    help: 'Unix time at which the last commit was applied (recorded in the history; 0: never)',
    registers,
    async collect() {
      const [last] = await state.listHistory(1);
      this.set(last ? Date.parse(last.appliedAt) / 1000 : 0);
    },
  });
}

/** Devices by the freshness their agents last reported (seed 000: up to date, BasesAreOutOfDate, BasesAreTotallyOutOfDate, none). */
function freshnessGauge(registry: Registry, state: MetricsState): void {
  new Gauge({
    name: 'updops_device_freshness',
    help: 'Devices with an agent, by the freshness of their installed databases',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      const counts = new Map<string, number>([['upToDate', 0], ['outOfDate', 0], ['totallyOutOfDate', 0], ['none', 0]]);
      for (const agent of await state.listAgents()) {
        const status = agent.role === 'device' ? agent.status?.freshness : undefined;
        if (typeof status === 'string') counts.set(status, (counts.get(status) ?? 0) + 1);
      }
      for (const [status, n] of counts) this.set({ status }, n);
    },
  });
}
