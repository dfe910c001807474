/**
 * What each console page shows, read from the state store and the status report (docs/architecture.md
 * "Console"). Classification (a device's freshness bucket, a DP's repository state) is pure and
 * lives here once, so the overview, the groups tree and the devices list always agree.
 */
import type { Plan } from '../plan/index.js';
import { taskTargets } from '../runs/index.js';
import { randomDelayWindowMs, scheduleTimeZone } from '../schedule/index.js';
import { modelFromObjects, type DeviceResult, type EventRecord, type RecordedConfig, type RolloutProgress, type RunRecord, type StateStore } from '../state/index.js';
import type { DeviceStatusRow, StatusReport } from '../status/index.js';
import type { Tone } from './format.js';

/** Where the pages read from: the store, the (shared, cached) status report, and the clock. */
export interface ConsoleSource {
  store: StateStore;
  status(): Promise<StatusReport>;
  now(): Date;
  /** The zone of schedules that name none (the controller's). */
  timeZone: string;
}

export const FRESHNESS_BUCKETS = ['upToDate', 'outOfDate', 'totallyOutOfDate', 'withoutDatabases', 'notReported'] as const;
export type FreshnessBucket = (typeof FRESHNESS_BUCKETS)[number];

export const FRESHNESS_LABELS: Record<FreshnessBucket, string> = {
  upToDate: 'Up to date',
  outOfDate: 'Out of date',
  totallyOutOfDate: 'Totally out of date',
  withoutDatabases: 'Without databases',
  notReported: 'Not reported',
};

export const FRESHNESS_TONES: Record<FreshnessBucket, Tone> = { upToDate: 'ok', outOfDate: 'warn', totallyOutOfDate: 'bad', withoutDatabases: 'neutral', notReported: 'neutral' };

/**
 * A device's bucket: its agent's freshness; `withoutDatabases` for a device in that mode (seed 000);
 * `notReported` when no agent has reported. A device in normal mode with no databases installed
 * (`none`) is counted as totally out of date: it is at least as exposed.
 */
export function freshnessBucket(row: Pick<DeviceStatusRow, 'freshness' | 'basesMode'>): FreshnessBucket {
  if (row.basesMode === 'withoutDatabases') return 'withoutDatabases';
  if (row.freshness === null) return 'notReported';
  if (row.freshness === 'upToDate' || row.freshness === 'outOfDate' || row.freshness === 'totallyOutOfDate') return row.freshness;
  return 'totallyOutOfDate';
}

export const DP_STATES = ['current', 'stale', 'drifted', 'empty', 'failed'] as const;
export type DpState = (typeof DP_STATES)[number];
export const DP_TONES: Record<DpState, Tone> = { current: 'ok', stale: 'warn', drifted: 'bad', empty: 'warn', failed: 'bad' };

/** A DP whose repository was published this long ago is stale: the devices' own out-of-date threshold (DEFAULTS: 3 days). */
export const STALE_HOURS = 72;

type DpRow = StatusReport['distributionPoints'][number];

/** failed (its last result) > drifted (missing or corrupt files) > empty > stale (published ≥ 3 days ago) > current. */
export function dpState(dp: Pick<DpRow, 'version' | 'drift' | 'ageHours'>, last: DeviceResult | undefined): DpState {
  if (last?.status === 'failed') return 'failed';
  if (dp.drift.length > 0) return 'drifted';
  if (dp.version === null) return 'empty';
  if (dp.ageHours !== null && dp.ageHours >= STALE_HOURS) return 'stale';
  return 'current';
}

/** The latest result recorded for a DP or device (its newest run that had it as a target). */
export async function lastResultOf(store: StateStore, name: string): Promise<{ run: RunRecord; result: DeviceResult } | undefined> {
  const [run] = await store.listRuns({ device: name, limit: 1 });
  if (!run) return undefined;
  const result = (await store.listDeviceResults(run.id)).find((r) => r.device === name);
  return result ? { run, result } : undefined;
}

export interface DpView extends DpRow {
  state: DpState;
  last?: { run: RunRecord; result: DeviceResult };
}

export async function dpViews(source: ConsoleSource, report: StatusReport): Promise<DpView[]> {
  return Promise.all(
    report.distributionPoints.map(async (dp) => {
      const last = await lastResultOf(source.store, dp.name);
      return { ...dp, state: dpState(dp, last?.result), ...(last ? { last } : {}) };
    }),
  );
}

export interface OverviewData {
  report: StatusReport;
  freshness: Record<FreshnessBucket, number>;
  devices: number;
  dps: DpView[];
  dpStates: Record<DpState, number>;
  /** Runs started in the last 24 h by status; `capped` when there were more than were read. */
  runs: { byStatus: Record<string, number>; total: number; capped: boolean; failed: RunRecord[] };
  events: EventRecord[];
  /** Where each rollout stands, halted first. */
  rollouts: RolloutProgress[];
}

/** At most this many runs are read for "the last 24 h" (newest first, an indexed query). */
export const RUNS_READ_FOR_DAY = 5000;

