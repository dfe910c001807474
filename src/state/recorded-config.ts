/**
 * The configuration as it was last applied (docs/design.md 2: the recorded objects are the actual
 * state), decoded once into the typed model (docs/architecture.md "Recorded state"). Runs,
 * triggers, the scheduler, status and agent assignments read this, never the working tree or
 * the branch head: a commit that failed validation, or one not applied yet, must not change
 * what runs.
 */
import type { SourceLocation } from '../errors.js';
import { buildModel, decodeManifest, isManifestKind, type ConfigModel, type LoadedManifest, type Manifest, type NotificationSpec, type RolloutSpec, type Task, type UpdateSource } from '../manifests/index.js';
import type { StateStore, StoredObject } from './store.js';

export interface RecordedTask {
  name: string;
  spec: Task['spec'];
  /** Anchor of the schedule's "current time" defaults (src/plan/schedules.ts). */
  appliedAt: string;
  /** Settings revision for randomized-delay offsets: changes whenever the task changes. */
  specHash: string;
}

export interface RecordedRollout {
  name: string;
  spec: RolloutSpec;
  /** Changes whenever the rollout changes: a new spec resumes a halted rollout. */
  specHash: string;
}

export interface RecordedConfig {
  model: ConfigModel;
  tasks: Map<string, RecordedTask>;
  sources: Map<string, UpdateSource>;
  notifications: Map<string, NotificationSpec>;
  rollouts: Map<string, RecordedRollout>;
}

/** Recorded objects carry no file positions; messages name the object instead. */
function stateLocator(object: StoredObject): LoadedManifest['locator'] {
  const at = (): SourceLocation => ({ file: `(state) ${object.kind} ${object.name}`, line: 0, col: 0 });
  return { locate: at, locateKey: at };
}

function decode(object: StoredObject): LoadedManifest | undefined {
  if (!isManifestKind(object.kind)) return undefined;
  const manifest: Manifest = decodeManifest(object.kind, object.spec, `${object.kind} "${object.name}"`);
  return { manifest, file: `(state) ${object.kind} ${object.name}`, index: 0, locator: stateLocator(object) };
}

export function modelFromObjects(objects: readonly StoredObject[]): RecordedConfig {
  const decoded = objects.flatMap((object) => {
    const loaded = decode(object);
    return loaded ? [{ object, loaded }] : [];
  });
  const model = buildModel(decoded.map((d) => d.loaded));
  const tasks = new Map<string, RecordedTask>();
  const sources = new Map<string, UpdateSource>();
  const notifications = new Map<string, NotificationSpec>();
  const rollouts = new Map<string, RecordedRollout>();
  for (const { object, loaded } of decoded) {
    const { manifest } = loaded;
    if (manifest.kind === 'Task') tasks.set(object.name, { name: object.name, spec: manifest.spec, appliedAt: object.appliedAt, specHash: object.specHash });
    if (manifest.kind === 'UpdateSource') sources.set(object.name, manifest);
    if (manifest.kind === 'Notification') notifications.set(object.name, manifest.spec);
    if (manifest.kind === 'Rollout') rollouts.set(object.name, { name: object.name, spec: manifest.spec, specHash: object.specHash });
  }
  return { model, tasks, sources, notifications, rollouts };
}

/**
 * The decoded configuration of each store, with the state's lineage and serial it was read at.
 * Every apply bumps the serial (`applyChanges`), so one `getMeta` says whether it still holds; a
 * registration at 100,000 devices no longer decodes the whole configuration each time. Shared by
 * every caller: treat it as read-only.
 */
const decoded = new WeakMap<StateStore, { lineage: string; serial: number; config: Promise<RecordedConfig> }>();

export async function recordedConfig(store: StateStore): Promise<RecordedConfig> {
  const { lineage, serial } = await store.getMeta();
  const cached = decoded.get(store);
  if (cached && cached.lineage === lineage && cached.serial === serial) return cached.config;
  // Read after the serial: objects at least as new as it (a newer apply only bumps it again).
  const config = store.listObjects().then(modelFromObjects);
  const entry = { lineage, serial, config };
  decoded.set(store, entry);
  config.catch(() => decoded.get(store) === entry && decoded.delete(store));
  return config;
}
