/**
 * The application an endpoint's Update task installs modules into (docs/design.md 1 "Type Update",
 * seed 000 "Updating application modules"). The task drives it; the file-based default
 * (`file-app.ts`) is what tests and the demo use, a real product plugs in its own.
 */

export interface ModuleFiles {
  /** Folder holding the module's files. */
  dir: string;
  /** Paths relative to `dir`, `/`-separated. */
  paths: string[];
}

export interface HealthCheckSpec {
  command: string;
  timeoutSeconds?: number | undefined;
}

export interface Application {
  /**
   * Installs a version next to the running one and makes it the version the next (re)start
   * uses; works whether the application is running or stopped (seed: "can be installed
   * regardless of the state of the application"). The application log is carried over to the
   * new version's log (seed: "the application log file [is] migrated to the new version").
   */
  install(version: string, files: ModuleFiles): Promise<void>;
  /** Points the application back at an installed version (rollback). */
  activate(version: string): Promise<void>;
  restart(): Promise<void>;
  /** True when the application works; `check` is the task's `healthCheck` setting when it has one. */
  healthCheck(check?: HealthCheckSpec): Promise<boolean>;
  /** Settings of the version the application currently points at. */
  readSettings(): Promise<Record<string, unknown>>;
  writeSettings(settings: Record<string, unknown>): Promise<void>;
  currentVersion(): Promise<string | undefined>;
  isRunning(): Promise<boolean>;
}
