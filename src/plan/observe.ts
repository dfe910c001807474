/**
 * Observed state (DESIGN.md 2, "Actual state"): for every Windows DP a download task runs on,
 * what its repository folder holds (version, files missing or corrupt against its own metadata)
 * and whether its first reachable source has something newer. The I/O edge of planning: one
 * small request per source (its timestamp), stat calls per DP file.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isUpdopsError } from '../errors.js';
import { downloadTaskDistributionPoints, normalizeManifest, resolveSourceRef, type ConfigModel } from '../manifests/index.js';
import pLimit from 'p-limit';
import { readLocalRepository, targetFileRelPath, type LocalRepository } from '../repository/publish/local-repository.js';
import { openTransport } from '../repository/transport/index.js';
import { sourceSpecOf, type ResolvedSource } from '../tasks/sources.js';
import type { RepositoryStatus, SourceProbe } from './observation.js';

export interface ObserveOptions {
  model: ConfigModel;
  configDir: string;
  env?: NodeJS.ProcessEnv;
  /** Skip network probes (plan --offline, tests of the pure parts). */
  offline?: boolean;
}

const TIMESTAMP = 'metadata/timestamp.json';
const LEGACY_SUMS = 'SHA256SUMS';
/** DP folders inspected at once: the work is small reads and stats, so latency, not CPU, is what overlaps. */
const INSPECT_CONCURRENCY = 16;

/**
 * Verified metadata shared by byte-identical repositories within one observation. DPs at the
 * same version hold the same signed files (DESIGN.md 3: metadata is copied as signed), and
 * verification is a pure function of those bytes, so a fleet of thousands of DPs costs one
 * signature check per distinct version instead of one per DP.
 */
