/**
 * `updops status` (docs/design.md 4): the group tree, each DP's repository (version, age, drift),
 * each task's last run and next starts, and the last applied commit — all from the state store.
 */
import { decodeHeartbeat } from '../protocol/index.js';
import type { DpFreshness, LastRestart, TimestampHeld } from '../protocol/index.js';
import type { DistributionPoint, GroupSpec } from '../manifests/index.js';
import { describeSchedule, nextStarts, randomDelayView, type RandomDelayView } from '../schedule/index.js';
import { manualStartCount, taskTargets } from '../runs/index.js';
import { modelFromObjects, type AgentRecord, type DeviceLicence, type DeviceResult, type ReconcileStatus, type StateStore } from '../state/index.js';

/** Which source served a target's last update (its newest result naming one) and why earlier sources were skipped. */
export interface ServedBy {
  source: string | null;
  /** `vendor: SOURCE_UNREACHABLE: …`; null when the first source served (or nothing did yet). */
  fallbackReason: string | null;
  /** The run of that update. */
  sourceRun: string | null;
}

function servedBy(result: DeviceResult | undefined): ServedBy {
  return { source: result?.source ?? null, fallbackReason: result?.fallbackReason ?? null, sourceRun: result?.runId ?? null };
}

export interface StatusReport {
  lastApplied: { commit: string | null; dirty: boolean; appliedAt: string; serial: number } | null;
  /** The controller's condition for the last commit it tried (`Ready` / `Failed` and why); null when no controller has reconciled. */
  reconcile: ReconcileStatus | null;
  /** The active controller (the holder of the `controller` lease), whichever replica answers; null when none holds it. */
  leader: { owner: string; host: string; pid: number; generation: number; since: string; expiresAt: string } | null;
  groups: { name: string; parent: string | null; depth: number; distributionPoints: number; devices: number }[];
  distributionPoints: ({
    name: string;
    group: string;
    os: string;
    repository: string;
    version: string | null;
    published: string | null;
    ageHours: number | null;
    drift: string[];
    observedAt: string | null;
    /** The TUF timestamp its agent reports serving; null: no agent, or no TUF metadata. */
    timestamp?: TimestampHeld | null;
    /** Issue 19: `fresh`, or `withholding` (expired, or older than its source past the tolerance) and why; null: no agent report. */
    freshness?: DpFreshness | null;
  } & ServedBy)[];
  tasks: {
    name: string;
    type: string;
    schedule: string;
    nextStarts: string[];
    /** A task with a randomized delay: the window and each target's offset and next delayed start. */
    randomDelay: RandomDelayView | null;
    lastRun: { id: string; status: string; trigger: string; startedAt: string; finishedAt: string | null } | null;
  }[];
  /** Each device as its agent last reported it (docs/design.md 1 "Type Update"; null fields: no agent or not reported). */
  devices?: DeviceStatusRow[];
}

export interface DeviceStatusRow extends ServedBy {
  name: string;
  group: string;
  /** As the manifest declares it. */
  os: string;
  databaseVersion: string | null;
  published: string | null;
  freshness: string | null;
  /** `withoutDatabases` when the device never had databases (seed 000: "without databases" mode). */
  basesMode: string | null;
  applicationVersion: string | null;
  restartRequired: boolean | null;
  /** The last restart after a module install: `healthy at T (v)` or `rolled back from A to B at T`. */
  lastRestart: string | null;
  lastResult: string | null;
  /** Updates done without a current licence, as the controller keeps the count (seed 000: one is allowed); null: none recorded. */
  unlicensedUpdates: number | null;
  /** A module install waiting for its maintenance window: `V waiting for the maintenance window at T`; absent when none waits. */
  pendingInstall?: string;
  /** The TUF timestamp the device holds (its agent's report); null: none reported. */
  timestamp?: TimestampHeld | null;
  /** A DP of the device's group withholding updates: its databases may look current while newer ones are approved. Absent: none is. */
  behindWithholding?: string;
  lastSeen: string | null;
}

