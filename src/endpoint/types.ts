/**
 * Shapes of the endpoint `Update` task (docs/design.md 1 "Type Update", seed 000): what a run takes,
 * what it reports, and the events it raises.
 */
import { DEFAULTS } from '../defaults.js';
import type { Device, UpdateTaskSettings } from '../manifests/index.js';
import type { SourceSpec, SyncProgress } from '../repository/index.js';
import type { Application } from './app/types.js';

export const FRESHNESS = ['upToDate', 'outOfDate', 'totallyOutOfDate', 'none'] as const;
/** `none`: no databases installed (the device is in "without databases" mode). */
export type Freshness = (typeof FRESHNESS)[number];

/** Seed: "If application databases were not installed before, the application continues functioning in "without databases" mode." */
export type BasesMode = 'normal' | 'withoutDatabases';

export const UPDATE_EVENT_TYPES = [
  'BasesAreOutOfDate',
  'BasesAreTotallyOutOfDate',
  'LicenseRequired',
  'SettingsResetToDefaults',
  'ApplicationRolledBack',
  'ApplicationUpdated',
  'ModulesDownloaded',
] as const;
export type UpdateEventType = (typeof UPDATE_EVENT_TYPES)[number];

export interface UpdateEvent {
  type: UpdateEventType;
  message: string;
  data?: Record<string, unknown>;
}

/** Settings with every default filled in (docs/design.md 1; schema defaults). */
export type NormalizedUpdateSettings = Required<Pick<UpdateTaskSettings, 'applicationUpdateMode' | 'downloadDiffFiles' | 'outOfDateDays' | 'totallyOutOfDateDays'>> &
  Pick<UpdateTaskSettings, 'healthCheck'>;

export const UPDATE_DEFAULTS = DEFAULTS.update;

export function normalizeUpdateSettings(settings: UpdateTaskSettings | undefined): NormalizedUpdateSettings {
  return {
    applicationUpdateMode: settings?.applicationUpdateMode ?? UPDATE_DEFAULTS.applicationUpdateMode,
    downloadDiffFiles: settings?.downloadDiffFiles ?? UPDATE_DEFAULTS.downloadDiffFiles,
    outOfDateDays: settings?.outOfDateDays ?? UPDATE_DEFAULTS.outOfDateDays,
    totallyOutOfDateDays: settings?.totallyOutOfDateDays ?? UPDATE_DEFAULTS.totallyOutOfDateDays,
    ...(settings?.healthCheck ? { healthCheck: settings.healthCheck } : {}),
  };
}

export interface UpdateRunInput {
  /** The device's update root (bases, staging, module downloads, state.json, the default app). */
  root: string;
  device: Pick<Device, 'name' | 'license'>;
  /**
   * Updates done without a current licence as someone else counted them (the controller, from
   * what this device reported before): the rule goes by the larger of this and ROOT/state.json,
   * so a wiped device folder does not give the device a second unlicensed update.
   */
  knownUnlicensedUpdates?: number;
  /** In order, already resolved by the caller: vendor, the device's DP, custom sources (`resolveDeviceSources`). */
  sources: SourceSpec[];
  settings: UpdateTaskSettings;
  now: Date;
  /** The application modules are installed into; default: the file-based application under ROOT/app. */
  app?: Application;
  /** The publisher's root.json to trust on the first update (later runs trust what the installed set holds). */
  trustRoot?: string;
  /** Which application's modules this device takes (`modules/<application>/…`); default: the only one in the source. */
  application?: string;
  /** Restart the application at the end of the run after a module install (default true); false leaves restartRequired for `restartApplication`. */
  restartAfterInstall?: boolean;
  /**
   * The caller supervises the application (the device agent): after an install the application
   * is (re)started and health-checked even when it was stopped, so an unhealthy module is rolled
   * back in the same run. Without it only a running application needs the restart (install.ts).
   */
  supervised?: boolean;
  concurrency?: number;
  /** The ring's pinned version (the task's `spec.version`): the device takes that release, older than the current one if need be (rings and pinning). */
  pin?: string;
  /** Aborting it cancels the run: what was installed stays byte for byte (the staged set is discarded), no module is fetched. */
  signal?: AbortSignal;
  /** Progress of each download (databases, then modules). */
  onProgress?: (progress: SyncProgress) => void;
}

export interface UpdateRunResult {
  status: 'completed' | 'failed';
  reason?: string;
  code?: string;
  /** The source (name) that served the databases (else the modules); absent when none did. */
  source?: string;
  /** Why sources before it in the list were skipped (`vendor: SOURCE_UNREACHABLE: …`). */
  fallbackReason?: string;
  files: number;
  bytes: number;
  basesMode: BasesMode;
  freshness: Freshness;
  databaseVersion?: string;
  published?: string;
  applicationVersion?: string;
  /** A module was downloaded (downloadOnly) into ROOT/modules-downloads/<version>/. */
  downloadedModule?: string;
  restartRequired: boolean;
  /** Updates done without a current licence after this run (what the licence rule counts). */
  unlicensedUpdates: number;
  events: UpdateEvent[];
}
