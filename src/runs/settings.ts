/**
 * A download task's settings as one run uses them, resolved once: the recorded spec is
 * normalized, so its defaults are the schema's; `defaultSources` covers specs recorded before a
 * default existed. One place, so apply, schedules and manual starts sync the same sources.
 */
import { defaultSources } from '../manifests/index.js';
import type { RecordedConfig, RecordedTask, StateStore } from '../state/index.js';
import { taskSources } from '../sources/index.js';
import { pinsByDistributionPoint } from './pins.js';
import { verifyingTasks } from './verifications.js';
import type { DownloadSettings } from './types.js';

export function downloadSettings(task: RecordedTask, config: RecordedConfig, configDir: string, env?: NodeJS.ProcessEnv): DownloadSettings | undefined {
  if (task.spec.type !== 'DownloadUpdatesToDistributionPoints') return undefined;
  const settings = task.spec.settings;
  return {
    sources: taskSources(config.model, settings?.sources ?? defaultSources(task.spec.type), task.spec.type, configDir, env),
    legacyScheme: settings?.legacyScheme ?? false,
    downloadDiffFiles: settings?.downloadDiffFiles ?? false,
    ...(settings?.components?.length ? { components: [...settings.components] } : {}),
    ...(settings?.bandwidth ? { bandwidth: settings.bandwidth } : {}),
    ...(settings?.urgent ? { urgent: true } : {}),
    ...pinned(config),
  };
}

function pinned(config: RecordedConfig): Pick<DownloadSettings, 'pinnedByDp'> {
  const byDp = pinsByDistributionPoint(config.model);
  return byDp.size > 0 ? { pinnedByDp: byDp } : {};
}

/**
 * A verifying download task's DPs keep the release its test devices verified beside the newest
 * (docs/architecture.md "Verify on test devices"): the other devices take that one from them.
 */
export async function keepVerified(settings: DownloadSettings | undefined, task: RecordedTask, config: RecordedConfig, store: Pick<StateStore, 'getVerification'>): Promise<DownloadSettings | undefined> {
  const verifying = settings && verifyingTasks(config.model).find((v) => v.task === task.name);
  const approved = verifying && (await store.getVerification(task.name))?.approved?.version;
  if (!settings || !verifying || !approved) return settings;
  const byDp = new Map(settings.pinnedByDp ?? []);
  for (const dp of verifying.distributionPoints) byDp.set(dp, [...new Set([...(byDp.get(dp) ?? []), approved])].sort());
  return { ...settings, pinnedByDp: byDp };
}
