/**
 * Observed state (docs/design.md 2, "Actual state"): for every Windows DP a download task runs on,
 * what its repository folder holds of what its task asks for (version, files missing or corrupt:
 * repository/inspect.ts, with the sync's own selection) and whether its first reachable source
 * has something newer. The I/O edge of planning: one small request per source (its timestamp),
 * stat calls per DP file.
 */
import { isUpdopsError, UpdopsError } from '../errors.js';
import { sourceFix } from './source-fix.js';
import { downloadTaskDistributionPoints, normalizeManifest, resolveSourceRef, type ConfigModel } from '../manifests/index.js';
import pLimit from 'p-limit';
import { inspectRepository, projectTransfer, repositoryExpectation, sha256, type MetadataMemo, type ProjectedTarget, type RepositoryExpectation } from '../repository/index.js';
import { readCapped, SYNC_DEFAULTS } from '../repository/index.js';
import { openSourceTransport, readSourceTargets, readSourceTimestamp, sourceSpecOf, TIMESTAMP_PATH, type ResolvedSource } from '../sources/index.js';
import type { RepositoryStatus, SourceProbe } from './observation.js';

export interface ObserveOptions {
  model: ConfigModel;
  configDir: string;
  env?: NodeJS.ProcessEnv;
  /** Skip network probes (plan --offline, tests of the pure parts). */
  offline?: boolean;
}

const LEGACY_SUMS = 'SHA256SUMS';
/** DP folders inspected at once: the work is small reads and stats, so latency, not CPU, is what overlaps. */
const INSPECT_CONCURRENCY = 16;

/**
 * What the source offers, read as the sync reads it (repository/sync/source.ts): its timestamp
 * first — an old-scheme task against a source with both schemes syncs TUF, so that is what its
 * DPs hold — and SHA256SUMS only for an old-scheme task when the source has no timestamp. One
 * request, two for an old-scheme-only source.
 */
async function probe(source: ResolvedSource, legacy: boolean, env: NodeJS.ProcessEnv | undefined): Promise<SourceProbe> {
  const { spec } = source;
  const unusable = (error: UpdopsError): SourceProbe => {
    const fix = sourceFix(error, { name: source.name, hasCredentials: Boolean(spec.credentials), hasProxy: Boolean(spec.proxy), hasProxyCredentials: Boolean(spec.proxy && new URL(spec.proxy).username), timeoutSeconds: spec.timeoutSeconds ?? SYNC_DEFAULTS.timeoutSeconds });
    return { name: source.name, reachable: false, code: error.code, error: error.message, ...(fix ? { fix } : {}) };
  };
  // The sync's own transport and options, so the probe goes through the same proxy (or none).
  const transport = openSourceTransport(spec, env);
  try {
    const timestamp = await readSourceTimestamp(transport, source.name);
    if (timestamp) {
      const { bytes, version } = timestamp;
      return version === undefined ? { name: source.name, reachable: true, fingerprint: sha256(bytes) } : { name: source.name, reachable: true, fingerprint: sha256(bytes), version };
    }
    const sums = await transport.get(LEGACY_SUMS);
    if (sums.status !== 'ok') return unusable(new UpdopsError('SOURCE_NOT_FOUND', `neither ${TIMESTAMP_PATH} nor ${LEGACY_SUMS} found`));
    if (!legacy) {
      sums.body.resume();
      return unusable(new UpdopsError('LEGACY_SCHEME_REQUIRED', `it offers only the old scheme (${LEGACY_SUMS}, no signed ${TIMESTAMP_PATH})`));
    }
    const bytes = await readCapped(sums.body, SYNC_DEFAULTS.metadataMaxBytes, `${source.name}: ${LEGACY_SUMS}`);
    return { name: source.name, reachable: true, fingerprint: sha256(bytes) };
  } catch (error) {
    return isUpdopsError(error) ? unusable(error) : { name: source.name, reachable: false, error: (error as Error).message };
  } finally {
    await transport.close().catch(() => undefined);
  }
}

