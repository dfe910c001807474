/**
 * A source's current targets, read from its metadata for an estimate (the plan's projected bytes
 * per DP link): timestamp → the snapshot it names → the targets (and delegated roles) the snapshot
 * names, by their consistent-snapshot names, each read capped. Not signature-checked: the numbers
 * only say how much a sync would move, and the sync itself verifies every role before it fetches
 * a byte. Undefined when the source has no consistent snapshots or a file is missing.
 */
import { readCapped, SYNC_DEFAULTS, type ProjectedTarget } from '../repository/index.js';
import type { SourceTransport } from './timestamp.js';

type Signed = { signed?: { meta?: Record<string, { version?: unknown }>; targets?: Record<string, { length?: unknown; hashes?: { sha256?: unknown }; custom?: unknown }> } };

async function readJson(transport: SourceTransport, rel: string, label: string): Promise<Signed | undefined> {
  const res = await transport.get(rel);
  if (res.status !== 'ok') return undefined;
  const bytes = await readCapped(res.body, SYNC_DEFAULTS.metadataMaxBytes, `${label}: ${rel}`);
  return JSON.parse(bytes.toString('utf8')) as Signed;
}

function versionOf(meta: Signed | undefined, file: string): number | undefined {
  const v = meta?.signed?.meta?.[file]?.version;
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : undefined;
}

export async function readSourceTargets(transport: SourceTransport, label: string, timestampBytes: Buffer): Promise<Map<string, ProjectedTarget> | undefined> {
  const snapshotVersion = versionOf(JSON.parse(timestampBytes.toString('utf8')) as Signed, 'snapshot.json');
  if (snapshotVersion === undefined) return undefined;
  const snapshot = await readJson(transport, `metadata/${snapshotVersion}.snapshot.json`, label);
  if (!snapshot) return undefined;
  const out = new Map<string, ProjectedTarget>();
  // Every targets role the snapshot lists (the top-level one and its delegations) holds part of the tree.
  for (const file of Object.keys(snapshot.signed?.meta ?? {})) {
    const version = versionOf(snapshot, file);
    const role = file.replace(/\.json$/, '');
    if (version === undefined || role === '' || /[/\\\0]/.test(role)) return undefined;
    const targets = await readJson(transport, `metadata/${version}.${role}.json`, label);
    if (!targets) return undefined;
    for (const [name, t] of Object.entries(targets.signed?.targets ?? {})) {
      if (typeof t.length !== 'number' || out.has(name)) continue;
      const sha256 = typeof t.hashes?.sha256 === 'string' ? t.hashes.sha256 : undefined;
      const custom = typeof t.custom === 'object' && t.custom !== null ? (t.custom as Record<string, unknown>) : {};
      out.set(name, { length: t.length, sha256, custom });
    }
  }
  return out;
}
