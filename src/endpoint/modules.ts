/**
 * Application modules (docs/design.md 1 "Type Update"; seed: "In addition to application databases,
 * you can also update the application itself."). The `modules` component is mirrored under
 * `ROOT/.modules` (TUF, verified like the databases), then one application's files are placed in
 * `ROOT/modules-downloads/<version>/` by temp folder + rename. Installing is `install.ts`.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { UpdopsError } from '../errors.js';
import { readLocalRepository } from '../repository/index.js';
import type { LocalTarget } from '../repository/index.js';
import { syncRepository } from '../repository/index.js';
import type { SyncResult } from '../repository/index.js';
import type { ModuleFiles } from './app/types.js';
import { capOptions, type DatabasesOptions } from './databases.js';
import { exists } from './fs-util.js';
import { deviceLayout } from './layout.js';
import { parseMigrations } from './migrations.js';
import type { SettingsMigration } from './migrations.js';

export const MODULES_COMPONENT = 'modules';
/** A module's own description (migrations, default settings) when its targets carry no `custom` for them. */
export const MODULE_MANIFEST_FILE = 'module.json';

export interface ModulePackage {
  application: string;
  version: string;
  files: ModuleFiles;
  migrations: SettingsMigration[];
  /** A malformed migration list: installing resets the settings to defaults. */
  migrationsProblem?: string;
  defaultSettings: Record<string, unknown>;
}

export interface ModulesDownload {
  sync: SyncResult;
  module: ModulePackage | undefined;
}

export async function downloadModules(root: string, options: DatabasesOptions & { application?: string | undefined }): Promise<ModulesDownload> {
  const layout = deviceLayout(root);
  const sync = await syncRepository(
    {
      sources: options.sources,
      dest: layout.modulesMirror,
      components: [MODULES_COMPONENT],
      diffs: options.diffs,
      ...(options.trustRoot ? { trustRoot: options.trustRoot } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.pin !== undefined ? { pin: options.pin } : {}),
      ...capOptions(options),
    },
    options.signal,
  );
  return { sync, module: await moduleFromMirror(root, options.application) };
}

/**
 * The module the device's verified modules mirror holds (undefined: none), placed in
 * ROOT/modules-downloads/<version>/: what a run just downloaded, or what a maintenance window
 * installs later without going back to the network.
 */
export async function moduleFromMirror(root: string, wanted?: string): Promise<ModulePackage | undefined> {
  const layout = deviceLayout(root);
  const repo = await readLocalRepository(layout.modulesMirror);
  const targets = [...(repo?.targets ?? [])].filter(([name]) => name.split('/')[0] === MODULES_COMPONENT && name.split('/').length >= 3);
  const application = pickApplication(targets, wanted);
  if (!application) return undefined;
  const own = targets.filter(([name]) => name.split('/')[1] === application);
  const version = moduleVersion(own, repo?.version ?? 0);
  const dir = path.join(layout.moduleDownloads, version);
  const paths = own.map(([name]) => name.split('/').slice(2).join('/'));
  if (!(await exists(dir))) await placeFiles(layout.modulesMirror, own, dir);
  return { application, version, files: { dir, paths }, ...(await describeModule(own, dir)) };
}

function pickApplication(targets: [string, LocalTarget][], wanted: string | undefined): string | undefined {
  const apps = [...new Set(targets.map(([name]) => name.split('/')[1] ?? ''))];
  if (wanted !== undefined) return apps.includes(wanted) ? wanted : undefined;
  if (apps.length > 1) {
    throw new UpdopsError('APPLICATION', `the source has modules of several applications (${apps.join(', ')}); say which one this device runs`);
  }
  return apps[0];
}

function moduleVersion(targets: [string, LocalTarget][], repoVersion: number): string {
  const declared = targets.map(([, t]) => t.custom.version).find((v): v is string => typeof v === 'string');
  return declared ?? String(repoVersion);
}

/** Links (or copies) the verified target files into a temp folder, then renames it into place. */
async function placeFiles(mirror: string, targets: [string, LocalTarget][], dir: string): Promise<void> {
  const temp = `${dir}.tmp-${randomBytes(3).toString('hex')}`;
  try {
    for (const [name, target] of targets) {
      const parts = name.split('/');
      const src = path.join(mirror, 'targets', ...parts.slice(0, -1), `${target.sha256}.${parts[parts.length - 1] ?? ''}`);
      const dest = path.join(temp, ...parts.slice(2));
      await mkdir(path.dirname(dest), { recursive: true });
      await link(src, dest).catch(() => copyFile(src, dest));
    }
    await mkdir(temp, { recursive: true });
    await rename(temp, dir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Migrations and default settings, from the signed metadata: a target's `custom.migrations` /
 * `custom.defaultSettings`, else the module's `module.json` (a target, so its hash is signed).
 */
async function describeModule(targets: [string, LocalTarget][], dir: string): Promise<Pick<ModulePackage, 'migrations' | 'migrationsProblem' | 'defaultSettings'>> {
  let declared: { migrations?: unknown; defaultSettings?: unknown } | undefined = targets
    .map(([, t]) => t.custom)
    .find((c) => c.migrations !== undefined || c.defaultSettings !== undefined);
  if (!declared && targets.some(([name]) => name.split('/').slice(2).join('/') === MODULE_MANIFEST_FILE)) {
    try {
      declared = JSON.parse(await readFile(path.join(dir, MODULE_MANIFEST_FILE), 'utf8')) as typeof declared;
    } catch (error) {
      return { migrations: [], migrationsProblem: `${MODULE_MANIFEST_FILE} is not valid JSON (${(error as Error).message})`, defaultSettings: {} };
    }
  }
  const parsed = parseMigrations(declared?.migrations);
  const defaults = declared?.defaultSettings;
  const defaultSettings = typeof defaults === 'object' && defaults !== null && !Array.isArray(defaults) ? (defaults as Record<string, unknown>) : {};
  return parsed.ok ? { migrations: parsed.migrations, defaultSettings } : { migrations: [], migrationsProblem: parsed.reason, defaultSettings };
}
