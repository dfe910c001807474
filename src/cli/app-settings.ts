/**
 * `updops app-settings` (docs/design.md 1 "Type Update", module install): read or change the
 * settings of the application a device agent supervises, in its update root. Between a module
 * install and the application's restart a change is refused, saying why (seed: "Changes to the
 * application settings made after the update is complete and before the application restarts
 * are not saved"); the value stays the one before.
 */
import { changeSettings, defaultApplication } from '../endpoint/index.js';
import { UpdopsError } from '../errors.js';

export interface AppSettingsOptions {
  root: string;
}

/** `KEY=VALUE`: the value is JSON when it parses (numbers, booleans, objects), else a string; dots in KEY reach nested objects. */
export function parseAssignments(pairs: string[]): [string[], unknown][] {
  return pairs.map((pair) => {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UpdopsError('USAGE', `"${pair}" is not KEY=VALUE`);
    const raw = pair.slice(at + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // a plain string
    }
    return [pair.slice(0, at).split('.'), value];
  });
}

function assign(settings: Record<string, unknown>, keys: string[], value: unknown): void {
  let node = settings;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node[key] = typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] ?? ''] = value;
}

export async function appSettingsShow(options: AppSettingsOptions): Promise<number> {
  const settings = await defaultApplication(options.root).readSettings();
  process.stdout.write(`${JSON.stringify(settings, null, 2)}\n`);
  return 0;
}

export async function appSettingsSet(pairs: string[], options: AppSettingsOptions): Promise<number> {
  const changes = parseAssignments(pairs);
  const app = defaultApplication(options.root);
  const settings = await app.readSettings();
  for (const [keys, value] of changes) assign(settings, keys, value);
  const outcome = await changeSettings({ root: options.root, app, settings });
  if (!outcome.accepted) throw new UpdopsError('APPLICATION', `settings not changed: ${outcome.reason}`);
  process.stdout.write(`settings saved (${changes.map(([keys]) => keys.join('.')).join(', ')})\n`);
  return 0;
}
