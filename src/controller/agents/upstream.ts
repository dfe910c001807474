/**
 * What a DP's sources approved (issue 19 "freshness that proves itself"): the newest TUF
 * timestamp version among the sources of the download task a DP runs, asked through the sync's
 * own transport (proxy, credentials, CA) — one small request per source — and cached, so a
 * fleet of DP heartbeats costs one request per source and period. Each version keeps when this
 * controller first saw it (`since`): a DP is withholding once a newer version stayed unserved
 * longer than the task's `withholdingToleranceSeconds` (status/withholding.ts). `since` lives
 * in memory: after a controller restart the tolerance counts again from the first look (late,
 * never early).
 */
import { DEFAULTS } from '../../defaults.js';
import { downloadTaskDistributionPoints, resolveSourceRef } from '../../manifests/index.js';
import { openSourceTransport, readSourceTimestamp, sourceSpecOf } from '../../sources/index.js';
import { recordedConfig, type StateStore } from '../../state/index.js';
import type { SourceTimestamp } from '../../status/index.js';

export interface UpstreamAnswer {
  /** The newest version among the reachable sources; undefined while none answered. */
  source: SourceTimestamp | undefined;
  toleranceMs: number;
}

interface Seen {
  version: number;
  since: string;
  checkedAt: number;
  pending?: Promise<void>;
}

export interface UpstreamOptions {
  store: StateStore;
  /** Where relative source paths, secret files and CA files are read from. */
  configDir: string;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

export class UpstreamTimestamps {
  readonly #o: UpstreamOptions;
  readonly #now: () => number;
  readonly #seen = new Map<string, Seen>();

  constructor(options: UpstreamOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The DP's sources as last seen, and its tolerance; undefined when no download task runs on it.
   * A source's answer older than the cache period is asked again in the background (a heartbeat
   * never waits on a slow source); the period is a quarter of the tolerance, at most
   * DEFAULTS.upstreamTimestampCacheMs, so the verdict comes at most that late.
   */
  async forDp(dp: string): Promise<UpstreamAnswer | undefined> {
    const { model, tasks } = await recordedConfig(this.#o.store);
    for (const task of tasks.values()) {
      const spec = task.spec;
      if (spec.type !== 'DownloadUpdatesToDistributionPoints') continue;
      if (!downloadTaskDistributionPoints(model, task.name, spec.scope).some((p) => p.item.name === dp)) continue;
      const toleranceMs = 1000 * (spec.settings?.withholdingToleranceSeconds ?? DEFAULTS.withholdingToleranceSeconds);
      const cacheMs = Math.min(DEFAULTS.upstreamTimestampCacheMs, toleranceMs / 4);
      let newest: SourceTimestamp | undefined;
      for (const ref of spec.settings?.sources ?? ['vendor']) {
        const resolved = resolveSourceRef(model, ref, 'DownloadUpdatesToDistributionPoints');
        if (resolved.kind !== 'source') continue;
        const seen = this.#look(ref, () => sourceSpecOf(ref, resolved.source.manifest, this.#o.configDir, this.#o.env), cacheMs);
        if (seen && (!newest || seen.version > newest.version)) newest = { source: ref, version: seen.version, since: seen.since };
      }
      return { source: newest, toleranceMs };
    }
    return undefined;
  }

  #look(ref: string, spec: () => ReturnType<typeof sourceSpecOf>, cacheMs: number): Seen | undefined {
    const seen = this.#seen.get(ref);
    if (seen?.pending || (seen && this.#now() - seen.checkedAt < cacheMs)) return seen?.version === undefined || seen.version < 0 ? undefined : seen;
    const entry: Seen = seen ?? { version: -1, since: '', checkedAt: 0 };
    this.#seen.set(ref, entry);
    entry.pending = (async () => {
      const version = await this.#ask(spec).catch(() => undefined);
      entry.checkedAt = this.#now();
      if (version !== undefined && version !== entry.version) {
        entry.version = version;
        entry.since = new Date(this.#now()).toISOString();
      }
    })().finally(() => delete entry.pending);
    return entry.version < 0 ? undefined : entry;
  }

  /** The source's timestamp version, read as the sync reads it (capped); undefined: no TUF timestamp. */
  async #ask(resolve: () => ReturnType<typeof sourceSpecOf>): Promise<number | undefined> {
    const { spec } = resolve();
    const transport = openSourceTransport(spec, this.#o.env);
    try {
      return (await readSourceTimestamp(transport, spec.name ?? 'source'))?.version;
    } finally {
      await transport.close().catch(() => undefined);
    }
  }
}
