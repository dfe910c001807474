/**
 * The plan's rollout view (issue 19 "plan shows it"; docs/architecture.md "Plan: rollout"): each
 * Update task's devices as a ring with the version it gets and its next maintenance window, and
 * what each DP link's next sync carries with the time it takes at the cap in force at plan time.
 * `rolloutInputs` reads the config model; `rolloutView` is pure (the clock is a parameter).
 */
import { normalizeManifest, resolveSourceRef, scopeDevices, taskRollout, type ConfigModel, type MaintenanceWindow, type RolloutSpec } from '../manifests/index.js';
import { rateAt, type BandwidthLimit } from '../repository/index.js';
import { maintenanceWindowAt } from '../schedule/index.js';
import type { RepositoryStatus } from './observation.js';
import type { DesiredObject, LinkProjection, RingView, RolloutView, WavesView } from './types.js';

/** Device names listed per ring; the count says the rest. */
export const RING_DEVICE_NAMES = 50;

export interface RingInput {
  task: string;
  version: string | null;
  deviceNames: string[];
  windows: readonly MaintenanceWindow[] | undefined;
  urgent: boolean;
}

/** A download task's caps: its own (each DP link) and each source's. */
export interface LinkCaps {
  task: BandwidthLimit | undefined;
  sources: Map<string, BandwidthLimit>;
  urgent: boolean;
}

export interface RolloutInputs {
  rings: RingInput[];
  rollouts: WavesView[];
  caps: Map<string, LinkCaps>;
}

/** Each Rollout's waves with the devices they take (the controller computes the same, manifests/rollout-waves.ts). */
function wavesViews(model: ConfigModel, desired: readonly DesiredObject[]): WavesView[] {
  const views: WavesView[] = [];
  for (const object of desired) {
    if (object.kind !== 'Rollout') continue;
    const { spec } = object.spec as { spec: RolloutSpec };
    const found = taskRollout(model, object.name, spec);
    if (!found) continue;
    const { task, waves, uncovered } = found;
    views.push({
      name: object.name,
      task: spec.task,
      version: spec.version,
      from: task.version ?? null,
      waves: waves.map((w) => ({ name: w.name, devices: w.devices.length, deviceNames: w.devices.slice(0, RING_DEVICE_NAMES), successThreshold: w.successThreshold, errorThreshold: w.errorThreshold, pendingTimeoutSeconds: Math.round(w.pendingTimeoutMs / 1000) })),
      uncovered,
    });
  }
  return views;
}

export function rolloutInputs(model: ConfigModel, desired: readonly DesiredObject[] = []): RolloutInputs {
  const rings: RingInput[] = [];
  const caps = new Map<string, LinkCaps>();
  for (const [task, loaded] of model.tasks) {
    const { spec } = normalizeManifest(loaded.manifest);
    if (spec.type === 'Update') {
      rings.push({ task, version: spec.version ?? null, deviceNames: scopeDevices(model, spec.scope).map((d) => d.item.name), windows: spec.settings?.maintenanceWindows, urgent: spec.settings?.urgent === true });
      continue;
    }
    const sources = new Map<string, BandwidthLimit>();
    for (const ref of spec.settings?.sources ?? []) {
      const resolved = resolveSourceRef(model, ref, spec.type);
      const bandwidth = resolved.kind === 'source' ? resolved.source.manifest.spec.bandwidth : undefined;
      if (bandwidth) sources.set(ref, bandwidth);
    }
    caps.set(task, { task: spec.settings?.bandwidth, sources, urgent: spec.settings?.urgent === true });
  }
  return { rings, rollouts: wavesViews(model, desired), caps };
}

function ring(input: RingInput, now: Date): RingView {
  const window = input.windows?.length ? maintenanceWindowAt(input.windows, now) : undefined;
  return {
    task: input.task,
    version: input.version,
    devices: input.deviceNames.length,
    deviceNames: input.deviceNames.slice(0, RING_DEVICE_NAMES),
    maintenanceWindow: window === undefined ? null : window.open ? { open: true, closesAt: window.closesAt.toISOString() } : { open: false, opensAt: window.opensAt?.toISOString() ?? null },
    urgent: input.urgent,
  };
}

function link(status: RepositoryStatus & { transfer: NonNullable<RepositoryStatus['transfer']> }, caps: LinkCaps | undefined, now: Date): LinkProjection {
  const { transfer } = status;
  const rates = caps && !caps.urgent ? [caps.task, caps.sources.get(transfer.source)].map((limit) => (limit ? rateAt(limit, now) : undefined)).filter((r): r is number => r !== undefined) : [];
  const bytesPerSecond = rates.length ? Math.min(...rates) : null;
  return { dp: status.dp, task: status.task, source: transfer.source, files: transfer.files, bytes: transfer.bytes, fromDiffs: transfer.fromDiffs, bytesPerSecond, seconds: bytesPerSecond ? Math.ceil(transfer.bytes / bytesPerSecond) : null };
}

export function rolloutView(inputs: RolloutInputs | undefined, repositories: readonly RepositoryStatus[], now: Date): RolloutView {
  const links = repositories.filter((r): r is RepositoryStatus & { transfer: NonNullable<RepositoryStatus['transfer']> } => r.transfer !== undefined).map((r) => link(r, inputs?.caps.get(r.task), now));
  return { rings: (inputs?.rings ?? []).map((r) => ring(r, now)), rollouts: inputs?.rollouts ?? [], links };
}
