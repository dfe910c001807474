/** The application side of an endpoint (docs/design.md 1 "Type Update", module install). */
export type { Application, HealthCheckSpec, ModuleFiles } from './types.js';
export { FileApplication, type FileApplicationOptions } from './file-app.js';
export { runHealthCommand, type HealthCommandResult } from './health-command.js';
