/**
 * `updops status` (DESIGN.md 4): the group tree, each DP's repository (version, age, drift),
 * each task's last run and next starts, and the last applied commit — all from the state store.
 */
import type { DistributionPoint, GroupSpec, Schedule } from '../manifests/index.js';
import { describeSchedule, nextStarts } from '../schedule/index.js';
import type { AgentRecord, StateStore } from '../state/index.js';

export interface StatusReport {
  lastApplied: { commit: string | null; dirty: boolean; appliedAt: string; serial: number } | null;
  groups: { name: string; parent: string | null; depth: number; distributionPoints: number; devices: number }[];
  distributionPoints: {
    name: string;
    group: string;
    os: string;
    repository: string;
    version: string | null;
    published: string | null;
    ageHours: number | null;
    drift: string[];
    observedAt: string | null;
  }[];
  tasks: {
    name: string;
    type: string;
    schedule: string;
    nextStarts: string[];
    lastRun: { id: string; status: string; trigger: string; startedAt: string; finishedAt: string | null } | null;
  }[];
  /** Each device as its agent last reported it (DESIGN.md 1 "Type Update"; null fields: no agent or not reported). */
  devices?: DeviceStatusRow[];
}

export interface DeviceStatusRow {
  name: string;
  group: string;
  databaseVersion: string | null;
  published: string | null;
  freshness: string | null;
  applicationVersion: string | null;
  restartRequired: boolean | null;
  lastResult: string | null;
  lastSeen: string | null;
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function deviceRow(name: string, group: string, agent: AgentRecord | undefined): DeviceStatusRow {
  const s = agent?.status ?? {};
  const last = s.lastResult as { status?: string; at?: string; reason?: string } | null | undefined;
  return {
    name,
    group,
    databaseVersion: str(s.databaseVersion),
    published: str(s.published),
    freshness: str(s.freshness),
    applicationVersion: str(s.applicationVersion),
    restartRequired: typeof s.restartRequired === 'boolean' ? s.restartRequired : null,
    lastResult: last?.status ? `${last.status}${last.at ? ` at ${last.at}` : ''}` : null,
    lastSeen: agent?.lastSeen ?? null,
  };
}

interface Recorded<S> {
  name: string;
  appliedAt: string;
  spec: { spec: S };
}

function treeOrder(groups: Recorded<GroupSpec>[]): { group: Recorded<GroupSpec>; depth: number }[] {
  const names = new Set(groups.map((g) => g.name));
  const children = new Map<string, Recorded<GroupSpec>[]>();
  const roots: Recorded<GroupSpec>[] = [];
  for (const g of groups) {
    const parent = g.spec.spec.parent;
    if (parent && names.has(parent)) children.set(parent, [...(children.get(parent) ?? []), g]);
    else roots.push(g);
  }
  const out: { group: Recorded<GroupSpec>; depth: number }[] = [];
  const visit = (g: Recorded<GroupSpec>, depth: number): void => {
    if (out.some((o) => o.group.name === g.name)) return;
    out.push({ group: g, depth });
    for (const c of children.get(g.name) ?? []) visit(c, depth + 1);
  };
  roots.forEach((r) => visit(r, 0));
  return out;
}

export async function collectStatus(store: StateStore, now: Date, timeZone: string): Promise<StatusReport> {
  const [objects, history, observations, agentList] = await Promise.all([store.listObjects(), store.listHistory(1), store.listObservations(), store.listAgents()]);
  const agents = new Map(agentList.map((a) => [a.name, a]));
  const groups = objects.filter((o) => o.kind === 'Group') as unknown as Recorded<GroupSpec>[];
  const tasks = objects.filter((o) => o.kind === 'Task') as unknown as Recorded<{ type: string; schedule?: Schedule }>[];
  const observed = new Map(observations.map((o) => [o.dp, o]));
  // One indexed look-up per task (runs_by_task), not a scan of recent runs across all tasks.
  const lastRuns = new Map(await Promise.all(tasks.map(async (t) => [t.name, (await store.listRuns({ task: t.name, limit: 1 }))[0]] as const)));
  const last = history[0];
  return {
    lastApplied: last ? { commit: last.commit ?? null, dirty: last.dirty, appliedAt: last.appliedAt, serial: last.serial } : null,
    groups: treeOrder(groups).map(({ group, depth }) => ({
      name: group.name,
      parent: group.spec.spec.parent ?? null,
      depth,
      distributionPoints: group.spec.spec.distributionPoints?.length ?? 0,
      devices: group.spec.spec.devices?.length ?? 0,
    })),
    distributionPoints: groups.flatMap((g) =>
      (g.spec.spec.distributionPoints ?? []).map((dp: DistributionPoint) => {
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
        };
      }),
    ),
    tasks: tasks.map((t) => {
      const schedule = t.spec.spec.schedule;
      const run = lastRuns.get(t.name);
      return {
        name: t.name,
        type: t.spec.spec.type,
        schedule: schedule ? describeSchedule(schedule) : 'manual',
        nextStarts: schedule ? nextStarts(schedule, now, 3, { anchor: new Date(t.appliedAt), defaultTimeZone: timeZone }).map((d) => d.toISOString()) : [],
        lastRun: run ? { id: run.id, status: run.status, trigger: run.trigger, startedAt: run.startedAt, finishedAt: run.finishedAt ?? null } : null,
      };
    }),
    devices: groups.flatMap((g) => (g.spec.spec.devices ?? []).map((d) => deviceRow(d.name, g.name, agents.get(d.name)))),
  };
}
