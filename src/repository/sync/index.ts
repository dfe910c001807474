/**
 * `syncRepository`: the download engine both task types use (docs/design.md 1 "Tasks", 3 "Sync").
 * Sources are tried in order; a source that is unreachable or fails verification hands over to
 * the next, and the dest is never damaged by a failed attempt (files first, metadata last). A
 * sync cancelled through its signal leaves the dest exactly as it was (checkpoint.ts).
 */
import { mkdir } from 'node:fs/promises';
import { UpdopsError, isUpdopsError } from '../../errors.js';
import { openTransport, redactUrl } from '../transport/index.js';
import { checkpointDest, type DestCheckpoint } from './checkpoint.js';
import { syncFromSource } from './source.js';
import { sourceThrottle, Throttle, throttledTransport } from './throttle.js';
import { SYNC_DEFAULTS } from './types.js';
import type { SourceSpec, SyncContext, SyncOptions, SyncResult } from './types.js';

export type { SourceSpec, SyncOptions, SyncProgress, SyncResult } from './types.js';
export { SYNC_DEFAULTS } from './types.js';
export { rateAt, Throttle, type BandwidthLimit } from './throttle.js';
export { readCapped } from './body.js';
export { projectTransfer, type HeldTarget, type ProjectedTarget, type Projection } from './projection.js';
export { PIN_LOOKBACK, probePin, type PinProbe } from './pin-state.js';

/** Failures that say nothing about the repository's integrity; a verification failure is more relevant. */
const TRANSIENT = new Set(['SOURCE_UNREACHABLE', 'SOURCE_NOT_FOUND', 'DOWNLOAD_TIMEOUT']);

export async function syncRepository(options: SyncOptions, signal?: AbortSignal): Promise<SyncResult> {
  if (options.sources.length === 0) throw new UpdopsError('SYNC', 'no sources given');
  const started = Date.now();
  const ctx: SyncContext = {
    dest: options.dest,
    diffs: options.diffs ?? false,
    legacy: options.legacy ?? false,
    components: options.components,
    concurrency: Math.max(1, options.concurrency ?? SYNC_DEFAULTS.concurrency),
    retries: Math.max(0, options.retries ?? SYNC_DEFAULTS.retries),
    trustRoot: options.trustRoot,
    maxMetadataBytes: options.maxMetadataBytes,
    onProgress: options.onProgress,
    signal,
    warnings: [],
    workerMinBytes: options.workerMinBytes,
    pin: options.pin,
    keepVersions: [...new Set(options.keepVersions ?? [])].filter((v) => v !== options.pin),
  };
  await mkdir(options.dest, { recursive: true }).catch((error: unknown) => {
    throw new UpdopsError('DISK', `cannot create ${options.dest}: ${(error as Error).message}`);
  });
  // Only a sync that can be cancelled pays for the listing a cancel puts back.
  const checkpoint = signal && !signal.aborted ? await checkpointDest(options.dest) : undefined;
  try {
    return await attempt(options, ctx, started, signal);
  } catch (error) {
    if (signal?.aborted) await rollBack(checkpoint, options.dest);
    throw error;
  }
}

async function rollBack(checkpoint: DestCheckpoint | undefined, dest: string): Promise<void> {
  try {
    await checkpoint?.restore();
  } catch (error) {
    throw new UpdopsError('DISK', `the sync was cancelled, but ${dest} could not be put back as it was: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Why the sources before the one that served were skipped — `vendor: SOURCE_UNREACHABLE: …; mirror: …`
 * — or undefined when the first source served (a per-target result's `fallbackReason`).
 */
export function fallbackReason(result: Pick<SyncResult, 'tried'>): string | undefined {
  const skipped = result.tried.filter((t) => t.error !== undefined).map((t) => `${t.source}: ${t.error ?? ''}`);
  return skipped.length ? skipped.join('; ') : undefined;
}

async function attempt(options: SyncOptions, ctx: SyncContext, started: number, signal: AbortSignal | undefined): Promise<SyncResult> {
  const tried: SyncResult['tried'] = [];
  const failures: UpdopsError[] = [];
  let requests = 0;
  const urgent = options.urgent === true;
  const linkThrottle = options.bandwidth && !urgent ? new Throttle(options.bandwidth) : undefined;
  for (const spec of options.sources) {
    const label = sourceLabel(spec);
    const throttles = [...(linkThrottle ? [linkThrottle] : []), ...(spec.bandwidth && !urgent ? [sourceThrottle(label, spec.bandwidth)] : [])];
    const transport = throttledTransport(openTransport(spec.url, {
      concurrency: ctx.concurrency,
      timeoutMs: 1000 * (spec.timeoutSeconds ?? options.timeoutSeconds ?? SYNC_DEFAULTS.timeoutSeconds),
      proxy: spec.proxy,
      credentials: spec.credentials,
      bearerToken: spec.bearerToken,
      caFile: spec.caFile,
      env: options.env,
    }), throttles);
    try {
      const outcome = await syncFromSource(transport, ctx, redactUrl(spec.url));
      tried.push({ source: label });
      requests += transport.requests;
      return { source: label, ...outcome, requests, durationMs: Date.now() - started, tried, warnings: ctx.warnings };
    } catch (error) {
      requests += transport.requests;
      const failure = asUpdopsError(error);
      if (signal?.aborted) throw failure;
      failures.push(failure);
      tried.push({ source: label, error: `${failure.code}: ${failure.message}` });
    } finally {
      await transport.close().catch(() => undefined);
    }
  }
  const relevant = failures.find((f) => !TRANSIENT.has(f.code)) ?? failures[failures.length - 1];
  const summary = tried.map((t) => `${t.source}: ${t.error ?? 'ok'}`).join('; ');
  throw new UpdopsError(relevant?.code ?? 'SYNC', options.sources.length > 1 ? `every source failed (${summary})` : (relevant?.message ?? summary), {
    cause: relevant,
  });
}

function sourceLabel(spec: SourceSpec): string {
  return spec.name ?? redactUrl(spec.url);
}

function asUpdopsError(error: unknown): UpdopsError {
  if (isUpdopsError(error)) return error;
  const err = error as NodeJS.ErrnoException;
  if (typeof err?.code === 'string' && /^E(NOSPC|ACCES|PERM|ROFS|IO|DQUOT|MFILE)$/.test(err.code)) {
    return new UpdopsError('DISK', `cannot write the destination: ${err.message}`, { cause: error });
  }
  return new UpdopsError('SYNC', error instanceof Error ? error.message : String(error), { cause: error });
}
