/**
 * `applyPlan` — the only code that writes (STYLE.md 3, DESIGN.md 2 "Apply"): take the state
 * lock, refuse a stale plan, write every object change in one transaction, then run the derived
 * actions (DP repository syncs) and record what they did, and release the lock whatever happens.
 */
import { UpdopsError } from '../errors.js';
import { resolveSourceName, type DownloadTaskSpec, type UpdateSource } from '../manifests/index.js';
import type { StateStore, StoredObject } from '../state/index.js';
import { downloadToDistributionPoint } from '../runs/download-to-dp.js';
import { sourceSpecOf, type ResolvedSource } from '../runs/sources.js';
import { quietRunner, type Job, type JobRunner } from './jobs.js';
import { recordObservation } from '../runs/record-observation.js';
import { formatBytes } from '../util/index.js';
import type { SavedPlan, SyncAction } from './types.js';

export interface ApplyContext {
  store: StateStore;
  /** Base for relative paths in sources (trustRoot, secret files, folder URLs). */
  configDir: string;
  holder: { owner: string; host: string; pid: number };
  /** Refuse plans that delete more objects than this (`--max-deletes`, default 10). */
  maxDeletes: number;
  runner?: JobRunner;
  env?: NodeJS.ProcessEnv;
  lockTtlMs?: number;
  signal?: AbortSignal;
  now?: () => Date;
}

export interface SyncOutcome {
  dp: string;
  task: string;
  status: 'completed' | 'failed';
  reason?: string;
  files: number;
  bytes: number;
  source?: string;
}

export interface ApplyResult {
  serial: number;
  created: number;
  updated: number;
  deleted: number;
  syncs: SyncOutcome[];
  runIds: string[];
}

const DEFAULT_LOCK_TTL_MS = 10 * 60_000;

function checkDeletes(saved: SavedPlan, maxDeletes: number): void {
  const deletes = saved.plan.changes.filter((c) => c.action === 'delete').length;
  if (deletes > maxDeletes) {
    throw new UpdopsError('USAGE', `the plan deletes ${deletes} objects, more than --max-deletes ${maxDeletes}; raise --max-deletes if that is intended`);
  }
}

