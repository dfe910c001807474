/**
 * What a DP agent does (seed 001; docs/design.md 1 and 3): sync the task's sources into its
 * repository folder — the manifest's `repository`, a path on the DP — and serve that folder on
 * its address so its group's devices update from it.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { AgentResult, DownloadAssignment, TimestampHeld } from '../protocol/index.js';
import { fallbackReason, inspectRepository, releaseOf, repositoryExpectation, type RepositoryExpectation } from '../repository/index.js';
import type { SyncProgress } from '../repository/index.js';
import { downloadToDistributionPoint } from '../runs/index.js';
import { readFile, writeFile } from 'node:fs/promises';

export async function runDpAssignment(root: string, os: string, name: string, assignment: DownloadAssignment, signal: AbortSignal, onProgress: (p: SyncProgress) => void): Promise<AgentResult> {
  let trustRoot: string | undefined;
  await mkdir(root, { recursive: true });
  if (assignment.trustRootJson) {
    trustRoot = path.join(root, '.trust-root.json');
    await writeFile(trustRoot, assignment.trustRootJson);
  }
  const outcome = await downloadToDistributionPoint({
    dp: { name, os, repository: assignment.repository },
    sources: assignment.sources.map((spec, i) => ({ name: spec.name ?? `source-${i}`, spec, ...(i === 0 && trustRoot ? { trustRoot } : {}) })),
    legacyScheme: assignment.legacyScheme,
    downloadDiffFiles: assignment.downloadDiffFiles,
    ...(assignment.components ? { components: assignment.components } : {}),
    ...(assignment.keepVersions?.length ? { keepVersions: assignment.keepVersions } : {}),
    ...(assignment.bandwidth ? { bandwidth: assignment.bandwidth } : {}),
    ...(assignment.urgent ? { urgent: true } : {}),
    onProgress,
    signal,
  });
  if (outcome.status === 'failed') return { status: 'failed', reason: outcome.reason, files: 0, bytes: 0, durationMs: outcome.durationMs, events: [] };
  const why = fallbackReason(outcome.result);
  return {
    status: 'completed',
    files: outcome.result.files,
    bytes: outcome.result.bytes,
    durationMs: outcome.durationMs,
    events: [],
    repository: await repositoryStatus(assignment.repository, repositoryExpectation(assignment)),
    source: outcome.result.source,
    ...(why ? { fallbackReason: why } : {}),
  };
}

/**
 * Before its first assignment a DP agent knows no task: its folder is read as it is (TUF, else
 * SHA256SUMS). The heartbeat carries version and publication time only, which the task's diff
 * files and components do not change.
 */
export const ANY_TASK: RepositoryExpectation = { legacy: true, diffs: false };

/** `expected`: the task the folder was last synced for (the planner inspects it the same way). */
/** `release`: the release name the folder's targets carry (repository/release.ts), for verify-on-test-devices. */
export async function repositoryStatus(repository: string, expected: RepositoryExpectation): Promise<{ version?: string; published?: string; release?: string }> {
  const seen = await inspectRepository(repository, expected).catch(() => undefined);
  const release = seen?.targets && seen.version !== undefined ? { release: releaseOf(seen.targets, seen.version) } : {};
  return { ...(seen?.version !== undefined ? { version: String(seen.version) } : {}), ...(seen?.published ? { published: seen.published } : {}), ...release };
}

/**
 * The TUF timestamp a mirror folder holds (`metadata/timestamp.json`: version and expiry), as
 * its heartbeat reports it (issue 19): the controller compares it with the sources' own. Read as
 * is — the sync verified it — and undefined when absent or unreadable.
 */
export async function heldTimestamp(folder: string): Promise<TimestampHeld | undefined> {
  const bytes = await readFile(path.join(folder, 'metadata', 'timestamp.json')).catch(() => undefined);
  if (!bytes) return undefined;
  try {
    const signed = (JSON.parse(bytes.toString('utf8')) as { signed?: { version?: unknown; expires?: unknown } }).signed;
    return typeof signed?.version === 'number' && typeof signed.expires === 'string' ? { version: signed.version, expires: signed.expires } : undefined;
  } catch {
    return undefined;
  }
}
