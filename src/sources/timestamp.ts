/**
 * A source's TUF timestamp, read as the sync reads it (repository/sync/source.ts): through the
 * sync's own transport and options (proxy, credentials, CA, timeout) and capped, so a hostile
 * source cannot feed the reader endless data. Shared by the planner's probe (plan/observe.ts)
 * and the controller's look at a DP's sources (controller/agents/upstream.ts).
 */
import { openTransport, readCapped, SYNC_DEFAULTS, type SourceSpec } from '../repository/index.js';

export const TIMESTAMP_PATH = 'metadata/timestamp.json';

export type SourceTransport = ReturnType<typeof openTransport>;

/** The transport a sync of `spec` would use, for one small request at a time. */
export function openSourceTransport(spec: SourceSpec, env: NodeJS.ProcessEnv | undefined): SourceTransport {
  return openTransport(spec.url, { concurrency: 1, timeoutMs: 1000 * (spec.timeoutSeconds ?? SYNC_DEFAULTS.timeoutSeconds), proxy: spec.proxy, credentials: spec.credentials, bearerToken: spec.bearerToken, caFile: spec.caFile, env });
}

/** The timestamp's bytes and signed version; undefined when the source has no timestamp (not found). */
export async function readSourceTimestamp(transport: SourceTransport, label: string): Promise<{ bytes: Buffer; version: number | undefined } | undefined> {
  const res = await transport.get(TIMESTAMP_PATH);
  if (res.status !== 'ok') return undefined;
  const bytes = await readCapped(res.body, SYNC_DEFAULTS.timestampMaxBytes, `${label}: ${TIMESTAMP_PATH}`);
  const version = (JSON.parse(bytes.toString('utf8')) as { signed?: { version?: unknown } }).signed?.version;
  return { bytes, version: typeof version === 'number' ? version : undefined };
}
