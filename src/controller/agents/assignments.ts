/**
 * Assignments built by the controller for one target (docs/design.md 4 `updops agent`): sources are
 * resolved here, with credentials from secretRefs, and travel only over the authenticated agent
 * channel; the trust root goes as text because its file is on the controller's machine.
 */
import { readFile } from 'node:fs/promises';
import { defaultSources } from '../../manifests/index.js';
import type { UpdateTaskSpec } from '../../manifests/index.js';
import { resolveDeviceSources } from '../../sources/index.js';
import type { DownloadSettings, ResolvedSource, RunScope } from '../../runs/index.js';
import type { DownloadAssignment, UpdateAssignment } from '../../protocol/index.js';

async function trustRootText(sources: readonly ResolvedSource[]): Promise<string | undefined> {
  const file = sources.find((s) => s.trustRoot !== undefined)?.trustRoot;
  return file ? readFile(file, 'utf8') : undefined;
}

/** Seed 000: "vendor, the device's DP / administration server, or custom sources, in order, with fallback". */
/** `unlicensedUpdates`: the device's count as the controller keeps it (device_licence), when it has one. */
/** `version`: the version the device gets (its ring's pin or a rollout's, controller/rollouts.ts `pinnedVersion`); absent: the newest. */
export async function updateAssignment(scope: RunScope, device: string, unlicensedUpdates?: number, version?: string): Promise<UpdateAssignment> {
  const { spec } = scope.task;
  const settings: UpdateTaskSpec['settings'] = (spec.type === 'Update' ? spec.settings : undefined) ?? {};
  const refs = settings.sources ?? defaultSources('Update');
  const { sources, problems } = resolveDeviceSources(scope.config.model, device, refs, scope.configDir, scope.env);
  const license = scope.config.model.devices.get(device)?.item.license;
  const trustRootJson = await trustRootText(sources);
  return {
    kind: 'update',
    runId: scope.runId,
    task: scope.task.name,
    device: { name: device, ...(license ? { license } : {}), ...(unlicensedUpdates !== undefined ? { unlicensedUpdates } : {}) },
    sources: sources.map((s) => s.spec),
    settings,
    ...(version ? { version } : {}),
    ...(trustRootJson ? { trustRootJson } : {}),
    problems,
  };
}

/** `dp`: the DP's name, for the versions its pinned devices need kept (rings and pinning). */
export async function downloadAssignment(scope: RunScope, repository: string, download: DownloadSettings, dp?: string): Promise<DownloadAssignment> {
  const trustRootJson = await trustRootText(download.sources);
  const keepVersions = dp === undefined ? undefined : download.pinnedByDp?.get(dp);
  return {
    kind: 'download',
    runId: scope.runId,
    task: scope.task.name,
    repository,
    sources: download.sources.map((s) => s.spec),
    legacyScheme: download.legacyScheme,
    downloadDiffFiles: download.downloadDiffFiles,
    ...(download.components ? { components: download.components } : {}),
    ...(keepVersions?.length ? { keepVersions } : {}),
    ...(download.bandwidth ? { bandwidth: download.bandwidth } : {}),
    ...(download.urgent ? { urgent: true } : {}),
    ...(trustRootJson ? { trustRootJson } : {}),
  };
}
