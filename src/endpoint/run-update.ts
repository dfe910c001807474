/**
 * One run of the endpoint `Update` task on a device (docs/design.md 1 "Type Update", seed 000):
 * licence check → databases (staged, switched atomically) → application modules by
 * `applicationUpdateMode` → freshness, with every outcome recorded in `ROOT/state.json`.
 */
import { mkdir } from 'node:fs/promises';
import { isUpdopsError } from '../errors.js';
import { fallbackReason } from '../repository/index.js';
import type { SyncResult } from '../repository/index.js';
import type { UpdateTaskSettings } from '../manifests/index.js';
import { maintenanceWindowAt } from '../schedule/index.js';
import { FileApplication } from './app/file-app.js';
import type { Application } from './app/types.js';
import { acquireDeviceLock } from './device-lock.js';
import { readDeviceState, writeDeviceState } from './device-state.js';
import type { DeviceState } from './device-state.js';
import { basesSet, readInstalledDatabases, updateDatabases } from './databases.js';
import { freshnessEvent, freshnessOf } from './freshness.js';
import { installModule } from './install.js';
import { deviceLayout } from './layout.js';
import { licenceDecision } from './licence.js';
import { downloadModules, moduleFromMirror } from './modules.js';
import type { ModulePackage } from './modules.js';
import { restartAndVerify } from './restart.js';
import { recoverSet } from './staged-set.js';
import { normalizeUpdateSettings } from './types.js';
import type { NormalizedUpdateSettings, UpdateEvent, UpdateRunInput, UpdateRunResult } from './types.js';

interface RunTally {
  files: number;
  bytes: number;
  failures: { reason: string; code?: string }[];
  /** What a completed run says besides (a module install waiting for its maintenance window). */
  notes: string[];
  events: UpdateEvent[];
  /** Each sync that succeeded (databases, then modules): which source served it, and why earlier ones were skipped. */
  served: { source: string; fallbackReason?: string }[];
}

export async function runUpdateTask(input: UpdateRunInput): Promise<UpdateRunResult> {
  const layout = deviceLayout(input.root);
  await mkdir(input.root, { recursive: true });
  const release = await acquireDeviceLock(layout.lock);
  try {
    return await run(input, normalizeUpdateSettings(input.settings));
  } finally {
    await release();
  }
}

async function run(input: UpdateRunInput, settings: NormalizedUpdateSettings): Promise<UpdateRunResult> {
  const layout = deviceLayout(input.root);
  const state = await readDeviceState(layout.state);
  const tally: RunTally = { files: 0, bytes: 0, failures: [], notes: [], events: [], served: [] };
  await recoverSet(basesSet(input.root));

  // The larger count wins and is kept: the controller remembers what a wiped folder forgot.
  state.unlicensedUpdates = Math.max(state.unlicensedUpdates, input.knownUnlicensedUpdates ?? 0);
  const licence = licenceDecision(input.device.license, input.now, state.unlicensedUpdates);
  if (!licence.allowed) {
    tally.events.push(licence.event);
    tally.failures.push({ reason: licence.reason, code: 'LICENSE' });
  } else if (input.sources.length === 0) {
    tally.failures.push({ reason: 'the task has no usable update source for this device', code: 'SYNC' });
  } else {
    await databasesStep(input, settings, tally);
    // A cancelled run stops here: the databases stayed as they were (or were switched whole before the cancel), no module is fetched.
    if (settings.applicationUpdateMode !== 'disabled' && !input.signal?.aborted) await modulesStep(input, settings, state, tally);
  }
  if (input.signal?.aborted) tally.failures.splice(0, tally.failures.length, { reason: cancelledReason(input.signal.reason, tally.served.length > 0), code: 'CANCELLED' });

  // Seed: "If application databases were not installed before, the application continues functioning in "without databases" mode."
  const installed = await readInstalledDatabases(input.root);
  const freshness = freshnessOf(installed?.published, input.now, settings);
  const event = freshnessEvent(freshness, state.lastFreshness, installed?.published);
  if (event) tally.events.push(event);

  const status = tally.failures.length === 0 ? 'completed' : 'failed';
  if (status === 'completed' && licence.allowed && licence.counts) state.unlicensedUpdates += 1;
  const reason = [...tally.failures.map((f) => f.reason), ...tally.notes].join('; ');
  const code = tally.failures[0]?.code;
  Object.assign(state, {
    lastFreshness: freshness,
    basesMode: installed ? 'normal' : 'withoutDatabases',
    lastResult: { status, ...(reason ? { reason } : {}), at: input.now.toISOString(), files: tally.files, bytes: tally.bytes },
  } satisfies Partial<DeviceState>);
  state.installed.databaseVersion = installed?.version;
  state.installed.published = installed?.published;
  await writeDeviceState(layout.state, state);
  const served = servedBy(tally);
  return {
    status,
    ...(reason ? { reason } : {}),
    ...(code ? { code } : {}),
    ...served,
    files: tally.files,
    bytes: tally.bytes,
    basesMode: installed ? 'normal' : 'withoutDatabases',
    freshness,
    ...(installed ? { databaseVersion: installed.version } : {}),
    ...(installed?.published ? { published: installed.published } : {}),
    ...(state.installed.applicationVersion ? { applicationVersion: state.installed.applicationVersion } : {}),
    ...(state.installed.downloadedModule ? { downloadedModule: state.installed.downloadedModule } : {}),
    restartRequired: state.restartRequired,
    unlicensedUpdates: state.unlicensedUpdates,
    events: tally.events,
  };
}

