/**
 * `updops run TASK` (docs/design.md 1 "Schedules": manual starts; 4): starts a task now — through the
 * controller's API when one is named (`--controller` / `UPDOPS_CONTROLLER`, token from
 * `UPDOPS_TOKEN` or `--token-file`), else in this process against the state store and the
 * configuration it recorded. `--wait` follows the run to its end: exit 0 if it completed, 1 if not
 * (failed, cancelled, or skipped because every target was). `--devices a,b` and `--retry-failed RUN`
 * run only some of the task's targets (src/runs/select.ts).
 */
import { resolveToken } from '../controller/index.js';
import { ApiClient } from '../controller/index.js';
import type { RunDetails } from '../controller/index.js';
import { UpdopsError } from '../errors.js';
import type { RunRecord } from '../state/index.js';
import { DEFAULTS } from '../defaults.js';
import { localRuns, selectTargets, type TargetSelection } from '../runs/index.js';
import { recordedConfig } from '../state/index.js';
import { progressLines } from './run-progress.js';
import { configOption, withStore } from './context.js';
import { parseFormat } from './output.js';
import { controllerUrl, runDetailLines } from './runs.js';

export interface RunCommandOptions {
  task: string;
  wait?: boolean;
  controller?: string | undefined;
  tokenFile?: string | undefined;
  state?: string | undefined;
  config?: string | undefined;
  format?: string;
  /** `--devices a,b`: only these targets. */
  devices?: string | undefined;
  /** `--retry-failed RUN`: only the targets that failed in that run. */
  retryFailed?: string | undefined;
  /** Poll interval of `--wait`, in ms. */
  interval?: string | undefined;
}

const UNFINISHED = new Set(['pending', 'running']);

function print(format: string, value: unknown, lines: string[]): void {
  process.stdout.write(format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : `${lines.join('\n')}\n`);
}

function exitCodeOf(run: RunRecord): number {
  return run.status === 'completed' ? 0 : 1;
}

function startedLine(run: RunRecord): string {
  if (run.status === 'skipped') return `Run ${run.id} of "${run.task}" skipped: ${run.reason ?? 'the task is already running'}`;
  return `Started run ${run.id} of "${run.task}" (${run.status}).`;
}

/** Polls the run's status alone (`?results=none`) and reads its results once, when it has ended. */
async function waitForRun(client: ApiClient, id: string, intervalMs: number): Promise<RunDetails> {
  const gone = (): UpdopsError => new UpdopsError('NOT_FOUND', `run ${id} disappeared from the controller`);
  for (;;) {
    const run = await client.getRunStatus(id);
    if (!run) throw gone();
    if (!UNFINISHED.has(run.status)) return (await client.getRun(id)) ?? Promise.reject(gone());
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

async function viaApi(url: string, options: RunCommandOptions, format: string): Promise<number> {
  const client = new ApiClient({ url, token: resolveToken({ tokenFile: options.tokenFile }) });
  const selection = selectionOf(options);
  const run = await client.runTask(options.task, ...(selection ? [selection] : []));
  if (!options.wait || run.status === 'skipped') {
    print(format, { run }, [startedLine(run)]);
    // A skipped start did not run the task; scripts should notice.
    return run.status === 'skipped' ? 1 : 0;
  }
  if (format === 'text') process.stdout.write(`${startedLine(run)} Waiting for it to finish…\n`);
  const details = await waitForRun(client, run.id, parseInterval(options.interval));
  print(format, details, runDetailLines(details));
  return exitCodeOf(details.run);
}

/** No controller: run here, against the recorded configuration (docs/design.md 2: never the working tree). */
async function inProcess(options: RunCommandOptions, format: string): Promise<number> {
  return withStore(options, async (store) => {
    const config = await recordedConfig(store);
    if (!config.tasks.has(options.task)) throw new UpdopsError('NOT_FOUND', `task "${options.task}" is not in the applied configuration (run updops apply first)`);
    const selection = selectionOf(options);
    const targets = selection ? await selectTargets(config, options.task, selection, store) : undefined;
    const progress = format === 'text' ? progressLines() : {};
    const outcomes = await localRuns({ task: options.task, trigger: 'manual', ...(targets ? { targets } : {}) }, { store, config, configDir: configOption(options.config), concurrency: DEFAULTS.runConcurrency, ...progress });
    const [first] = outcomes;
    if (!first) throw new UpdopsError('INTERNAL', `the run of "${options.task}" recorded nothing`);
    const chained = outcomes.slice(1);
    print(format, { run: first.run, results: first.results, ...(chained.length ? { chained: chained.map((o) => ({ run: o.run, results: o.results })) } : {}) }, outcomes.flatMap(runDetailLines));
    return exitCodeOf(first.run);
  }, 'existing');
}

/** `--devices a,b` (comma-separated, blanks dropped) or `--retry-failed RUN`; neither: the whole scope. */
function selectionOf(options: RunCommandOptions): TargetSelection | undefined {
  if (options.devices !== undefined && options.retryFailed !== undefined) throw new UpdopsError('USAGE', 'choose the targets by --devices or by --retry-failed, not both');
  if (options.devices !== undefined) {
    const devices = options.devices.split(',').map((d) => d.trim()).filter(Boolean);
    if (devices.length === 0) throw new UpdopsError('USAGE', '--devices needs at least one name, e.g. --devices dp-1,pc-2');
    return { devices };
  }
  return options.retryFailed !== undefined ? { retryFailed: options.retryFailed } : undefined;
}

function parseInterval(value: string | undefined): number {
  if (value === undefined) return 1000;
  if (!/^\d+$/.test(value) || Number(value) < 10) throw new UpdopsError('USAGE', '--interval must be a whole number of milliseconds, at least 10');
  return Number(value);
}

export async function runCommand(options: RunCommandOptions): Promise<number> {
  const format = parseFormat(options.format ?? 'text');
  parseInterval(options.interval);
  selectionOf(options);
  const url = controllerUrl(options.controller);
  return url ? viaApi(url, options, format) : inProcess(options, format);
}
