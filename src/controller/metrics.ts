/**
 * Prometheus metrics of the controller (docs/design.md 4) and the `ControllerObserver` that feeds
 * them. The core only tells the observer what happened; prom-client and pino stay at this edge
 * (docs/style.md 2). Later capabilities add their gauges (e.g. database freshness) to `ControllerMetrics`.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AgentRecord } from '../state/index.js';
import type { DeviceResult, RunRecord } from '../state/index.js';
import type { Logger } from './logging.js';
import type { ControllerObserver, ReconcileResult } from './types.js';

export interface ControllerMetrics {
  runs: Counter<'task' | 'status'>;
  runsInProgress: Gauge;
  downloadedBytes: Counter;
  reconcileDuration: Histogram;
  reconciles: Counter<'status'>;
  lastAppliedCommit: Gauge;
}

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
    reconciles: new Counter({ name: 'updops_reconcile_total', help: 'Reconciles by outcome (applied, unchanged, failed)', labelNames: ['status'], registers }),
    lastAppliedCommit: new Gauge({ name: 'updops_last_applied_commit_timestamp_seconds', help: 'Unix time at which the controller last applied a commit', registers }),
  };
}

function observerFor(metrics: ControllerMetrics, logger: Logger | undefined, now: () => Date): ControllerObserver {
  return {
    reconciled(result: ReconcileResult, durationMs: number) {
      metrics.reconciles.inc({ status: result.status });
      metrics.reconcileDuration.observe(durationMs / 1000);
      if (result.status === 'applied') metrics.lastAppliedCommit.set(now().getTime() / 1000);
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
export function createMetrics(registry: Registry = new Registry(), options: { logger?: Logger; now?: () => Date; agents?: () => Promise<AgentRecord[]> } = {}): MetricsBundle {
  collectDefaultMetrics({ register: registry });
  const metrics = defineMetrics(registry);
  if (options.agents) freshnessGauge(registry, options.agents);
  return { registry, metrics, observer: observerFor(metrics, options.logger, options.now ?? (() => new Date())) };
}

/** Devices by the freshness their agents last reported (seed 000: up to date, BasesAreOutOfDate, BasesAreTotallyOutOfDate, none). */
function freshnessGauge(registry: Registry, agents: () => Promise<AgentRecord[]>): void {
  new Gauge({
    name: 'updops_device_freshness',
    help: 'Devices with an agent, by the freshness of their installed databases',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      const counts = new Map<string, number>([['upToDate', 0], ['outOfDate', 0], ['totallyOutOfDate', 0], ['none', 0]]);
      for (const agent of await agents()) {
        const status = agent.role === 'device' ? agent.status?.freshness : undefined;
        if (typeof status === 'string') counts.set(status, (counts.get(status) ?? 0) + 1);
      }
      for (const [status, n] of counts) this.set({ status }, n);
    },
  });
}
