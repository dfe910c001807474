/**
 * The heartbeat an agent sends (docs/architecture.md "Agents"): a device reports its databases,
 * freshness and application; a DP its repository. Decoded once at the controller's edge, so the
 * store and the status report read a typed value, never a bag of unknowns.
 */
export type BasesMode = 'normal' | 'withoutDatabases';

export type DeviceHeartbeat = {
  role: 'device';
  databaseVersion: string | null;
  published: string | null;
  /** `upToDate`, `outOfDate`, `totallyOutOfDate`, or `none` (no databases installed). */
  freshness: string;
  basesMode: BasesMode;
  applicationVersion: string | null;
  restartRequired: boolean;
  /** The last restart after a module install: healthy, or rolled back from `rolledBackFrom`. */
  lastRestart: LastRestart | null;
  lastResult: { status: string; at?: string; reason?: string } | null;
  /** Updates done without a current licence, as the device counts them (the controller keeps the larger). */
  unlicensedUpdates?: number;
  /** A downloaded module whose install waits for the maintenance window opening at `opensAt`. */
  pendingInstall?: { version: string; opensAt?: string };
  /** The TUF timestamp the device last installed from (absent: none, or an old-scheme source). */
  timestamp?: TimestampHeld;
  /** An assignment is running: the rest repeats the last status. */
  running?: boolean;
};

export type LastRestart = { at: string; version?: string; healthy: boolean; rolledBackFrom?: string };

/** The TUF timestamp a repository holds: its version and expiry (`signed.version`, `signed.expires`). */
export type TimestampHeld = { version: number; expires: string };

/**
 * Whether a DP passes on what its sources approved (issue 19 "freshness that proves itself"):
 * `withholding` when the timestamp it serves has expired, or when a source has had a newer one
 * for longer than the task's tolerance (a freeze attack, or a stuck sync). Set by the controller
 * (status/withholding.ts), kept in the DP's heartbeat status.
 */
export type DpFreshness = {
  state: 'fresh' | 'withholding' | 'unknown';
  /** `timestamp v12 expired at T`, `source vendor has v14 since T, DP serves v12`. */
  detail: string;
  /** When the controller first saw the newest version at the source (a newer version than served). */
  newerSince?: string;
  /** The version the DP's sources have (the newest approved), when asked. */
  sourceVersion?: number;
};

export type DpHeartbeat = {
  role: 'dp';
  /** `release`: the release its targets carry, by the name devices report (repository/release.ts). */
  repository: { version?: string; published?: string; release?: string };
  /** The TUF timestamp the DP's repository serves (absent: no TUF metadata). */
  timestamp?: TimestampHeld;
  /** The controller's verdict (never sent by the agent; a sent one is replaced). */
  freshness?: DpFreshness;
  running?: boolean;
};

export type HeartbeatStatus = DeviceHeartbeat | DpHeartbeat;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
/** A count an agent reports: a non-negative integer, else ignored. */
export const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function lastResult(value: unknown): DeviceHeartbeat['lastResult'] {
  if (!isObject(value) || typeof value.status !== 'string') return null;
  return { status: value.status, ...(typeof value.at === 'string' ? { at: value.at } : {}), ...(typeof value.reason === 'string' ? { reason: value.reason } : {}) };
}

function pendingInstall(value: unknown): Pick<DeviceHeartbeat, 'pendingInstall'> {
  if (!isObject(value) || typeof value.version !== 'string') return {};
  return { pendingInstall: { version: value.version, ...(typeof value.opensAt === 'string' ? { opensAt: value.opensAt } : {}) } };
}

function lastRestart(value: unknown): LastRestart | null {
  if (!isObject(value) || typeof value.at !== 'string' || typeof value.healthy !== 'boolean') return null;
  return {
    at: value.at,
    healthy: value.healthy,
    ...(typeof value.version === 'string' ? { version: value.version } : {}),
    ...(typeof value.rolledBackFrom === 'string' ? { rolledBackFrom: value.rolledBackFrom } : {}),
  };
}

function timestampHeld(value: unknown): TimestampHeld | undefined {
  if (!isObject(value) || !isCount(value.version) || typeof value.expires !== 'string' || Number.isNaN(Date.parse(value.expires))) return undefined;
  return { version: value.version, expires: value.expires };
}

function dpFreshness(value: unknown): DpFreshness | undefined {
  if (!isObject(value) || (value.state !== 'fresh' && value.state !== 'withholding' && value.state !== 'unknown') || typeof value.detail !== 'string') return undefined;
  return {
    state: value.state,
    detail: value.detail,
    ...(typeof value.newerSince === 'string' ? { newerSince: value.newerSince } : {}),
    ...(isCount(value.sourceVersion) ? { sourceVersion: value.sourceVersion } : {}),
  };
}

/** A heartbeat body's `status`, or undefined when it is not one (the beat still counts as being seen). */
export function decodeHeartbeat(value: unknown): HeartbeatStatus | undefined {
  if (!isObject(value)) return undefined;
  const running = value.running === true ? { running: true } : {};
  if (isObject(value.repository)) {
    const { version, published, release } = value.repository;
    const held = timestampHeld(value.timestamp);
    const verdict = dpFreshness(value.freshness);
    return { role: 'dp', repository: { ...(typeof version === 'string' ? { version } : {}), ...(typeof published === 'string' ? { published } : {}), ...(typeof release === 'string' ? { release } : {}) }, ...(held ? { timestamp: held } : {}), ...(verdict ? { freshness: verdict } : {}), ...running };
  }
  if (typeof value.freshness !== 'string') return undefined;
  return {
    role: 'device',
    databaseVersion: text(value.databaseVersion),
    published: text(value.published),
    freshness: value.freshness,
    basesMode: value.basesMode === 'withoutDatabases' ? 'withoutDatabases' : 'normal',
    applicationVersion: text(value.applicationVersion),
    restartRequired: value.restartRequired === true,
    lastRestart: lastRestart(value.lastRestart),
    lastResult: lastResult(value.lastResult),
    ...(isCount(value.unlicensedUpdates) ? { unlicensedUpdates: value.unlicensedUpdates } : {}),
    ...pendingInstall(value.pendingInstall),
    ...(timestampHeld(value.timestamp) ? { timestamp: timestampHeld(value.timestamp)! } : {}),
    ...running,
  };
}
