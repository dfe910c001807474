/**
 * Installing a downloaded module into the application (docs/design.md 1 "Type Update", module
 * install; seed 000 "Updating application modules"): install next to the running version,
 * migrate the settings with the module's declared migrations (defaults on failure), and leave
 * the restart pending when the application is running.
 */
import type { Application } from './app/types.js';
import type { PendingRestart } from './device-state.js';
import { migrateSettings } from './migrations.js';
import type { Settings } from './migrations.js';
import type { ModulePackage } from './modules.js';
import type { UpdateEvent } from './types.js';

export interface InstallOutcome {
  installed: boolean;
  /** Seed: "After the update, Kaspersky Endpoint Security needs to be restarted." Only a running application needs it. */
  restartRequired: boolean;
  /** What a restart after this install rolls back to (set whenever something was installed; the caller decides whether to restart). */
  pending?: PendingRestart;
  events: UpdateEvent[];
}

export async function installModule(app: Application, pkg: ModulePackage): Promise<InstallOutcome> {
  const previousVersion = await app.currentVersion();
  if (previousVersion === pkg.version) return { installed: false, restartRequired: false, events: [] };
  const wasRunning = await app.isRunning();
  let previousSettings: Settings | undefined;
  let readProblem: string | undefined;
  try {
    previousSettings = previousVersion === undefined ? undefined : await app.readSettings();
  } catch (error) {
    readProblem = `the current settings cannot be read (${(error as Error).message})`;
  }
  // Seed: "The application module can be installed regardless of the state of the application (started or stopped …)."
  await app.install(pkg.version, pkg.files);
  const events: UpdateEvent[] = [];
  await app.writeSettings(migratedOrDefaults(pkg, previousVersion, previousSettings, readProblem, events));
  events.push({
    type: 'ApplicationUpdated',
    message: `Application ${pkg.application} updated${previousVersion ? ` from ${previousVersion}` : ''} to ${pkg.version}${wasRunning ? '; restart required' : ''}`,
    data: { application: pkg.application, from: previousVersion, to: pkg.version, restartRequired: wasRunning },
  });
  const pending: PendingRestart = {
    version: pkg.version,
    ...(previousVersion !== undefined ? { previousVersion } : {}),
    ...(previousSettings !== undefined ? { previousSettings } : {}),
  };
  return { installed: true, restartRequired: wasRunning, pending, events };
}

/** Seed: "If the transfer of application settings fails for any reason, the application is set to the default values." */
function migratedOrDefaults(
  pkg: ModulePackage,
  from: string | undefined,
  settings: Settings | undefined,
  readProblem: string | undefined,
  events: UpdateEvent[],
): Settings {
  if (from === undefined) return structuredClone(pkg.defaultSettings);
  const outcome = readProblem ?? pkg.migrationsProblem ?? migrateSettings(settings, from, pkg.version, pkg.migrations);
  if (typeof outcome === 'object' && outcome.ok) return outcome.settings;
  const reason = typeof outcome === 'string' ? outcome : outcome.reason;
  events.push({
    type: 'SettingsResetToDefaults',
    message: `Application settings could not be migrated from ${from} to ${pkg.version} (${reason}); they were reset to the defaults`,
    data: { from, to: pkg.version, reason },
  });
  return structuredClone(pkg.defaultSettings);
}