export function countBuckets(devices: readonly DeviceStatusRow[]): Record<FreshnessBucket, number> {
  const counts = Object.fromEntries(FRESHNESS_BUCKETS.map((b) => [b, 0])) as Record<FreshnessBucket, number>;
  for (const d of devices) counts[freshnessBucket(d)]++;
  return counts;
}

export async function overviewData(source: ConsoleSource): Promise<OverviewData> {
  const now = source.now();
  const [report, recent, events, rollouts] = await Promise.all([source.status(), source.store.listRuns({ limit: RUNS_READ_FOR_DAY }), source.store.listEvents({ limit: 15 }), source.store.listRollouts()]);
  const dps = await dpViews(source, report);
  const since = now.getTime() - 86_400_000;
  const day = recent.filter((r) => Date.parse(r.startedAt) >= since);
  const byStatus: Record<string, number> = {};
  for (const r of day) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const dpStates = Object.fromEntries(DP_STATES.map((s) => [s, 0])) as Record<DpState, number>;
  for (const dp of dps) dpStates[dp.state]++;
  const devices = report.devices ?? [];
  return {
    report,
    freshness: countBuckets(devices),
    devices: devices.length,
    dps,
    dpStates,
    runs: { byStatus, total: day.length, capped: recent.length === RUNS_READ_FOR_DAY && day.length === recent.length, failed: day.filter((r) => r.status === 'failed').slice(0, 5) },
    events,
    rollouts: [...rollouts].sort((a, b) => Number(b.status === 'halted') - Number(a.status === 'halted') || a.name.localeCompare(b.name)),
  };
}

export const LAST_SEEN_FILTERS = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 } as const;
export type LastSeenFilter = keyof typeof LAST_SEEN_FILTERS | 'older' | 'never';

export interface DeviceFilter {
  freshness?: FreshnessBucket;
  group?: string;
  os?: string;
  lastSeen?: LastSeenFilter;
  /** A part of the name. */
  name?: string;
}

export interface DeviceRowView extends DeviceStatusRow {
  bucket: FreshnessBucket;
}

export interface DevicesPage {
  rows: DeviceRowView[];
  /** Devices that match the filter, over all pages. */
  matched: number;
  total: number;
  page: number;
  pages: number;
  pageSize: number;
  groups: string[];
  oses: string[];
}

export const DEVICES_PAGE_SIZE = 50;

function matchesLastSeen(lastSeen: string | null, filter: LastSeenFilter, now: number): boolean {
  if (filter === 'never') return lastSeen === null;
  if (lastSeen === null) return false;
  const age = now - Date.parse(lastSeen);
  if (filter === 'older') return age > LAST_SEEN_FILTERS['7d'];
  return age <= LAST_SEEN_FILTERS[filter];
}

/** One page of the filtered devices, in report order (group tree order, then as listed). One pass; only the page's rows are built. */
export function pageDevices(devices: readonly DeviceStatusRow[], filter: DeviceFilter, page: number, now: Date, pageSize = DEVICES_PAGE_SIZE): DevicesPage {
  const at = now.getTime();
  const groups = new Set<string>();
  const oses = new Set<string>();
  const name = filter.name?.toLowerCase();
  const start = (Math.max(1, page) - 1) * pageSize;
  const rows: DeviceRowView[] = [];
  let matched = 0;
  for (const d of devices) {
    groups.add(d.group);
    if (d.os) oses.add(d.os);
    if (filter.group !== undefined && d.group !== filter.group) continue;
    if (filter.os !== undefined && d.os !== filter.os) continue;
    if (name !== undefined && !d.name.toLowerCase().includes(name)) continue;
    if (filter.lastSeen !== undefined && !matchesLastSeen(d.lastSeen, filter.lastSeen, at)) continue;
    const bucket = freshnessBucket(d);
    if (filter.freshness !== undefined && bucket !== filter.freshness) continue;
    if (matched >= start && matched < start + pageSize) rows.push({ ...d, bucket });
    matched++;
  }
  const pages = Math.max(1, Math.ceil(matched / pageSize));
  return { rows, matched, total: devices.length, page: Math.min(Math.max(1, page), pages), pages, pageSize, groups: [...groups].sort(), oses: [...oses].sort() };
}

export interface DeviceData {
  row: DeviceRowView;
  licence?: { expires: string };
  labels?: Record<string, string>;
  agent?: { os: string; version: string; registeredAt: string; lastSeen: string };
  results: { run: RunRecord; result: DeviceResult }[];
  events: EventRecord[];
}

