/**
 * What the controller and its agents exchange (docs/design.md 4 `updops agent`): assignments handed
 * out by long-poll, and the result an agent reports back once per (run id, agent).
 */
import type { BandwidthLimit, SourceSpec } from '../repository/index.js';
import type { AgentRole } from '../state/index.js';
import type { UpdateTaskSettings } from '../manifests/index.js';

/** An endpoint `Update` task run on one device (seed 000). Sources carry resolved credentials: sent only over the authenticated channel, never logged. */
export interface UpdateAssignment {
  kind: 'update';
  runId: string;
  task: string;
  /**
   * `unlicensedUpdates`: the updates this device has done without a current licence as the
   * controller counted them; the agent goes by the larger of this and its own count (a wiped
   * device folder does not reset the one-update rule).
   */
  device: { name: string; license?: { expires: string }; unlicensedUpdates?: number };
  sources: SourceSpec[];
  settings: UpdateTaskSettings;
  /**
   * The version to install (targets' custom `version`): the task's pin (`spec.version`) or, once
   * the device's wave is admitted, a rollout's. Absent: the newest the sources have.
   */
  version?: string;
  /** The publisher's root.json text (the controller's trustRoot file), trusted on the first update. */
  trustRootJson?: string;
  /** Source entries that gave nothing (e.g. no DP with an address); reported with the result. */
  problems: string[];
}

/** A `DownloadUpdatesToDistributionPoints` run on one DP (seed 001): sync into the DP's repository folder. */
export interface DownloadAssignment {
  kind: 'download';
  runId: string;
  task: string;
  /** The DP's repository folder from the manifest (a path on that DP, docs/design.md 1). */
  repository: string;
  sources: SourceSpec[];
  legacyScheme: boolean;
  downloadDiffFiles: boolean;
  components?: string[];
  /**
   * Versions pinned by the Update tasks of the devices this DP serves (rings and pinning): the DP
   * keeps their targets metadata and files beside the current version's.
   */
  keepVersions?: string[];
  /** The task's cap on this DP's link; the sources carry their own (`SourceSpec.bandwidth`). */
  bandwidth?: BandwidthLimit;
  /** Ignore every cap (task `urgent`). */
  urgent?: boolean;
  trustRootJson?: string;
}

export type Assignment = UpdateAssignment | DownloadAssignment;

export interface AgentEvent {
  type: string;
  message: string;
  data?: Record<string, unknown>;
}

/**
 * POST /api/agents/:name/runs/:runId/result. A run the controller cancelled (`CancelNotice`) ends
 * `failed` with the notice's reason first ("cancelled by alice@host (updops cancel): …"): the target
 * did not finish, and what it had installed before stays installed, as for any failed run.
 */
export interface AgentResult {
  status: 'completed' | 'failed';
  reason?: string;
  files: number;
  bytes: number;
  durationMs: number;
  events: AgentEvent[];
  /** A DP's repository after the sync, recorded as its observation. */
  repository?: { version?: string; published?: string };
  /** A device's count of updates done without a current licence, after the run (the controller keeps the larger). */
  unlicensedUpdates?: number;
  /** The source (UpdateSource name) that served the update; absent when none did. */
  source?: string;
  /** Why sources before `source` were skipped (`vendor: SOURCE_UNREACHABLE: …`); absent when the first served. */
  fallbackReason?: string;
}

/** POST /api/agents/:name/runs/:runId/progress */
export interface ProgressReport {
  files: number;
  bytes: number;
}

/**
 * An operator cancelled a run the agent is working on (`updops cancel RUN`): the agent aborts it,
 * leaves the device or DP as it was before the download, and reports `failed` with this reason.
 */
export interface CancelNotice {
  runId: string;
  /** `cancelled by WHO`, as the run records it. */
  reason: string;
}

/** The controller's answer to a progress report: `cancel` when that run was cancelled. */
export interface ProgressAnswer {
  accepted: boolean;
  cancel?: CancelNotice;
}

/** POST /api/agents/:name/heartbeat */
export interface HeartbeatRequest {
  status?: unknown;
  events?: AgentEvent[];
  heartbeatSeconds?: number;
  /** The runs the agent is working on: the answer says which of them were cancelled. */
  runs?: string[];
}

/** The controller's answer to a heartbeat. */
export interface HeartbeatAnswer {
  name: string;
  lastSeen: string;
  /** Of the heartbeat's `runs`, those an operator cancelled. */
  cancel: CancelNotice[];
}

export interface RegisterRequest {
  name: string;
  role?: AgentRole;
  os?: string;
  version: string;
  /** How often the agent heartbeats; presence allows three missed beats. */
  heartbeatSeconds?: number;
}

/** The controller's answer: role and OS from the applied config, and for a DP its repository folder and address. */
export interface RegisterResponse {
  name: string;
  role: AgentRole;
  os: string;
  heartbeatSeconds: number;
  repository?: string;
  address?: string;
}