/** Seed: "If the database update download is interrupted or finishes with an error, the application continues to use the previously installed database version." */
async function databasesStep(input: UpdateRunInput, settings: NormalizedUpdateSettings, tally: RunTally): Promise<void> {
  try {
    const { sync } = await updateDatabases(input.root, syncOptions(input, settings));
    tally.files += sync.files;
    tally.bytes += sync.bytes;
    tally.served.push(servedOf(sync));
  } catch (error) {
    tally.failures.push(failure('databases', error));
  }
}

async function modulesStep(input: UpdateRunInput, settings: NormalizedUpdateSettings, state: DeviceState, tally: RunTally): Promise<void> {
  try {
    const { sync, module } = await downloadModules(input.root, { ...syncOptions(input, settings), application: input.application });
    tally.files += sync.files;
    tally.bytes += sync.bytes;
    tally.served.push(servedOf(sync));
    if (!module) return;
    state.installed.downloadedModule = module.version;
    if (settings.applicationUpdateMode !== 'downloadAndInstall') return;
    const app = input.app ?? defaultApplication(input.root);
    const wait = await windowWait(input.settings, app, module.version, input.now);
    if (wait) {
      // Downloads may happen outside the window; the install and restart may not (issue 19).
      state.pendingInstall = { version: module.version, ...(wait.opensAt ? { opensAt: wait.opensAt.toISOString() } : {}) };
      tally.notes.push(`module ${module.version} downloaded; its install is waiting for the maintenance window at ${wait.opensAt?.toISOString() ?? '(none opens again)'}`);
      return;
    }
    delete state.pendingInstall;
    await installStep(input, app, module, settings, state, tally);
  } catch (error) {
    tally.failures.push(failure('application modules', error));
  }
}

/** Outside every maintenance window (and not urgent) with a module to install: when the next one opens. */
async function windowWait(settings: UpdateTaskSettings, app: Application, version: string, now: Date): Promise<{ opensAt: Date | undefined } | undefined> {
  const windows = settings.maintenanceWindows;
  if (!windows?.length || settings.urgent === true) return undefined;
  if ((await app.currentVersion()) === version) return undefined;
  const window = maintenanceWindowAt(windows, now);
  return window.open ? undefined : { opensAt: window.opensAt };
}

type InstallInput = Pick<UpdateRunInput, 'root' | 'supervised' | 'restartAfterInstall'>;

/** The module into the application, then the restart and health check when the application needs (or is supervised for) it. */
async function installStep(input: InstallInput, app: Application, module: ModulePackage, settings: Pick<NormalizedUpdateSettings, 'healthCheck'>, state: DeviceState, tally: Pick<RunTally, 'events' | 'failures'>): Promise<void> {
  if ((await app.currentVersion()) !== module.version && (input.supervised === true || (await app.isRunning()))) {
    // From the install on, settings changes are refused (changeSettings reads state.json); the end of the run writes the outcome.
    await writeDeviceState(deviceLayout(input.root).state, { ...state, restartRequired: true, pendingRestart: { version: module.version } });
  }
  const outcome = await installModule(app, module);
  tally.events.push(...outcome.events);
  state.installed.applicationVersion = await app.currentVersion();
  if (!outcome.installed) return;
  // Where the restart is decided: a running application needs it (seed: "After the update, … needs to be restarted"); a supervised one always runs.
  const restart = outcome.restartRequired || input.supervised === true;
  state.restartRequired = restart;
  if (restart && outcome.pending) state.pendingRestart = outcome.pending;
  else delete state.pendingRestart;
  if (restart && input.restartAfterInstall !== false) await restartStep(app, settings, state, tally);
}

export interface PendingInstallInput extends InstallInput {
  settings: UpdateTaskSettings | undefined;
  now: Date;
  app?: Application;
}

export interface PendingInstallOutcome {
  status: 'completed' | 'failed';
  reason: string;
  events: UpdateEvent[];
}