export async function deviceData(source: ConsoleSource, name: string): Promise<DeviceData | undefined> {
  const report = await source.status();
  const row = (report.devices ?? []).find((d) => d.name === name);
  if (!row) return undefined;
  const [config, agent, runs, events] = await Promise.all([recorded(source), source.store.getAgent(name), source.store.listRuns({ device: name, limit: 10 }), source.store.listEvents({ subject: name, limit: 20 })]);
  const spec = config.model.devices.get(name)?.item;
  const results = (await Promise.all(runs.map(async (run) => ({ run, result: (await source.store.listDeviceResults(run.id)).find((r) => r.device === name) })))).flatMap((r) => (r.result ? [{ run: r.run, result: r.result }] : []));
  return {
    row: { ...row, bucket: freshnessBucket(row) },
    ...(spec?.license ? { licence: spec.license } : {}),
    ...(spec?.labels ? { labels: spec.labels as Record<string, string> } : {}),
    ...(agent ? { agent: { os: agent.os, version: agent.version, registeredAt: agent.registeredAt, lastSeen: agent.lastSeen } } : {}),
    results,
    events,
  };
}

export async function recorded(source: ConsoleSource): Promise<RecordedConfig> {
  return modelFromObjects(await source.store.listObjects());
}

export interface GroupView {
  name: string;
  parent: string | null;
  depth: number;
  dps: DpView[];
  freshness: Record<FreshnessBucket, number>;
  /** The first devices of the group, for the tree (the rest are on the devices list). */
  devices: DeviceRowView[];
  deviceCount: number;
}

export const TREE_DEVICES_SHOWN = 20;

export async function groupsData(source: ConsoleSource): Promise<GroupView[]> {
  const report = await source.status();
  const dps = await dpViews(source, report);
  const byGroup = new Map<string, DeviceStatusRow[]>();
  for (const d of report.devices ?? []) {
    const list = byGroup.get(d.group);
    if (list) list.push(d);
    else byGroup.set(d.group, [d]);
  }
  return report.groups.map((g) => {
    const devices = byGroup.get(g.name) ?? [];
    return {
      name: g.name,
      parent: g.parent,
      depth: g.depth,
      dps: dps.filter((dp) => dp.group === g.name),
      freshness: countBuckets(devices),
      devices: devices.slice(0, TREE_DEVICES_SHOWN).map((d) => ({ ...d, bucket: freshnessBucket(d) })),
      deviceCount: devices.length,
    };
  });
}

export interface TaskView {
  name: string;
  type: string;
  schedule: string;
  timeZone: string | null;
  nextStarts: string[];
  /** The randomized-delay window in ms; 0: starts exactly on schedule. */
  randomDelayMs: number;
  randomDelay: string;
  targets: number;
  sources: string[];
  lastRun: StatusReport['tasks'][number]['lastRun'];
}

export async function tasksData(source: ConsoleSource): Promise<TaskView[]> {
  const [report, config] = await Promise.all([source.status(), recorded(source)]);
  return report.tasks.map((t) => {
    const spec = config.tasks.get(t.name)?.spec;
    const targets = spec ? taskTargets(config.model, t.name, spec).length : 0;
    const windowMs = spec ? randomDelayWindowMs(spec.randomDelay, targets) : 0;
    const delay = spec?.randomDelay;
    return {
      name: t.name,
      type: t.type,
      schedule: t.schedule,
      timeZone: spec?.schedule && spec.schedule.kind !== 'manual' ? scheduleTimeZone(spec.schedule, source.timeZone) : null,
      nextStarts: t.nextStarts,
      randomDelayMs: windowMs,
      randomDelay: delay === undefined ? 'none: every target starts on schedule' : 'automatic' in delay ? `automatic (${targets} targets)` : `within ${delay.minutes ?? 1} min`,
      targets,
      sources: spec?.settings?.sources ?? ['vendor'],
      lastRun: t.lastRun,
    };
  });
}

export interface RunData {
  run: RunRecord;
  results: DeviceResult[];
  /** Which targets are devices (they have a page); the others are DPs. */
  devices: ReadonlySet<string>;
  /** A DP target's group, for its link into the groups tree. */
  dpGroups: ReadonlyMap<string, string>;
  /** The task as applied now (absent: it was deleted since). */
  task?: TaskView;
}

export async function runData(source: ConsoleSource, id: string): Promise<RunData | undefined> {
  const run = await source.store.getRun(id);
  if (!run) return undefined;
  const [results, tasks, report] = await Promise.all([source.store.listDeviceResults(id), tasksData(source), source.status()]);
  const task = tasks.find((t) => t.name === run.task);
  const names = new Set(results.map((r) => r.device));
  const devices = new Set((report.devices ?? []).filter((d) => names.has(d.name)).map((d) => d.name));
  const groupOf = new Map(report.distributionPoints.filter((dp) => names.has(dp.name)).map((dp) => [dp.name, dp.group]));
  return { run, results, devices, dpGroups: groupOf, ...(task ? { task } : {}) };
}

/** The plan of the last applied commit, as the history recorded it (null: nothing applied yet). */
export async function lastPlan(source: ConsoleSource): Promise<{ plan: Plan; appliedAt: string; commit?: string; serial: number } | null> {
  const [entry] = await source.store.listHistory(1);
  if (!entry) return null;
  return { plan: JSON.parse(entry.planJson) as Plan, appliedAt: entry.appliedAt, ...(entry.commit ? { commit: entry.commit } : {}), serial: entry.serial };
}
