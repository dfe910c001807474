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
  device: { name: string; license?: { expires: string } };
  sources: SourceSpec[];
  settings: UpdateTaskSettings;
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

/** POST /api/agents/:name/runs/:runId/result */
export interface AgentResult {
  status: 'completed' | 'failed';
  reason?: string;
  files: number;
  bytes: number;
  durationMs: number;
  events: AgentEvent[];
  /** A DP's repository after the sync, recorded as its observation. */
  repository?: { version?: string; published?: string };
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