function deviceRow(name: string, group: string, os: string, agent: AgentRecord | undefined, licence: DeviceLicence | undefined, served: DeviceResult | undefined): DeviceStatusRow {
  const beat = decodeHeartbeat(agent?.status);
  const s = beat?.role === 'device' ? beat : undefined;
  const last = s?.lastResult;
  return {
    name,
    group,
    os,
    databaseVersion: s?.databaseVersion ?? null,
    published: s?.published ?? null,
    freshness: s?.freshness ?? null,
    basesMode: s?.basesMode ?? null,
    applicationVersion: s?.applicationVersion ?? null,
    restartRequired: s ? s.restartRequired : null,
    lastRestart: restartText(s?.lastRestart ?? null),
    lastResult: last?.status ? `${last.status}${last.at ? ` at ${last.at}` : ''}` : null,
    unlicensedUpdates: licence?.unlicensedUpdates ?? null,
    ...(s?.pendingInstall ? { pendingInstall: `${s.pendingInstall.version} waiting for the maintenance window at ${s.pendingInstall.opensAt ?? '(none opens again)'}` } : {}),
    timestamp: s?.timestamp ?? null,
    lastSeen: agent?.lastSeen ?? null,
    ...servedBy(served),
  };
}

function dpBeat(agent: AgentRecord | undefined): { timestamp: TimestampHeld | null; freshness: DpFreshness | null } {
  const beat = decodeHeartbeat(agent?.status);
  return beat?.role === 'dp' ? { timestamp: beat.timestamp ?? null, freshness: beat.freshness ?? null } : { timestamp: null, freshness: null };
}

function restartText(restart: LastRestart | null): string | null {
  if (!restart) return null;
  if (restart.rolledBackFrom) return `rolled back from ${restart.rolledBackFrom} to ${restart.version ?? '?'} at ${restart.at}`;
  return `${restart.healthy ? 'healthy' : 'unhealthy'} at ${restart.at}${restart.version ? ` (${restart.version})` : ''}`;
}

interface RecordedGroup {
  name: string;
  spec: GroupSpec;
}

function treeOrder(groups: RecordedGroup[]): { group: RecordedGroup; depth: number }[] {
  const names = new Set(groups.map((g) => g.name));
  const children = new Map<string, RecordedGroup[]>();
  const roots: RecordedGroup[] = [];
  for (const g of groups) {
    const parent = g.spec.parent;
    if (parent && names.has(parent)) children.set(parent, [...(children.get(parent) ?? []), g]);
    else roots.push(g);
  }
  const out: { group: RecordedGroup; depth: number }[] = [];
  const visit = (g: RecordedGroup, depth: number): void => {
    if (out.some((o) => o.group.name === g.name)) return;
    out.push({ group: g, depth });
    for (const c of children.get(g.name) ?? []) visit(c, depth + 1);
  };
  roots.forEach((r) => visit(r, 0));
  return out;
}

/** The store's lease of the active controller (controller/lease.ts holds it). */
export const CONTROLLER_LEASE_NAME = 'controller';

