/**
 * The last assignment's Update task settings, kept in the device folder (`ROOT/task-settings.json`,
 * written atomically): freshness thresholds and the health check must outlive an agent restart,
 * or the first heartbeat after it judges freshness by the defaults (3/7 days) and reports a false
 * `BasesAreTotallyOutOfDate` for a device whose task says 20.
 */
import { readFile } from 'node:fs/promises';
import type { UpdateTaskSettings } from '../manifests/index.js';
import { writeFileAtomic } from '../util/index.js';
import { deviceLayout } from './layout.js';

interface SavedSettings {
  formatVersion: 1;
  task: string;
  settings: UpdateTaskSettings;
}

export async function saveTaskSettings(root: string, task: string, settings: UpdateTaskSettings): Promise<void> {
  const saved: SavedSettings = { formatVersion: 1, task, settings };
  await writeFileAtomic(deviceLayout(root).taskSettings, `${JSON.stringify(saved, null, 2)}\n`);
}

/** Undefined when nothing was saved yet or the file is unreadable (then the defaults apply, as before any assignment). */
export async function loadTaskSettings(root: string): Promise<UpdateTaskSettings | undefined> {
  try {
    const parsed = JSON.parse(await readFile(deviceLayout(root).taskSettings, 'utf8')) as Partial<SavedSettings>;
    return typeof parsed.settings === 'object' && parsed.settings !== null ? parsed.settings : undefined;
  } catch {
    return undefined;
  }
}