export type MetadataMemo = Map<string, Promise<LocalRepository | undefined>>;

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function readBody(body: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** One request: the source's timestamp (or SHA256SUMS for an old-scheme task). */
async function probe(source: ResolvedSource, legacy: boolean): Promise<SourceProbe> {
  const transport = openTransport(source.spec.url, { concurrency: 1, timeoutMs: 1000 * (source.spec.timeoutSeconds ?? 10), proxy: source.spec.proxy, credentials: source.spec.credentials, caFile: source.spec.caFile });
  try {
    const result = await transport.get(legacy ? LEGACY_SUMS : TIMESTAMP);
    if (result.status !== 'ok') return { name: source.name, reachable: false, error: `${legacy ? LEGACY_SUMS : TIMESTAMP} not found` };
    const bytes = await readBody(result.body);
    const version = legacy ? undefined : (JSON.parse(bytes.toString('utf8')) as { signed?: { version?: number } }).signed?.version;
    return version === undefined ? { name: source.name, reachable: true, fingerprint: sha256(bytes) } : { name: source.name, reachable: true, fingerprint: sha256(bytes), version };
  } catch (error) {
    return { name: source.name, reachable: false, error: isUpdopsError(error) ? error.message : (error as Error).message };
  } finally {
    await transport.close().catch(() => undefined);
  }
}

async function fingerprintOf(file: string): Promise<string | undefined> {
  try {
    return sha256(await readFile(file));
  } catch {
    return undefined;
  }
}

/**
 * sha256 over the four metadata files `readLocalRepository` verifies (root, timestamp, and the
 * snapshot and targets versions they name), when the folder uses consistent snapshots; else
 * undefined, and the folder is read without sharing.
 */
async function metadataKey(repository: string): Promise<{ key?: string; timestamp?: Buffer }> {
  const dir = path.join(repository, 'metadata');
  const timestamp = await readFile(path.join(dir, 'timestamp.json')).catch(() => undefined);
  if (!timestamp) return {};
  try {
    const root = await readFile(path.join(dir, 'root.json'));
    const signed = (bytes: Buffer): { consistent_snapshot?: unknown; meta?: Record<string, { version?: unknown }> } => (JSON.parse(bytes.toString('utf8')) as { signed?: object }).signed ?? {};
    if (signed(root).consistent_snapshot !== true) return { timestamp };
    const snapshot = await readFile(path.join(dir, `${Number(signed(timestamp).meta?.['snapshot.json']?.version)}.snapshot.json`));
    const targets = await readFile(path.join(dir, `${Number(signed(snapshot).meta?.['targets.json']?.version)}.targets.json`));
    const hash = createHash('sha256');
    for (const bytes of [root, timestamp, snapshot, targets]) hash.update(`${bytes.length}\u0000`).update(bytes);
    return { key: hash.digest('hex'), timestamp };
  } catch {
    return { timestamp };
  }
}

async function readVerified(repository: string, memo: MetadataMemo | undefined): Promise<{ local: LocalRepository | undefined; fingerprint?: string }> {
  if (!memo) return { local: await readLocalRepository(repository), ...(await fingerprintOf(path.join(repository, TIMESTAMP)).then((f) => (f ? { fingerprint: f } : {}))) };
  const { key, timestamp } = await metadataKey(repository);
  const fingerprint = timestamp ? { fingerprint: sha256(timestamp) } : {};
  if (key === undefined) return { local: await readLocalRepository(repository), ...fingerprint };
  let pending = memo.get(key);
  if (!pending) {
    pending = readLocalRepository(repository);
    memo.set(key, pending);
    // A failure is this folder's own: the next folder with the same bytes reads for itself.
    pending.catch(() => memo.delete(key));
  }
  return { local: await pending, ...fingerprint };
}

/** Missing or wrong-sized files against the folder's own metadata (cheap: stat only). */
export async function inspectRepository(repository: string, memo?: MetadataMemo): Promise<Pick<RepositoryStatus, 'version' | 'published' | 'fingerprint' | 'missing' | 'corrupt'>> {
  let read;
  try {
    read = await readVerified(repository, memo);
  } catch (error) {
    return { version: 0, missing: [], corrupt: [`metadata (${isUpdopsError(error) ? error.message : String(error)})`] };
  }
  const { local } = read;
  if (!local) return { missing: [], corrupt: [] };
  const missing: string[] = [];
  const corrupt: string[] = [];
  for (const [targetPath, target] of local.targets) {
    const file = path.join(repository, targetFileRelPath(targetPath, target.sha256));
    const size = await stat(file).then((s) => s.size, () => undefined);
    if (size === undefined) missing.push(targetPath);
    else if (size !== target.length) corrupt.push(targetPath);
  }
  const status = { version: local.version, missing, corrupt, fingerprint: read.fingerprint };
  return local.published === undefined ? status : { ...status, published: local.published };
}

export async function observeRepositories(options: ObserveOptions): Promise<RepositoryStatus[]> {
  const { model } = options;
  const probes = new Map<string, Promise<SourceProbe>>();
  const memo: MetadataMemo = new Map();
  const limit = pLimit(INSPECT_CONCURRENCY);
  const pending: Promise<RepositoryStatus>[] = [];
  for (const [taskName, loaded] of model.tasks) {
    const normalized = normalizeManifest(loaded.manifest);
    if (normalized.spec.type !== 'DownloadUpdatesToDistributionPoints') continue;
    const spec = normalized.spec;
    const sources = spec.settings?.sources ?? [];
    const legacy = spec.settings?.legacyScheme ?? false;
    const sourceProbes = options.offline ? Promise.resolve([]) : Promise.all(sources.map((ref) => probeRef(ref, legacy)));
    for (const dp of downloadTaskDistributionPoints(model, taskName, spec.scope)) {
      if (dp.item.os !== 'windows') continue; // cannot run the task; validation warns (seed)
      const { name, repository } = dp.item;
      pending.push(
        (async () => {
          const [inspected, probes] = await Promise.all([limit(() => inspectRepository(repository, memo)), sourceProbes]);
          const reachable = probes.find((p) => p.reachable);
          return { dp: name, task: taskName, repository, sources: [...sources], ...inspected, ...(reachable ? { probe: reachable } : {}), unreachable: probes.filter((p) => !p.reachable) };
        })(),
      );
    }
  }
  // In task and DP order, whatever order the inspections finish in.
  const statuses = await Promise.all(pending);
  return statuses;

  function probeRef(ref: string, legacy: boolean): Promise<SourceProbe> {
    const cacheKey = `${ref}\u0000${legacy}`;
    let pending = probes.get(cacheKey);
    if (!pending) {
      pending = (async () => {
        const resolved = resolveSourceRef(model, ref, 'DownloadUpdatesToDistributionPoints');
        if (resolved.kind !== 'source') return { name: ref, reachable: false, error: 'not an update source' };
        try {
          return await probe(sourceSpecOf(ref, resolved.source.manifest, options.configDir, options.env), legacy);
        } catch (error) {
          return { name: ref, reachable: false, error: isUpdopsError(error) ? error.message : String(error) };
        }
      })();
      probes.set(cacheKey, pending);
    }
    return pending;
  }
}
