/** The endpoint side of the `Update` task (docs/design.md 1 "Type Update", seed 000). */
export { runUpdateTask, defaultApplication, installPendingModule } from './run-update.js';
export type { PendingInstallInput, PendingInstallOutcome } from './run-update.js';
export { changeSettings, restartApplication, checkFreshness, SETTINGS_NOT_SAVED_REASON } from './app-control.js';
export type { SettingsChange, RestartResult, FreshnessCheck } from './app-control.js';
export { updateDatabases, readInstalledDatabases, verifyInstalledDatabases, basesSet, DATABASES_COMPONENT } from './databases.js';
export type { InstalledDatabases, DatabasesOptions, DatabasesUpdate } from './databases.js';
export { downloadModules, MODULES_COMPONENT, MODULE_MANIFEST_FILE } from './modules.js';
export type { ModulePackage, ModulesDownload } from './modules.js';
export { installModule } from './install.js';
export type { InstallOutcome } from './install.js';
export { restartAndVerify } from './restart.js';
export type { RestartOutcome } from './restart.js';
export { migrateSettings, parseMigrations } from './migrations.js';
export type { SettingsMigration, MigrationOutcome, Settings } from './migrations.js';
export { freshnessOf, freshnessEvent } from './freshness.js';
export type { FreshnessThresholds } from './freshness.js';
export { licenceStatus, licenceDecision, LICENCE_REQUIRED_REASON } from './licence.js';
export type { LicenceStatus, LicenceDecision } from './licence.js';
export { readDeviceState, writeDeviceState, emptyState } from './device-state.js';
export type { DeviceState, PendingInstall, PendingRestart, RestartRecord } from './device-state.js';
export { recoverSet, prepareStaging, switchSet } from './staged-set.js';
export type { StagedSet } from './staged-set.js';
export { deviceLayout } from './layout.js';
export { saveTaskSettings, loadTaskSettings } from './task-settings.js';
export { normalizeUpdateSettings, UPDATE_DEFAULTS, UPDATE_EVENT_TYPES, FRESHNESS } from './types.js';
export type { UpdateRunInput, UpdateRunResult, UpdateEvent, UpdateEventType, BasesMode, Freshness, NormalizedUpdateSettings } from './types.js';

