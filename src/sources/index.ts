/**
 * Update sources resolved for the sync engine (docs/design.md 1 "Update sources"): a task's or a
 * device's source names become URLs, proxies, timeouts and credentials from `secretRef`.
 * Shared by the planner's probes, runs and the agents' assignments.
 */
export { sourceSpecOf, taskSources, type ResolvedSource } from './resolve.js';
export { deviceDistributionPoints, resolveDeviceSources, type DeviceSources } from './device-sources.js';
export { openSourceTransport, readSourceTimestamp, TIMESTAMP_PATH, type SourceTransport } from './timestamp.js';
export { readSourceTargets } from './targets.js';
