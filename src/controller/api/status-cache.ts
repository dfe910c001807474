/**
 * `GET /api/status` and the dashboard share one status computation: concurrent requests wait for
 * the one in flight, and its answer is reused for `ttlMs`. Computing the report reads the whole
 * recorded config and the last 1,000 runs (src/status/report.ts, ~20 ms with a few thousand runs),
 * so without this a dashboard left open in a few browsers plus a scraper could keep the controller
 * busy answering the same question. A report at most `ttlMs` old is fine for people and scripts;
 * runs and events are never cached.
 */
import type { StatusReport } from '../../status/index.js';
import type { Controller } from '../types.js';

export const DEFAULT_STATUS_CACHE_MS = 1000;

export function statusCache(controller: Controller, ttlMs: number, now: () => number = () => performance.now()): () => Promise<StatusReport> {
  let inFlight: Promise<StatusReport> | undefined;
  let cached: { at: number; report: StatusReport } | undefined;
  return () => {
    if (cached && now() - cached.at < ttlMs) return Promise.resolve(cached.report);
    if (inFlight) return inFlight;
    const started = now();
    inFlight = controller.status().then(
      (report) => {
        if (ttlMs > 0) cached = { at: started, report };
        inFlight = undefined;
        return report;
      },
      (error: unknown) => {
        // A failure is not cached: the next request tries again.
        inFlight = undefined;
        throw error;
      },
    );
    return inFlight;
  };
}
