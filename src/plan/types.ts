/**
 * The plan is data (docs/style.md 3): `makePlan` builds it from desired and actual state, renderers
 * turn it into text / Markdown / JSON, and `applyPlan` is the only code that writes.
 * `formatVersion` is bumped on any incompatible change of this shape (schemas/plan.json).
 */
export const PLAN_FORMAT_VERSION = 1;

import type { ManifestKind } from '../manifests/index.js';
import type { RandomDelayView } from '../schedule/index.js';

/** Every manifest kind is recorded as objects of that kind. */
export type ObjectKind = ManifestKind;

/** A manifest reduced to what updops records: its normalized metadata and spec. */
export interface DesiredObject {
  kind: ObjectKind;
  name: string;
  spec: unknown;
  /** The file it was defined in, for messages. */
  source?: string;
}

export interface FieldChange {
  /** JSON pointer inside the object, e.g. `/spec/schedule/time`. */
  path: string;
  before?: unknown;
  after?: unknown;
  /** Unified diff when either side is a multi-line string. */
  patch?: string;
  /** The values are secrets (or secret references) and are shown as `(sensitive)`. */
  sensitive?: boolean;
}

export type ChangeAction = 'create' | 'update' | 'delete';

export interface ObjectChange {
  action: ChangeAction;
  kind: ObjectKind;
  name: string;
  diff: FieldChange[];
}

export type SyncReason = 'empty' | 'stale' | 'drifted';

export interface SyncAction {
  action: 'sync';
  dp: string;
  task: string;
  repository: string;
  reason: SyncReason;
  detail: string;
  /** Source names in order (fallbacks after the first). */
  sources: string[];
}

export interface ScheduleAction {
  action: 'schedule';
  task: string;
  change: 'added' | 'changed' | 'removed';
  description: string;
  nextStarts: string[];
}

/**
 * DPs of a `manual` task whose repositories are empty, stale or drifted: apply never starts a
 * manual task (seed 001: "the task does not run automatically"), so the plan says how to.
 */
export interface ManualStartAction {
  action: 'manualStart';
  task: string;
  dps: { dp: string; reason: SyncReason; detail: string }[];
  /** The command that starts the task. */
  command: string;
}

export type DerivedAction = SyncAction | ManualStartAction | ScheduleAction;

export interface PlanWarning {
  code: string;
  message: string;
  /** `file:line:col` when a manifest is at fault. */
  at?: string;
  /** What to change so the warning goes away, when updops can tell. */
  fix?: string;
}

export interface TaskSchedule {
  task: string;
  description: string;
  nextStarts: string[];
  /** `plan --devices`: the randomized-delay window and each target's offset and next start. */
  randomDelay?: RandomDelayView;
}

/** An Update task's devices as one ring: the version they get and when their installs may happen. */
export interface RingView {
  task: string;
  /** The version the task pins (`spec.version`); null: the newest its sources have. */
  version: string | null;
  devices: number;
  /** The first device names, in config order (all of them up to RING_DEVICE_NAMES). */
  deviceNames: string[];
  /** Module installs and restarts only inside these windows; null: any time. `urgent` tasks ignore them. */
  maintenanceWindow: { open: true; closesAt: string } | { open: false; opensAt: string | null } | null;
  urgent: boolean;
}

/** What the next sync of one DP from its source would move, and how long that takes at the cap in force at plan time. */
export interface LinkProjection {
  dp: string;
  task: string;
  source: string;
  files: number;
  bytes: number;
  /** Full files rebuilt from diff files instead of fetched (not in `bytes`). */
  fromDiffs: number;
  /** The tightest of the task's and the source's cap at plan time; null: uncapped (or `urgent`). */
  bytesPerSecond: number | null;
  /** `bytes / bytesPerSecond`, rounded up; null when uncapped. */
  seconds: number | null;
}

/** A Rollout's waves as the plan sees them: which devices each takes, in order. */
export interface WavesView {
  name: string;
  task: string;
  /** The version rolled out, and the task's own pin the devices of later waves stay on. */
  version: string;
  from: string | null;
  waves: { name: string; devices: number; deviceNames: string[]; successThreshold: number; errorThreshold: number; pendingTimeoutSeconds: number }[];
  /** Devices of the task in no wave: they stay on `from`. */
  uncovered: number;
}

/** The plan's view of how updates roll out (issue 19): rings, rollouts' waves and what each DP link will carry. */
export interface RolloutView {
  rings: RingView[];
  rollouts: WavesView[];
  links: LinkProjection[];
}

export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  /** Commit the desired state was read at; null for a plain directory. */
  commit: string | null;
  dirty: boolean;
  createdAt: string;
  /** State identity the plan was made against; a saved plan is refused if it moved. */
  state: { lineage: string; serial: number };
  prune: boolean;
  changes: ObjectChange[];
  /** Objects that exist and are unchanged. */
  unchanged: number;
  /** Recorded objects no longer in the config that are kept because prune is off. */
  orphans: { kind: ObjectKind; name: string }[];
  actions: DerivedAction[];
  warnings: PlanWarning[];
  schedules: TaskSchedule[];
  rollout: RolloutView;
}

/** What a saved plan file holds: the plan plus exactly the objects it will write. */
export interface SavedPlan {
  plan: Plan;
  objects: DesiredObject[];
  config: { source: string; ref?: string; dir?: string };
}
