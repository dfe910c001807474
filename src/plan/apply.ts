/**
 * `applyPlan` — the only code that writes (docs/style.md 3, docs/design.md 2 "Apply"; docs/architecture.md
 * "Apply"): take the state lock, refuse a stale plan, write every object change in one
 * transaction, then start what the apply starts (runs/triggers.ts `applyStarts`) through the
 * caller's executor, and release the lock whatever happens.
 */
import { UpdopsError } from '../errors.js';
import { applyStarts, type RunOutcome, type RunRequest } from '../runs/index.js';
import { NO_LINEAGE, recordedConfig, type StateStore } from '../state/index.js';
import { DEFAULTS } from '../defaults.js';
import type { SavedPlan, SyncAction } from './types.js';

export interface ApplyContext {
  store: StateStore;
  holder: { owner: string; host: string; pid: number };
  /** Refuse plans that delete more objects than this (`--max-deletes`). */
  maxDeletes: number;
  /**
   * Runs what the apply starts and resolves when they are done: the CLI runs them in-process
   * (runs/local.ts), the controller through its runner (agents, one run per task at a time).
   */
  execute(requests: RunRequest[]): Promise<RunOutcome[]>;
  lockTtlMs?: number;
}

export interface ApplyResult {
  serial: number;
  created: number;
  updated: number;
  deleted: number;
  /** The runs the apply started (and the runs they chained), finished. */
  runs: RunOutcome[];
}

function checkDeletes(saved: SavedPlan, maxDeletes: number): void {
  const deletes = saved.plan.changes.filter((c) => c.action === 'delete').length;
  if (deletes > maxDeletes) {
    throw new UpdopsError('USAGE', `the plan deletes ${deletes} objects, more than --max-deletes ${maxDeletes}; raise --max-deletes if that is intended`);
  }
}

async function writeObjects(saved: SavedPlan, store: StateStore): Promise<number> {
  const meta = await store.getMeta();
  const { plan } = saved;
  // A plan made before the first apply (NO_LINEAGE) fits any state that was never applied.
  const fits = plan.state.lineage === NO_LINEAGE ? meta.serial === 0 : meta.lineage === plan.state.lineage;
  if (!fits) {
    const made = plan.state.lineage === NO_LINEAGE ? 'before any state existed, and this state has been applied since' : `against another state (lineage ${plan.state.lineage}, this state is ${meta.lineage})`;
    throw new UpdopsError('PLAN_STALE', `the plan was made ${made}; make a new plan`);
  }
  if (plan.changes.length === 0 && (await alreadyRecorded(saved, store))) {
    // A repeat of the last recorded commit (a retry, a repair): nothing to write, no new serial or history entry.
    if (meta.serial !== plan.state.serial) throw new UpdopsError('PLAN_STALE', `the state changed since the plan was made (plan is for serial ${plan.state.serial}, state is at serial ${meta.serial}); run plan again`);
    return meta.serial;
  }
  const changed = new Set(plan.changes.filter((c) => c.action !== 'delete').map((c) => `${c.kind}\u0000${c.name}`));
  const upserts = saved.objects.filter((o) => changed.has(`${o.kind}\u0000${o.name}`)).map((o) => ({ kind: o.kind, name: o.name, spec: o.spec }));
  const deletes = plan.changes.filter((c) => c.action === 'delete').map((c) => ({ kind: c.kind, name: c.name }));
  const counts = { create: 0, update: 0, delete: 0 };
  for (const c of plan.changes) counts[c.action]++;
  const syncs = plan.actions.filter((a) => a.action === 'sync').length;
  const summary = `${counts.create} created, ${counts.update} updated, ${counts.delete} deleted; ${syncs} ${syncs === 1 ? 'repository' : 'repositories'} to sync`;
  return store.applyChanges({ commit: plan.commit ?? undefined, dirty: plan.dirty, expectedSerial: plan.state.serial, upserts, deletes, plan, summary });
}

/** The plan's commit is the last one recorded, clean: applying it again records nothing new. */
async function alreadyRecorded(saved: SavedPlan, store: StateStore): Promise<boolean> {
  const { commit, dirty } = saved.plan;
  if (!commit || dirty) return false;
  const [last] = await store.listHistory(1);
  return last?.commit === commit && !last.dirty;
}

/** The runs this plan's apply starts, against the configuration it just recorded. */
async function startsOf(saved: SavedPlan, store: StateStore): Promise<RunRequest[]> {
  const touched = saved.plan.changes.filter((c) => c.kind === 'Task' && c.action !== 'delete').map((c) => c.name);
  const repairs = saved.plan.actions.filter((a): a is SyncAction => a.action === 'sync').map((a) => ({ task: a.task, dp: a.dp }));
  if (touched.length === 0 && repairs.length === 0) return [];
  return applyStarts(await recordedConfig(store), touched, repairs);
}

const ORPHANED_APPLY_REASON = 'interrupted: the apply that started this run ended before it finished (killed or crashed)';

/**
 * Call with the lock held. Applies hold it one at a time, so an `apply` run still running then
 * belongs to an apply that died holding it (kill -9, power loss): nothing will ever finish it.
 */
function endOrphanedApplyRuns(store: StateStore): Promise<number> {
  return store.markInterruptedRuns(ORPHANED_APPLY_REASON, 'apply');
}

/**
 * An apply with nothing to change still takes the lock for a moment, as every apply does: a
 * lock left by a dead apply is reported (LOCKED, naming it) instead of passing unnoticed, and
 * that apply's unfinished runs are ended. Resolves to the runs ended.
 */
export async function applyNoChanges(store: StateStore, holder: ApplyContext['holder'], ttlMs = DEFAULTS.lockTtlMs): Promise<number> {
  const lock = await store.acquireLock({ ...holder, ttlMs, operation: 'apply' });
  try {
    return await endOrphanedApplyRuns(store);
  } finally {
    await store.releaseLock(lock.id);
  }
}

export async function applyPlan(saved: SavedPlan, ctx: ApplyContext): Promise<ApplyResult> {
  checkDeletes(saved, ctx.maxDeletes);
  const ttl = ctx.lockTtlMs ?? DEFAULTS.lockTtlMs;
  const lock = await ctx.store.acquireLock({ ...ctx.holder, ttlMs: ttl, operation: 'apply' });
  const renew = setInterval(() => void ctx.store.renewLock(lock.id, ttl).catch(() => undefined), Math.max(1000, ttl / 3));
  renew.unref();
  try {
    await endOrphanedApplyRuns(ctx.store);
    const serial = await writeObjects(saved, ctx.store);
    const starts = await startsOf(saved, ctx.store);
    const runs = starts.length ? await ctx.execute(starts) : [];
    const count = (action: string): number => saved.plan.changes.filter((c) => c.action === action).length;
    return { serial, created: count('create'), updated: count('update'), deleted: count('delete'), runs };
  } finally {
    clearInterval(renew);
    await ctx.store.releaseLock(lock.id);
  }
}