export async function observeRepositories(options: ObserveOptions): Promise<RepositoryStatus[]> {
  const { model } = options;
  const probes = new Map<string, Promise<SourceProbe>>();
  const memo: MetadataMemo = new Map();
  const targetLists = new Map<string, Promise<Map<string, ProjectedTarget> | undefined>>();
  const limit = pLimit(INSPECT_CONCURRENCY);
  const pending: Promise<RepositoryStatus>[] = [];
  for (const [taskName, loaded] of model.tasks) {
    const normalized = normalizeManifest(loaded.manifest);
    if (normalized.spec.type !== 'DownloadUpdatesToDistributionPoints') continue;
    const spec = normalized.spec;
    const sources = spec.settings?.sources ?? [];
    // What each DP of this task should hold: the same selection its sync makes (repository/inspect.ts).
    const expected = repositoryExpectation(spec.settings);
    const legacy = expected.legacy;
    const sourceProbes = options.offline ? Promise.resolve([]) : Promise.all(sources.map((ref) => probeRef(ref, legacy)));
    for (const dp of downloadTaskDistributionPoints(model, taskName, spec.scope)) {
      if (dp.item.os !== 'windows') continue; // cannot run the task; validation warns (seed)
      const { name, repository } = dp.item;
      pending.push(
        (async () => {
          const [{ targets: held, ...inspected }, probes] = await Promise.all([limit(() => inspectRepository(repository, expected, memo)), sourceProbes]);
          const reachable = probes.find((p) => p.reachable);
          const transfer = reachable?.version !== undefined && reachable.fingerprint !== inspected.fingerprint ? await projection(reachable.name, held, inspected, expected) : undefined;
          return { dp: name, task: taskName, repository, manual: (spec.schedule?.kind ?? 'manual') === 'manual', sources: [...sources], ...inspected, ...(transfer ? { transfer } : {}), ...(reachable ? { probe: reachable } : {}), unreachable: probes.filter((p) => !p.reachable) };
        })(),
      );
    }
  }
  // In task and DP order, whatever order the inspections finish in.
  const statuses = await Promise.all(pending);
  return statuses;

  /** The DP's next sync from `ref` in files and bytes; what the DP lists but lacks (missing, corrupt) counts as not held. */
  async function projection(ref: string, held: ReadonlyMap<string, { length: number; sha256: string }> | undefined, inspected: { missing: string[]; corrupt: string[] }, expected: RepositoryExpectation): Promise<RepositoryStatus['transfer']> {
    const next = await sourceTargets(ref);
    if (!next) return undefined;
    const lacking = new Set([...inspected.missing, ...inspected.corrupt]);
    const have = new Map([...(held ?? [])].filter(([name]) => !lacking.has(name)));
    return { source: ref, ...projectTransfer(next, have, expected) };
  }

  /** The source's current targets, read once per plan and only when some DP is behind it. */
  function sourceTargets(ref: string): Promise<Map<string, ProjectedTarget> | undefined> {
    let pending = targetLists.get(ref);
    if (!pending) {
      pending = (async () => {
        const resolved = resolveSourceRef(model, ref, 'DownloadUpdatesToDistributionPoints');
        if (resolved.kind !== 'source') return undefined;
        const transport = openSourceTransport(sourceSpecOf(ref, resolved.source.manifest, options.configDir, options.env).spec, options.env);
        try {
          const timestamp = await readSourceTimestamp(transport, ref);
          return timestamp ? await readSourceTargets(transport, ref, timestamp.bytes) : undefined;
        } finally {
          await transport.close().catch(() => undefined);
        }
      })().catch(() => undefined); // an estimate: a source that fails here was reachable a moment ago, and its probe says the rest
      targetLists.set(ref, pending);
    }
    return pending;
  }

  function probeRef(ref: string, legacy: boolean): Promise<SourceProbe> {
    const cacheKey = `${ref}\u0000${legacy}`;
    let pending = probes.get(cacheKey);
    if (!pending) {
      pending = (async () => {
        const resolved = resolveSourceRef(model, ref, 'DownloadUpdatesToDistributionPoints');
        if (resolved.kind !== 'source') return { name: ref, reachable: false, error: 'not an update source' };
        try {
          return await probe(sourceSpecOf(ref, resolved.source.manifest, options.configDir, options.env), legacy, options.env);
        } catch (error) {
          if (!isUpdopsError(error)) return { name: ref, reachable: false, error: String(error) };
          const fix = sourceFix(error, { name: ref, hasCredentials: false, hasProxy: false, hasProxyCredentials: false, timeoutSeconds: SYNC_DEFAULTS.timeoutSeconds });
          return { name: ref, reachable: false, code: error.code, error: error.message, ...(fix ? { fix } : {}) };
        }
      })();
      probes.set(cacheKey, pending);
    }
    return pending;
  }
}
