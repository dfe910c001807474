/** Manifests: load (dir), parse with positions, validate, normalize (docs/design.md 2 and 5). */
export type { LoadedManifest } from './document.js';
export type * from './types.generated.js';
export { loadConfigDir, loadManifestFiles, listManifestFiles } from './load.js';
export { validateConfigDir, checkLoaded, type ValidationResult } from './validate.js';
export { normalizeManifest, stableStringify } from './normalize.js';
export { buildModel, groupsInScope, ancestorsOf, scopeDevices, scopeDistributionPoints, matchesSelector, downloadTaskDistributionPoints, type ConfigModel, type Placed } from './model.js';
export { resolveSourceRef, resolveSourceName, DISTRIBUTION_POINT_SOURCE, VENDOR_SOURCE } from './source-refs.js';
export { MANIFEST_KINDS, KIND_SCHEMA_FILES, SCHEMA_DIR, readSchemaFile, isManifestKind, type ManifestKind } from './schemas.js';
export { decodeManifest } from './decode.js';
export { MANIFEST_LIMITS } from './limits.js';
export { defaultSources } from './defaults.js';
export { resolveConfigSource } from './git-source.js';
export { isGitUrl } from './git-command.js';
export { headCommit } from './git-source.js';
export { DEFAULT_ERROR_THRESHOLD, DEFAULT_PENDING_TIMEOUT, DEFAULT_SUCCESS_THRESHOLD, pendingTimeoutMs, rolloutWaves, taskRollout, type TaskRollout, type WaveMembers } from './rollout-waves.js';