export async function collectStatus(store: StateStore, now: Date, timeZone: string): Promise<StatusReport> {
  const [objects, history, observations, agentList, reconcile, licenceList, lastServed, lease] = await Promise.all([store.listObjects(), store.listHistory(1), store.listObservations(), store.listAgents(), store.getReconcileStatus(), store.listDeviceLicences(), store.listLastServed(), store.getLease(CONTROLLER_LEASE_NAME)]);
  const served = new Map(lastServed.map((r) => [r.device, r]));
  const agents = new Map(agentList.map((a) => [a.name, a]));
  const licences = new Map(licenceList.map((l) => [l.device, l]));
  // Decoded once into the typed model (docs/architecture.md "Recorded state"), in recorded order.
  const config = modelFromObjects(objects);
  const groups: RecordedGroup[] = [...config.model.groups.values()].map((g) => ({ name: g.manifest.metadata.name, spec: g.manifest.spec }));
  const tasks = [...config.tasks.values()];
  const observed = new Map(observations.map((o) => [o.dp, o]));
  // One indexed look-up per task (runs_by_task), not a scan of recent runs across all tasks.
  const lastRuns = new Map(await Promise.all(tasks.map(async (t) => [t.name, (await store.listRuns({ task: t.name, limit: 1 }))[0]] as const)));
  const manualStarts = new Map(await Promise.all(tasks.filter((t) => t.spec.randomDelay).map(async (t) => [t.name, await manualStartCount(store, t.name)] as const)));
  const last = history[0];
  return {
    lastApplied: last ? { commit: last.commit ?? null, dirty: last.dirty, appliedAt: last.appliedAt, serial: last.serial } : null,
    reconcile: reconcile ?? null,
    leader: lease && Date.parse(lease.expiresAt) > now.getTime() ? { owner: lease.owner, host: lease.host, pid: lease.pid, generation: lease.generation, since: lease.acquiredAt, expiresAt: lease.expiresAt } : null,
    groups: treeOrder(groups).map(({ group, depth }) => ({
      name: group.name,
      parent: group.spec.parent ?? null,
      depth,
      distributionPoints: group.spec.distributionPoints?.length ?? 0,
      devices: group.spec.devices?.length ?? 0,
    })),
    distributionPoints: groups.flatMap((g) =>
      (g.spec.distributionPoints ?? []).map((dp: DistributionPoint) => {
        const o = observed.get(dp.name);
        return {
          name: dp.name,
          group: g.name,
          os: dp.os,
          repository: dp.repository,
          version: o?.version ?? null,
          published: o?.published ?? null,
          ageHours: o?.published ? Math.round((now.getTime() - Date.parse(o.published)) / 36e5) : null,
          drift: [...(o?.missing ?? []).map((f) => `missing ${f}`), ...(o?.corrupt ?? []).map((f) => `corrupt ${f}`)],
          observedAt: o?.observedAt ?? null,
          ...dpBeat(agents.get(dp.name)),
          ...servedBy(served.get(dp.name)),
        };
      }),
    ),
    tasks: tasks.map((t) => {
      const schedule = t.spec.schedule;
      const run = lastRuns.get(t.name);
      return {
        name: t.name,
        type: t.spec.type,
        schedule: schedule ? describeSchedule(schedule) : 'manual',
        nextStarts: schedule ? nextStarts(schedule, now, 3, { anchor: new Date(t.appliedAt), defaultTimeZone: timeZone }).map((d) => d.toISOString()) : [],
        randomDelay:
          (schedule &&
            randomDelayView({
              taskName: t.name,
              schedule,
              randomDelay: t.spec.randomDelay,
              targets: taskTargets(config.model, t.name, t.spec).map((target) => target.name),
              settingsRevision: t.specHash,
              manualStarts: manualStarts.get(t.name) ?? 0,
              now,
              anchor: new Date(t.appliedAt),
              defaultTimeZone: timeZone,
            })) ??
          null,
        lastRun: run ? { id: run.id, status: run.status, trigger: run.trigger, startedAt: run.startedAt, finishedAt: run.finishedAt ?? null } : null,
      };
    }),
    devices: groups.flatMap((g) => {
      const withholding = (g.spec.distributionPoints ?? []).find((dp) => dpBeat(agents.get(dp.name)).freshness?.state === 'withholding');
      return (g.spec.devices ?? []).map((d) => ({ ...deviceRow(d.name, g.name, d.os, agents.get(d.name), licences.get(d.name), served.get(d.name)), ...(withholding ? { behindWithholding: withholding.name } : {}) }));
    }),
  };
}
