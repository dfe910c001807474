/**
 * `updops runs [ID]` (docs/design.md 1 "Runs and statuses", 4): runs with status, trigger and times,
 * or one run with its per-device results — from the controller's API (`--controller` or
 * `UPDOPS_CONTROLLER`) or straight from the state store.
 */
import { ApiClient, storeReader, type RunsReader } from '../controller/index.js';
import type { RunDetails } from '../controller/index.js';
import { UpdopsError } from '../errors.js';
import type { RunRecord } from '../state/index.js';
import { formatBytes } from '../util/index.js';
import { withStore } from './context.js';
import { parseFormat } from './output.js';

export interface ReaderOptions {
  controller?: string | undefined;
  state?: string | undefined;
}

export function controllerUrl(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return option ?? (env.UPDOPS_CONTROLLER ? env.UPDOPS_CONTROLLER : undefined);
}

/** The API when a controller URL is given (reads need no token), else the state store. */
export async function withReader<T>(options: ReaderOptions, use: (reader: RunsReader) => Promise<T>): Promise<T> {
  const url = controllerUrl(options.controller);
  if (url) return use(new ApiClient({ url }));
  return withStore(options, (store) => use(storeReader(store)), 'existing');
}

export function parseLimit(value: string | undefined, fallback = 20): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1000) throw new UpdopsError('USAGE', '--limit must be a whole number from 1 to 1000');
  return Number(value);
}

export function table(rows: string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
}

function duration(run: RunRecord): string {
  if (!run.finishedAt) return '-';
  const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : '-';
}

export function runListLines(runs: RunRecord[]): string[] {
  if (runs.length === 0) return ['No runs recorded.'];
  const rows = [['ID', 'TASK', 'TRIGGER', 'STATUS', 'STARTED', 'DURATION', 'REASON']];
  for (const r of runs) rows.push([r.id, r.task, r.trigger, r.status, r.startedAt, duration(r), r.reason ?? '']);
  return table(rows);
}

/** One run and a line per device: what `updops runs ID` and `updops run --wait` print. */
export function runDetailLines({ run, results }: RunDetails): string[] {
  const lines = [`Run ${run.id} of "${run.task}": ${run.status} (${run.trigger}, started ${run.startedAt}${run.finishedAt ? `, finished ${run.finishedAt}` : ''})`];
  if (run.reason) lines.push(`  ${run.reason}`);
  if (results.length === 0) return [...lines, '  No device results.'];
  const rows = [['DEVICE', 'STATUS', 'FILES', 'BYTES', 'DURATION', 'SOURCE', 'REASON']];
  for (const r of results) rows.push([r.device, r.status, String(r.files), formatBytes(r.bytes), `${(r.durationMs / 1000).toFixed(1)} s`, r.source ?? '-', r.reason ?? '']);
  // A target served by a later source says why the earlier ones were skipped, one line each.
  const fellBack = results.filter((r) => r.fallbackReason).map((r) => `    ${r.device}: served by ${r.source ?? 'no source'}; skipped ${r.fallbackReason ?? ''}`);
  return [...lines, ...table(rows).map((l) => `  ${l}`), ...(fellBack.length ? ['  Fallbacks:', ...fellBack] : [])];
}

export interface RunsCommandOptions extends ReaderOptions {
  id?: string | undefined;
  task?: string | undefined;
  /** Only runs that had this DP/device as a target. */
  device?: string | undefined;
  limit?: string | undefined;
  format: string;
}

export async function runsCommand(options: RunsCommandOptions): Promise<number> {
  const format = parseFormat(options.format);
  const limit = parseLimit(options.limit);
  return withReader(options, async (reader) => {
    if (options.id !== undefined) {
      const details = await reader.getRun(options.id);
      if (!details) throw new UpdopsError('NOT_FOUND', `no run with id ${options.id}`);
      process.stdout.write(format === 'json' ? `${JSON.stringify(details, null, 2)}\n` : `${runDetailLines(details).join('\n')}\n`);
      return 0;
    }
    const runs = await reader.listRuns({ ...(options.task !== undefined ? { task: options.task } : {}), ...(options.device !== undefined ? { device: options.device } : {}), limit });
    process.stdout.write(format === 'json' ? `${JSON.stringify(runs, null, 2)}\n` : `${runListLines(runs).join('\n')}\n`);
    return 0;
  });
}
