import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { UpdopsError } from '../errors.js';
import { applyNoChanges, applyPlan, type ApplyResult } from '../plan/index.js';
import { planHasChanges } from '../plan/index.js';
import { preparePlan } from '../plan/index.js';
import { renderPlan } from '../plan/index.js';
import { stableStringify } from '../manifests/index.js';
import type { SavedPlan } from '../plan/index.js';
import type { StateStore } from '../state/index.js';
import { configOption, lockHolder, parseNow, useColor, withStore } from './context.js';
import { localRuns, type RunOutcome, type RunRequest } from '../runs/index.js';
import { progressLines } from './run-progress.js';

export interface ApplyCommandOptions {
  planFile?: string;
  config?: string;
  ref?: string;
  state?: string;
  prune?: boolean;
  maxDeletes: string;
  autoApprove?: boolean;
  forceUnlock?: string;
  now?: string;
  concurrency: string;
}

function readSavedPlan(file: string): SavedPlan {
  let saved: SavedPlan;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as SavedPlan;
  } catch (error) {
    throw new UpdopsError('USAGE', `cannot read plan file ${file}: ${(error as Error).message}`);
  }
  if (saved?.plan?.formatVersion !== 1 || !Array.isArray(saved.objects)) throw new UpdopsError('USAGE', `${file} is not a plan saved by updops plan --out`);
  // A plan saved before the rollout view existed shows none.
  saved.plan.rollout ??= { rings: [], rollouts: [], links: [] };
  return saved;
}

/** A saved plan applies exactly what it showed: refused when the config moved since (docs/design.md 2). */
async function checkSavedPlanConfig(saved: SavedPlan, store: StateStore, now: Date): Promise<void> {
  const current = await preparePlan({ config: saved.config.source, ...(saved.config.ref ? { ref: saved.config.ref } : {}), store, prune: saved.plan.prune, now, offline: true });
  if (saved.plan.commit !== null && current.saved.plan.commit !== saved.plan.commit) {
    throw new UpdopsError('PLAN_STALE', `the plan was made at commit ${saved.plan.commit.slice(0, 12)} but ${saved.config.source} is now at ${current.saved.plan.commit?.slice(0, 12) ?? 'an uncommitted state'}; make a new plan`);
  }
  const strip = (objects: SavedPlan['objects']): string => stableStringify(objects.map(({ kind, name, spec }) => ({ kind, name, spec })));
  if (strip(current.saved.objects) !== strip(saved.objects)) {
    throw new UpdopsError('PLAN_STALE', `the configuration in ${saved.config.source} changed since the plan was made; make a new plan`);
  }
}

async function confirm(): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question("\nDo you want to apply this plan? Only 'yes' will be accepted: ");
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}

/** Terraform's closing line, then each run the apply started, with every failed target and its reason. */
function summary(result: ApplyResult): string {
  const targets = result.runs.flatMap((r) => r.results);
  const synced = targets.filter((t) => t.status === 'completed').length;
  const failed = targets.filter((t) => t.status === 'failed').length;
  const lines = [`Apply complete: ${result.created} created, ${result.updated} updated, ${result.deleted} deleted; ${synced} repositor${synced === 1 ? 'y' : 'ies'} synced, ${failed} failed (state serial ${result.serial}).`];
  for (const { run, results } of result.runs) {
    lines.push(`  Run ${run.id} of "${run.task}" (${run.trigger}): ${run.status}${run.reason ? ` — ${run.reason}` : ''}`);
    for (const r of results.filter((x) => x.status !== 'completed')) lines.push(`    ${r.status}: ${r.device} (${run.task}): ${r.reason ?? 'no reason given'}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `updops apply [PLANFILE]`: validate, lock, write in one transaction, sync, record, unlock. */
export async function applyCommand(options: ApplyCommandOptions): Promise<number> {
  const maxDeletes = Number(options.maxDeletes);
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(maxDeletes) || maxDeletes < 0) throw new UpdopsError('USAGE', '--max-deletes must be a whole number');
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UpdopsError('USAGE', '--concurrency must be a whole number of at least 1');
  const now = parseNow(options.now);
  return withStore(options, async (store) => {
    if (options.forceUnlock) {
      await store.forceUnlock(options.forceUnlock);
      process.stdout.write(`Lock ${options.forceUnlock} removed.\n`);
      return 0;
    }
    let saved: SavedPlan;
    if (options.planFile) {
      saved = readSavedPlan(options.planFile);
      await checkSavedPlanConfig(saved, store, now);
    } else {
      saved = (await preparePlan({ config: configOption(options.config), ...(options.ref ? { ref: options.ref } : {}), store, prune: options.prune ?? false, now })).saved;
      process.stdout.write(renderPlan(saved.plan, 'text', { color: useColor() }));
      if (!planHasChanges(saved.plan)) {
        const ended = await applyNoChanges(store, lockHolder());
        if (ended > 0) process.stdout.write(`${ended} run${ended === 1 ? '' : 's'} of an apply that ended before finishing marked interrupted.\n`);
        return 0;
      }
      if (process.stdin.isTTY && process.stdout.isTTY && !options.autoApprove && !process.env.CI && !(await confirm())) {
        process.stdout.write('Apply cancelled; nothing was changed.\n');
        return 1;
      }
    }
    const configDir = saved.config.dir ?? configOption(options.config);
    const progress = progressLines();
    const execute = async (requests: RunRequest[]): Promise<RunOutcome[]> => {
      const outcomes: RunOutcome[] = [];
      for (const request of requests) outcomes.push(...(await localRuns(request, { store, configDir, concurrency, ...progress })));
      return outcomes;
    };
    const result = await applyPlan(saved, { store, holder: lockHolder(), maxDeletes, execute });
    process.stdout.write(summary(result));
    return result.runs.some((r) => r.run.status === 'failed') ? 1 : 0;
  }, options.forceUnlock ? 'existing' : 'create'); // a lock can only be in a state that exists
}