async function writeObjects(saved: SavedPlan, store: StateStore): Promise<number> {
  const meta = await store.getMeta();
  const { plan } = saved;
  if (meta.lineage !== plan.state.lineage) {
    throw new UpdopsError('PLAN_STALE', `the plan was made against another state (lineage ${plan.state.lineage}, this state is ${meta.lineage}); make a new plan`);
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

function recordedSources(objects: StoredObject[]): Map<string, UpdateSource> {
  return new Map(objects.filter((o) => o.kind === 'UpdateSource').map((o) => [o.name, { apiVersion: 'updops/v1', kind: 'UpdateSource', ...(o.spec as Omit<UpdateSource, 'apiVersion' | 'kind'>) }]));
}

/** Sources of a task as recorded by this apply, so a saved plan runs exactly what it wrote. */
function sourcesFor(task: StoredObject | undefined, sources: Map<string, UpdateSource>, ctx: ApplyContext): { resolved: ResolvedSource[]; spec?: DownloadTaskSpec } {
  const spec = (task?.spec as { spec?: DownloadTaskSpec } | undefined)?.spec;
  const refs = spec?.settings?.sources ?? [];
  const resolved = refs.flatMap((ref) => {
    const r = resolveSourceName(sources, (s) => s.spec.type, ref, 'DownloadUpdatesToDistributionPoints');
    return r.kind === 'source' ? [sourceSpecOf(ref, r.source, ctx.configDir, ctx.env)] : [];
  });
  return spec ? { resolved, spec } : { resolved };
}

async function runSyncs(actions: SyncAction[], ctx: ApplyContext): Promise<{ syncs: SyncOutcome[]; runIds: string[] }> {
  const objects = await ctx.store.listObjects();
  const sources = recordedSources(objects);
  const tasks = new Map(objects.filter((o) => o.kind === 'Task').map((o) => [o.name, o]));
  const syncs: SyncOutcome[] = [];
  const runIds: string[] = [];
  const byTask = new Map<string, SyncAction[]>();
  for (const a of actions) byTask.set(a.task, [...(byTask.get(a.task) ?? []), a]);
  const jobs: Job[] = [];
  const runs: { id: string; task: string; outcomes: SyncOutcome[] }[] = [];
  for (const [taskName, taskActions] of byTask) {
    const run = await ctx.store.createRun({ task: taskName, trigger: 'apply', status: 'running' });
    runIds.push(run.id);
    const entry = { id: run.id, task: taskName, outcomes: [] as SyncOutcome[] };
    runs.push(entry);
    for (const action of taskActions) jobs.push(syncJob(action, entry, sourcesFor(tasks.get(taskName), sources, ctx), ctx));
  }
  await (ctx.runner ?? quietRunner(4))(jobs);
  for (const run of runs) {
    syncs.push(...run.outcomes);
    const failed = run.outcomes.filter((o) => o.status === 'failed');
    const finishedAt = (ctx.now?.() ?? new Date()).toISOString();
    await ctx.store.updateRun(run.id, { status: failed.length ? 'failed' : 'completed', finishedAt, ...(failed.length ? { reason: `${failed.length} of ${run.outcomes.length} distribution points failed` } : {}) });
  }
  return { syncs, runIds };
}

function syncJob(action: SyncAction, run: { id: string; outcomes: SyncOutcome[] }, task: ReturnType<typeof sourcesFor>, ctx: ApplyContext): Job {
  return {
    title: `sync ${action.dp} (${action.reason}: ${action.detail})`,
    run: async (report) => {
      const started = Date.now();
      await ctx.store.putDeviceResult({ runId: run.id, device: action.dp, status: 'running', files: 0, bytes: 0, durationMs: 0 });
      const outcome = await downloadToDistributionPoint({
        dp: { name: action.dp, os: 'windows', repository: action.repository },
        sources: task.resolved,
        legacyScheme: task.spec?.settings?.legacyScheme ?? false,
        downloadDiffFiles: task.spec?.settings?.downloadDiffFiles ?? false,
        ...(task.spec?.settings?.components ? { components: task.spec.settings.components } : {}),
        onProgress: (p) => report(`${p.files}/${p.filesTotal} files, ${formatBytes(p.bytes)} of ${formatBytes(p.bytesTotal)}, ${formatBytes(p.bytes / Math.max(0.001, (Date.now() - started) / 1000))}/s`),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      const files = outcome.status === 'completed' ? outcome.result.files : 0;
      const bytes = outcome.status === 'completed' ? outcome.result.bytes : 0;
      const result: SyncOutcome = { dp: action.dp, task: action.task, status: outcome.status, files, bytes };
      if (outcome.status === 'failed') result.reason = outcome.reason;
      else result.source = outcome.result.source;
      run.outcomes.push(result);
      await ctx.store.putDeviceResult({ runId: run.id, device: action.dp, status: outcome.status, files, bytes, durationMs: outcome.durationMs, ...(result.reason ? { reason: result.reason } : {}) });
      await recordObservation(ctx.store, action.dp, action.repository, ctx.now?.() ?? new Date());
      report(outcome.status === 'completed' ? `done: ${files} files, ${formatBytes(bytes)} from ${result.source}` : `failed: ${result.reason}`);
      if (outcome.status === 'failed') throw new UpdopsError('SYNC', `${action.dp}: ${result.reason}`);
    },
  };
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
export async function applyNoChanges(store: StateStore, holder: ApplyContext['holder'], ttlMs = DEFAULT_LOCK_TTL_MS): Promise<number> {
  const lock = await store.acquireLock({ ...holder, ttlMs, operation: 'apply' });
  try {
    return await endOrphanedApplyRuns(store);
  } finally {
    await store.releaseLock(lock.id);
  }
}

export async function applyPlan(saved: SavedPlan, ctx: ApplyContext): Promise<ApplyResult> {
  checkDeletes(saved, ctx.maxDeletes);
  const ttl = ctx.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
  const lock = await ctx.store.acquireLock({ ...ctx.holder, ttlMs: ttl, operation: 'apply' });
  const renew = setInterval(() => void ctx.store.renewLock(lock.id, ttl).catch(() => undefined), Math.max(1000, ttl / 3));
  renew.unref();
  try {
    await endOrphanedApplyRuns(ctx.store);
    const serial = await writeObjects(saved, ctx.store);
    const syncActions = saved.plan.actions.filter((a): a is SyncAction => a.action === 'sync');
    const { syncs, runIds } = syncActions.length ? await runSyncs(syncActions, ctx) : { syncs: [], runIds: [] };
    const count = (action: string): number => saved.plan.changes.filter((c) => c.action === action).length;
    return { serial, created: count('create'), updated: count('update'), deleted: count('delete'), syncs, runIds };
  } finally {
    clearInterval(renew);
    await ctx.store.releaseLock(lock.id);
  }
}
