/**
 * The file-based default application (docs/design.md 1 "Type Update", module install):
 *
 *   APP/versions/<v>/files/…        the module's files
 *   APP/versions/<v>/settings.json  that version's settings
 *   APP/versions/<v>/app.log        that version's log (carried over on install)
 *   APP/current                     the version the next (re)start runs, switched by rename
 *   APP/running                     marker: present while "running", holds the version running
 *
 * Each version keeps its own settings, so a rollback finds the previous settings untouched.
 */
import { DEFAULTS } from '../../defaults.js';
import { randomBytes } from 'node:crypto';
import { appendFile, copyFile, mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { UpdopsError } from '../../errors.js';
import { writeFileAtomic } from '../../util/index.js';
import { exists } from '../fs-util.js';
import { runHealthCommand } from './health-command.js';
import type { Application, HealthCheckSpec, ModuleFiles } from './types.js';

const VERSION_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$/;
const DEFAULT_HEALTH_TIMEOUT_SECONDS = DEFAULTS.update.healthCheckTimeoutSeconds;

export interface FileApplicationOptions {
  /** The application folder (the Update task's default: ROOT/app). */
  dir: string;
  /** Used when the task passes no `healthCheck` setting. */
  healthCheck?: HealthCheckSpec;
}

export class FileApplication implements Application {
  readonly dir: string;
  private readonly check: HealthCheckSpec | undefined;

  constructor(options: FileApplicationOptions) {
    this.dir = options.dir;
    this.check = options.healthCheck;
  }

  versionDir(version: string): string {
    if (!VERSION_NAME.test(version) || version.includes('..')) {
      throw new UpdopsError('APPLICATION', `"${version}" cannot be used as an application version folder name`);
    }
    return path.join(this.dir, 'versions', version);
  }

  async currentVersion(): Promise<string | undefined> {
    const text = await readFile(path.join(this.dir, 'current'), 'utf8').catch(() => undefined);
    return text?.trim() || undefined;
  }

  async runningVersion(): Promise<string | undefined> {
    const text = await readFile(path.join(this.dir, 'running'), 'utf8').catch(() => undefined);
    return text?.trim() || undefined;
  }

  async isRunning(): Promise<boolean> {
    return exists(path.join(this.dir, 'running'));
  }

  async install(version: string, files: ModuleFiles): Promise<void> {
    const target = this.versionDir(version);
    const previous = await this.currentVersion();
    const temp = path.join(this.dir, 'versions', `.tmp-${version}-${randomBytes(3).toString('hex')}`);
    try {
      for (const rel of files.paths) {
        const dest = path.join(temp, 'files', ...rel.split('/'));
        await mkdir(path.dirname(dest), { recursive: true });
        await copyFile(path.join(files.dir, ...rel.split('/')), dest);
      }
      await mkdir(temp, { recursive: true });
      await this.carryOver(previous, temp, version);
      await this.replaceVersionDir(target, temp);
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
    await writeFileAtomic(path.join(this.dir, 'current'), `${version}\n`);
  }

  /** Seed: "application settings and the application log file are migrated to the new version"; the task then writes the migrated settings. */
  private async carryOver(previous: string | undefined, temp: string, version: string): Promise<void> {
    const from = previous && previous !== version ? this.versionDir(previous) : undefined;
    const log = path.join(temp, 'app.log');
    if (from && (await exists(path.join(from, 'app.log')))) await copyFile(path.join(from, 'app.log'), log);
    if (from && (await exists(path.join(from, 'settings.json')))) await copyFile(path.join(from, 'settings.json'), path.join(temp, 'settings.json'));
    await appendFile(log, `${new Date().toISOString()} installed ${version}${from ? ` (log carried over from ${previous})` : ''}\n`);
  }

  private async replaceVersionDir(target: string, temp: string): Promise<void> {
    if (await exists(target)) {
      const old = `${target}.old-${randomBytes(3).toString('hex')}`;
      await rename(target, old);
      await rename(temp, target);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(temp, target);
    }
  }

  async activate(version: string): Promise<void> {
    if (!(await exists(this.versionDir(version)))) throw new UpdopsError('APPLICATION', `version ${version} is not installed`);
    await writeFileAtomic(path.join(this.dir, 'current'), `${version}\n`);
  }

  async start(): Promise<void> {
    const version = await this.currentVersion();
    if (!version) throw new UpdopsError('APPLICATION', 'no application version is installed');
    await this.log(`started ${version}`);
    await writeFileAtomic(path.join(this.dir, 'running'), `${version}\n`);
  }

  async stop(): Promise<void> {
    await rm(path.join(this.dir, 'running'), { force: true });
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async healthCheck(check?: HealthCheckSpec): Promise<boolean> {
    const version = await this.currentVersion();
    if (!version || (await this.runningVersion()) !== version) return false;
    const spec = check ?? this.check;
    if (!spec) return true;
    const result = await runHealthCommand(spec.command, spec.timeoutSeconds ?? DEFAULT_HEALTH_TIMEOUT_SECONDS, {
      cwd: this.versionDir(version),
      env: { UPDOPS_APP_DIR: this.dir, UPDOPS_APP_VERSION: version },
    });
    await this.log(`health check ${result.healthy ? 'passed' : result.timedOut ? 'timed out' : `failed (exit ${String(result.exitCode)})`}`);
    return result.healthy;
  }

  async readSettings(): Promise<Record<string, unknown>> {
    const version = await this.currentVersion();
    if (!version) return {};
    const file = path.join(this.versionDir(version), 'settings.json');
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) return {};
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new UpdopsError('APPLICATION', `${file} does not hold a JSON object`);
    }
    return parsed as Record<string, unknown>;
  }

  async writeSettings(settings: Record<string, unknown>): Promise<void> {
    const version = await this.currentVersion();
    if (!version) throw new UpdopsError('APPLICATION', 'no application version is installed');
    await writeFileAtomic(path.join(this.versionDir(version), 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  }

  /** One line in the current version's log. */
  async log(line: string): Promise<void> {
    const version = await this.currentVersion();
    if (!version) return;
    const dir = this.versionDir(version);
    await mkdir(dir, { recursive: true });
    await appendFile(path.join(dir, 'app.log'), `${new Date().toISOString()} ${line}\n`);
  }
}
