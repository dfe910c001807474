/**
 * Declarative settings migrations shipped in a module's signed metadata (docs/repository-format.md
 * "Application modules: settings migrations"). Seed: "During the update, application settings
 * … are migrated to the new version of the application. If the transfer of application
 * settings fails for any reason, the application is set to the default values."
 * Pure: settings in, settings (or a failure reason) out.
 */

export type Settings = Record<string, unknown>;

/** The object's values when every one is a string, else null. */
function stringValues(value: Record<string, unknown>): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') return null;
    out[k] = v;
  }
  return out;
}

export interface SettingsMigration {
  from: string;
  to: string;
  /** Old key path → new key path (`a.b` reaches into nested objects). The old key must exist; the new one must not. */
  rename?: Record<string, string>;
  /** Key path → value, applied after `rename`. */
  set?: Record<string, unknown>;
  /** Key paths removed last; a missing key is fine. */
  remove?: string[];
}

export type MigrationOutcome = { ok: true; settings: Settings; applied: string[] } | { ok: false; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const STEP_KEYS = new Set(['from', 'to', 'rename', 'set', 'remove']);

/** Checks the declared list; any malformed step makes the whole migration fail (and settings reset). */
export function parseMigrations(value: unknown): { ok: true; migrations: SettingsMigration[] } | { ok: false; reason: string } {
  if (value === undefined) return { ok: true, migrations: [] };
  if (!Array.isArray(value)) return { ok: false, reason: 'migrations must be a list' };
  const out: SettingsMigration[] = [];
  for (const [i, step] of value.entries()) {
    const bad = (why: string) => ({ ok: false as const, reason: `migration ${i + 1}: ${why}` });
    if (!isObject(step)) return bad('must be an object');
    const unknown = Object.keys(step).find((k) => !STEP_KEYS.has(k));
    if (unknown) return bad(`unknown field "${unknown}"`);
    if (typeof step.from !== 'string' || typeof step.to !== 'string') return bad('"from" and "to" must be version strings');
    const { from, to, rename, set, remove } = step;
    const renames = rename === undefined ? undefined : isObject(rename) ? stringValues(rename) : null;
    if (renames === null) return bad('"rename" must map key paths to key paths');
    if (set !== undefined && !isObject(set)) return bad('"set" must be an object');
    const removes = remove === undefined ? undefined : Array.isArray(remove) && remove.every((v): v is string => typeof v === 'string') ? remove : null;
    if (removes === null) return bad('"remove" must be a list of key paths');
    out.push({ from, to, ...(renames ? { rename: renames } : {}), ...(set !== undefined ? { set } : {}), ...(removes ? { remove: removes } : {}) });
  }
  return { ok: true, migrations: out };
}

/**
 * Follows the chain of steps from `fromVersion` to `toVersion`, in order. No step starting at
 * `fromVersion`: the settings carry over unchanged. A chain that does not reach `toVersion`,
 * or a step that cannot apply, is a failure.
 */
export function migrateSettings(settings: unknown, fromVersion: string | undefined, toVersion: string, migrations: SettingsMigration[]): MigrationOutcome {
  if (!isObject(settings)) return { ok: false, reason: 'the current settings are not a JSON object' };
  let current = structuredClone(settings);
  let version = fromVersion;
  const applied: string[] = [];
  if (version === undefined || version === toVersion) return { ok: true, settings: current, applied };
  for (let guard = 0; guard <= migrations.length && version !== toVersion; guard++) {
    const step = migrations.find((m) => m.from === version);
    if (!step) {
      if (applied.length === 0) return { ok: true, settings: current, applied };
      return { ok: false, reason: `no migration from ${version ?? '?'} on the way to ${toVersion}` };
    }
    const result = applyStep(current, step);
    if (typeof result === 'string') return { ok: false, reason: `migration ${step.from} → ${step.to}: ${result}` };
    current = result;
    applied.push(`${step.from} → ${step.to}`);
    version = step.to;
  }
  return version === toVersion ? { ok: true, settings: current, applied } : { ok: false, reason: `the migrations do not lead to ${toVersion}` };
}

function applyStep(settings: Settings, step: SettingsMigration): Settings | string {
  const next = structuredClone(settings);
  for (const [from, to] of Object.entries(step.rename ?? {})) {
    const value = getPath(next, from);
    if (value === undefined) return `setting "${from}" to rename does not exist`;
    if (getPath(next, to) !== undefined) return `setting "${to}" already exists`;
    removePath(next, from);
    if (!setPath(next, to, value)) return `cannot write "${to}"`;
  }
  for (const [key, value] of Object.entries(step.set ?? {})) {
    if (!setPath(next, key, structuredClone(value))) return `cannot write "${key}"`;
  }
  for (const key of step.remove ?? []) removePath(next, key);
  return next;
}

function getPath(obj: Settings, keyPath: string): unknown {
  let cur: unknown = obj;
  for (const part of keyPath.split('.')) {
    if (!isObject(cur) || !Object.hasOwn(cur, part)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function setPath(obj: Settings, keyPath: string, value: unknown): boolean {
  const parts = keyPath.split('.');
  const last = parts.pop();
  if (last === undefined || parts.concat(last).some((p) => p === '' || p === '__proto__')) return false;
  let cur: Settings = obj;
  for (const part of parts) {
    const child = cur[part];
    if (child === undefined) cur[part] = {};
    else if (!isObject(child)) return false;
    cur = cur[part] as Settings;
  }
  cur[last] = value;
  return true;
}

function removePath(obj: Settings, keyPath: string): void {
  const parts = keyPath.split('.');
  const last = parts.pop();
  let cur: unknown = obj;
  for (const part of parts) cur = isObject(cur) ? cur[part] : undefined;
  if (isObject(cur) && last !== undefined) delete cur[last];
}
