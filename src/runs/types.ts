/**
 * The contract of the run executor (docs/architecture.md "Runs"): what a start asks for, what a
 * run reports, and the interfaces the executor *uses* — presence, agents, the clock — which the
 * controller and the CLI implement. They live here, beside their user, so `runs/` imports
 * nothing from `controller/`.
 */
import type { DeviceResult, RunRecord, RunTrigger, StateStore } from '../state/index.js';
import type { RecordedConfig, RecordedTask } from '../state/index.js';
import type { Clock } from '../util/index.js';
import type { Presence } from './presence.js';
import type { ResolvedSource } from '../sources/index.js';
import type { RunTarget } from './targets.js';
import type { BandwidthLimit } from '../repository/index.js';

export interface RunRequest {
  task: string;
  trigger: RunTrigger;
  /** Only these DPs/devices (chain: the ones both tasks share; missed: the ones not visible; apply: the DPs to repair). */
  targets?: readonly string[];
  /** The instant the schedule asked for; randomized-delay offsets count from it. */
  scheduledAt?: Date;
}

export interface RunOutcome {
  run: RunRecord;
  results: DeviceResult[];
  /** Targets skipped because they were not visible at their start (candidates for Run missed tasks). */
  missed: string[];
}

/** What one target of one run asks of the agents. */
export interface RunScope {
  runId: string;
  task: RecordedTask;
  config: RecordedConfig;
  configDir: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The agents as one run sees them. `hasAgent` says whether the work goes to an agent at all
 * (a promise where the answer is in the store: an agent heartbeating to another replica);
 * `run` hands it over and resolves with the recorded result.
 */
export interface RunAgents {
  hasAgent(name: string): boolean | Promise<boolean>;
  run(target: RunTarget, ctx: TargetContext): Promise<DeviceResult>;
}

/** Hands each run its view of the agents (the controller's hub, or the CLI's view of the store). */
export interface AgentGateway {
  forRun(scope: RunScope): RunAgents;
}

/** A DP sync's settings, resolved once per run (src/runs/settings.ts). */
export interface DownloadSettings {
  sources: ResolvedSource[];
  legacyScheme: boolean;
  downloadDiffFiles: boolean;
  /** Only these components reach the DP (docs/design.md 1, `components`); absent: all. */
  components?: string[];
  /** The cap on each DP link (task `bandwidth`); one bucket per DP's sync. */
  bandwidth?: BandwidthLimit;
  /** Ignore every cap (task `urgent`). */
  urgent?: boolean;
  /** Per DP, the versions its pinned devices need kept (rings and pinning, pins.ts); absent when no task pins. */
  pinnedByDp?: Map<string, string[]>;
}

export interface TargetContext {
  runId: string;
  store: StateStore;
  presence: Presence;
  now: () => Date;
  download?: DownloadSettings;
  agents?: RunAgents;
  signal?: AbortSignal;
  /** The controller's environment: a local DP sync takes its proxy variables from it. */
  env?: NodeJS.ProcessEnv;
  /** Progress of a local DP sync (the CLI shows it; the controller records nothing more). */
  onProgress?: (target: RunTarget, progress: { files: number; filesTotal: number; bytes: number; bytesTotal: number }) => void;
  /** A local DP sync finished: what it moved and which source served it. */
  onSynced?: (target: RunTarget, synced: { files: number; bytes: number; source: string }) => void;
}

/**
 * How the caller counts work (src/controller/activity.ts): each target is `track`ed, and waits —
 * the run on its targets, a target on the clock — are `parked`, so a run whose targets all wait
 * for their offsets counts as settled.
 */
export interface WorkCounter {
  track<T>(work: () => Promise<T>): Promise<T>;
  parked<T>(promise: Promise<T>): Promise<T>;
}

export interface RunContext {
  store: StateStore;
  clock: Clock;
  config: RecordedConfig;
  /** Base for relative paths in the recorded sources (trustRoot, folder URLs, secret files). */
  configDir: string;
  presence: Presence;
  agents?: AgentGateway;
  /** Targets worked on at once within the run. */
  concurrency: number;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  activity?: WorkCounter;
  onStarted?: (run: RunRecord) => void;
  onProgress?: TargetContext['onProgress'];
  onSynced?: TargetContext['onSynced'];
  /**
   * Starts a run this one triggers (onTaskCompletion chains). The controller passes its runner
   * (never two runs of one task at once); the CLI runs them in-process. Absent: no chains.
   */
  start?: (request: RunRequest) => Promise<unknown>;
}
