/**
 * What a `DownloadUpdatesToDistributionPoints` run does on one DP (docs/design.md 1, seed 001):
 * sync the task's sources into the DP's repository folder. Only Windows DPs can run it; any
 * other OS fails with the seed's reason, which makes the whole run Failed.
 */
import { isUpdopsError } from '../errors.js';
import { syncRepository, type BandwidthLimit, type SyncProgress, type SyncResult } from '../repository/index.js';
import type { ResolvedSource } from '../sources/index.js';

export const NON_WINDOWS_REASON =
  'the Download updates to the repositories of distribution points task works only on distribution points running Windows';

export interface DpDownloadInput {
  dp: { name: string; os: string; repository: string };
  sources: ResolvedSource[];
  legacyScheme: boolean;
  downloadDiffFiles: boolean;
  /** Only these components (`databases`, `modules`, …); absent: all (docs/design.md 1, `components`). */
  components?: string[];
  /** Versions pinned by the devices this DP serves (rings and pinning): kept beside the current one. */
  keepVersions?: string[];
  /** The cap on this DP's link (the task's `bandwidth`). */
  bandwidth?: BandwidthLimit;
  /** Ignore every cap, the task's and the sources' (`urgent`). */
  urgent?: boolean;
  concurrency?: number;
  onProgress?: (progress: SyncProgress) => void;
  signal?: AbortSignal;
  /** Where the proxy variables come from (HTTP_PROXY, …); default this process's. */
  env?: NodeJS.ProcessEnv;
}

export type DpDownloadOutcome =
  | { status: 'completed'; result: SyncResult; durationMs: number }
  | { status: 'failed'; reason: string; code?: string; durationMs: number };

export async function downloadToDistributionPoint(input: DpDownloadInput): Promise<DpDownloadOutcome> {
  const started = Date.now();
  if (input.dp.os !== 'windows') return { status: 'failed', reason: `${NON_WINDOWS_REASON}; ${input.dp.name} runs ${input.dp.os}`, durationMs: 0 };
  if (input.sources.length === 0) return { status: 'failed', reason: 'the task has no usable update source', durationMs: 0 };
  try {
    const trustRoot = input.sources.find((s) => s.trustRoot !== undefined)?.trustRoot;
    const result = await syncRepository(
      {
        sources: input.sources.map((s) => s.spec),
        dest: input.dp.repository,
        legacy: input.legacyScheme,
        diffs: input.downloadDiffFiles,
        ...(trustRoot ? { trustRoot } : {}),
        ...(input.components?.length ? { components: input.components } : {}),
        ...(input.keepVersions?.length ? { keepVersions: input.keepVersions } : {}),
        ...(input.bandwidth ? { bandwidth: input.bandwidth } : {}),
        ...(input.urgent ? { urgent: true } : {}),
        ...(input.concurrency ? { concurrency: input.concurrency } : {}),
        ...(input.onProgress ? { onProgress: input.onProgress } : {}),
        ...(input.env ? { env: input.env } : {}),
      },
      input.signal,
    );
    return { status: 'completed', result, durationMs: Date.now() - started };
  } catch (error) {
    const reason = isUpdopsError(error) ? error.message : error instanceof Error ? error.message : String(error);
    return { status: 'failed', reason, ...(isUpdopsError(error) ? { code: error.code } : {}), durationMs: Date.now() - started };
  }
}
