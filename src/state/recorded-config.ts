/**
 * The configuration as it was last applied (DESIGN.md 2: the recorded objects are the actual
 * state). Runs, triggers and the scheduler read this, never the working tree or the branch
 * head: a commit that failed validation, or one not applied yet, must not change what runs.
 */
import type { SourceLocation } from '../errors.js';
import { buildModel, type ConfigModel, type LoadedManifest, type Manifest, type Task } from '../manifests/index.js';
import type { StateStore, StoredObject } from './index.js';

export interface RecordedTask {
  name: string;
  spec: Task['spec'];
  /** Anchor of the schedule's "current time" defaults (src/plan/schedules.ts). */
  appliedAt: string;
  /** Settings revision for randomized-delay offsets: changes whenever the task changes. */
  specHash: string;
}

export interface RecordedConfig {
  model: ConfigModel;
  tasks: Map<string, RecordedTask>;
}

const KINDS = new Set(['Group', 'UpdateSource', 'Task']);

/** Recorded objects carry no file positions; messages name the object instead. */
function stateLocator(object: StoredObject): LoadedManifest['locator'] {
  const at = (): SourceLocation => ({ file: `(state) ${object.kind} ${object.name}`, line: 0, col: 0 });
  return { locate: at, locateKey: at };
}

function toManifest(object: StoredObject): LoadedManifest {
  const { metadata, spec } = object.spec as { metadata: Manifest['metadata']; spec: unknown };
  const manifest = { apiVersion: 'updops/v1', kind: object.kind, metadata, spec } as Manifest;
  return { manifest, file: `(state) ${object.kind} ${object.name}`, index: 0, locator: stateLocator(object) };
}

export function modelFromObjects(objects: readonly StoredObject[]): RecordedConfig {
  const known = objects.filter((o) => KINDS.has(o.kind));
  const model = buildModel(known.map(toManifest));
  const tasks = new Map<string, RecordedTask>();
  for (const o of known.filter((x) => x.kind === 'Task')) {
    const spec = (o.spec as { spec: Task['spec'] }).spec;
    tasks.set(o.name, { name: o.name, spec, appliedAt: o.appliedAt, specHash: o.specHash });
  }
  return { model, tasks };
}

export async function recordedConfig(store: StateStore): Promise<RecordedConfig> {
  return modelFromObjects(await store.listObjects());
}
