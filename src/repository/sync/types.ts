/** Public shapes of the sync engine (docs/design.md 3 "Sync"): the engine behind both task types. */
import { DEFAULTS } from '../../defaults.js';
import type { BandwidthLimit } from './throttle.js';

export interface SourceSpec {
  /** `http(s)://`, `ftp://`, `file://` or a folder path. */
  url: string;
  name?: string;
  proxy?: string;
  /** Already resolved from a secretRef; never logged, never in errors or results. */
  credentials?: { username: string; password: string };
  /** Already resolved from a secretRef (an `upstream` source's token): `Authorization: Bearer`; never logged. */
  bearerToken?: string;
  caFile?: string;
  timeoutSeconds?: number;
  /** This source's cap, shared by every sync from it in this process (throttle.ts); ignored by an `urgent` sync. */
  bandwidth?: BandwidthLimit;
}

export interface SyncProgress {
  files: number;
  filesTotal: number;
  bytes: number;
  bytesTotal: number;
}

export interface SyncOptions {
  /** In order; later ones are fallbacks (docs/design.md 1). */
  sources: SourceSpec[];
  dest: string;
  /** Path to a root.json to trust. Default: the trusted state, then dest's metadata/root.json, else trust on first use. */
  trustRoot?: string;
  /** "Download updates by using the old scheme" (SHA256SUMS). */
  legacy?: boolean;
  /** Use (and mirror) diff files. */
  diffs?: boolean;
  /** Only targets of these components (first path segment / `custom.component`) are fetched and kept; default all. */
  components?: string[];
  concurrency?: number;
  timeoutSeconds?: number;
  retries?: number;
  onProgress?: (progress: SyncProgress) => void;
  maxMetadataBytes?: number;
  /**
   * Targets at least this large are fetched by worker threads where the source allows it
   * (HTTP without a proxy); default 256 KiB. `Infinity` keeps every download on the main thread.
   */
  workerMinBytes?: number;
  /**
   * Where HTTP(S) sources without an explicit `proxy` find one (HTTP_PROXY, HTTPS_PROXY, NO_PROXY);
   * default this process's environment.
   */
  env?: NodeJS.ProcessEnv;
  /** The cap of this sync (a DP link, a device): one bucket for all its downloads, whichever source serves. */
  bandwidth?: BandwidthLimit;
  /** Ignore every cap, this sync's and its sources' (an urgent update). */
  urgent?: boolean;
  /**
   * Rings and pinning (pin.ts): take the targets of the newest repository version whose targets
   * carry this `custom.version`, an older one if need be; the current timestamp and snapshot
   * are still verified. Absent: the current version.
   */
  pin?: string;
  /**
   * A mirror (a DP) also keeps these versions' targets metadata and files, for the pinned
   * devices it serves; one that cannot be found is a warning, not a failure.
   */
  keepVersions?: string[];
}

export interface SyncResult {
  /** Name (or URL without credentials) of the source that served. */
  source: string;
  /** The targets version now held: an older one when pinned. */
  version: number;
  /** The pinned view the dest now serves, when `pin` named an older version than the current one. */
  pinned?: { version: string; targetsVersion: number };
  changed: boolean;
  files: number;
  bytes: number;
  deltaFiles: number;
  deltaBytesSaved: number;
  removed: number;
  requests: number;
  durationMs: number;
  tried: { source: string; error?: string }[];
  warnings: string[];
  scheme: 'tuf' | 'legacy';
}

/** Defaults in one typed place (docs/style.md 8). */
export const SYNC_DEFAULTS = {
  concurrency: DEFAULTS.syncConcurrency,
  timeoutSeconds: DEFAULTS.sourceTimeoutSeconds,
  retries: 3,
  backoffMs: 200,
  rootMaxBytes: 512_000,
  /** Roots fetched in one refresh at most (TUF 5.3; python-tuf and tuf-js use 256 too). */
  maxRootRotations: 256,
  /** Roles one target lookup visits at most (TUF 5.6.7; the reference clients' 32). */
  maxDelegations: 32,
  /** Delegated roles a mirror loads at most: a bound on a hostile delegation graph. */
  maxMirroredRoles: 10_000,
  timestampMaxBytes: 16_384,
  metadataMaxBytes: 5_000_000,
} as const;

/** Everything one source attempt needs, resolved from the options. */
export interface SyncContext {
  dest: string;
  diffs: boolean;
  legacy: boolean;
  components: string[] | undefined;
  concurrency: number;
  retries: number;
  trustRoot: string | undefined;
  maxMetadataBytes: number | undefined;
  onProgress: ((progress: SyncProgress) => void) | undefined;
  signal: AbortSignal | undefined;
  warnings: string[];
  workerMinBytes: number | undefined;
  pin: string | undefined;
  keepVersions: string[];
}

/** What a source attempt reports back (the orchestrator adds source, tried, duration). */
export interface SourceOutcome {
  version: number;
  pinned?: { version: string; targetsVersion: number };
  changed: boolean;
  files: number;
  bytes: number;
  deltaFiles: number;
  deltaBytesSaved: number;
  removed: number;
  scheme: 'tuf' | 'legacy';
}