/**
 * The module a run downloaded outside its maintenance window, installed now if a window is open
 * (the device agent asks on each heartbeat). Undefined when nothing waits or every window is
 * still closed. Works offline: the module comes from the verified modules mirror.
 */
export async function installPendingModule(input: PendingInstallInput): Promise<PendingInstallOutcome | undefined> {
  const layout = deviceLayout(input.root);
  const peek = await readDeviceState(layout.state);
  if (!peek.pendingInstall) return undefined;
  const windows = input.settings?.maintenanceWindows;
  if (windows?.length && input.settings?.urgent !== true && !maintenanceWindowAt(windows, input.now).open) return undefined;
  const release = await acquireDeviceLock(layout.lock);
  try {
    const state = await readDeviceState(layout.state);
    const pending = state.pendingInstall;
    if (!pending) return undefined;
    const tally: Pick<RunTally, 'events' | 'failures'> = { events: [], failures: [] };
    const app = input.app ?? defaultApplication(input.root);
    delete state.pendingInstall;
    try {
      const module = await moduleFromMirror(input.root);
      if (!module) tally.failures.push({ reason: `module ${pending.version} is no longer in the downloaded modules`, code: 'APPLICATION' });
      else await installStep(input, app, module, normalizeUpdateSettings(input.settings), state, tally);
    } catch (error) {
      tally.failures.push(failure('application modules', error));
    }
    const status = tally.failures.length === 0 ? 'completed' : 'failed';
    const version = await app.currentVersion();
    const reason = status === 'completed' ? `module ${version ?? pending.version} installed in the maintenance window` : tally.failures.map((f) => f.reason).join('; ');
    state.installed.applicationVersion = version;
    state.lastResult = { status, reason, at: input.now.toISOString(), files: 0, bytes: 0 };
    await writeDeviceState(layout.state, state);
    return { status, reason, events: tally.events };
  } finally {
    await release();
  }
}

export async function restartStep(app: Application, settings: Pick<NormalizedUpdateSettings, 'healthCheck'>, state: DeviceState, tally: Pick<RunTally, 'events' | 'failures'>): Promise<void> {
  const pending = state.pendingRestart;
  const outcome = await restartAndVerify(app, pending, settings.healthCheck);
  tally.events.push(...outcome.events);
  state.restartRequired = false;
  delete state.pendingRestart;
  state.installed.applicationVersion = outcome.version;
  const rolledBack = !outcome.ok && pending?.previousVersion !== undefined ? { rolledBackFrom: pending.version } : {};
  state.lastRestart = { at: new Date().toISOString(), ...(outcome.version ? { version: outcome.version } : {}), healthy: outcome.ok, ...rolledBack };
  if (!outcome.ok) tally.failures.push({ reason: outcome.reason, code: 'APPLICATION' });
}

export function defaultApplication(root: string): Application {
  return new FileApplication({ dir: deviceLayout(root).app });
}

function syncOptions(input: UpdateRunInput, settings: NormalizedUpdateSettings) {
  return {
    sources: input.sources,
    diffs: settings.downloadDiffFiles,
    trustRoot: input.trustRoot,
    concurrency: input.concurrency,
    signal: input.signal,
    onProgress: input.onProgress,
    ...(input.settings.bandwidth ? { bandwidth: input.settings.bandwidth } : {}),
    ...(input.settings.urgent ? { urgent: true } : {}),
    ...(input.pin !== undefined ? { pin: input.pin } : {}),
  };
}

function servedOf(sync: SyncResult): { source: string; fallbackReason?: string } {
  const why = fallbackReason(sync);
  return { source: sync.source, ...(why ? { fallbackReason: why } : {}) };
}

/** The databases' source names the run's source (else the modules'); every distinct reason for a fallback is kept. */
function servedBy(tally: RunTally): { source?: string; fallbackReason?: string } {
  const source = tally.served[0]?.source;
  const why = [...new Set(tally.served.flatMap((s) => (s.fallbackReason ? [s.fallbackReason] : [])))].join('; ');
  return { ...(source ? { source } : {}), ...(why ? { fallbackReason: why } : {}) };
}

/** The abort reason's words (`cancelled by alice@host (updops cancel)`) and what the device kept. */
function cancelledReason(reason: unknown, databasesDone: boolean): string {
  const why = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'cancelled';
  return `${why}: the update was stopped ${databasesDone ? 'after the databases step, before the modules' : 'during the download; the databases and modules installed before stay in use'}`;
}

function failure(what: string, error: unknown): { reason: string; code?: string } {
  const message = error instanceof Error ? error.message : String(error);
  return { reason: `${what}: ${message}`, ...(isUpdopsError(error) ? { code: error.code } : {}) };
}
