/**
 * The small, tuf-js-free half of rings and pinning (pin.ts): what a dest remembers of its pins,
 * and the planner's probe. Kept apart so the no-op path (source.ts, dest-state.ts) does not load
 * tuf-js (~40 ms of start-up).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Targets } from '@tufjs/models';
import { UpdopsError } from '../../errors.js';
import { writeFileAtomic } from '../../util/index.js';
import type { Transport } from '../transport/index.js';
import { destPaths } from './paths.js';
import { metadataSource } from './remote-metadata.js';
import { SYNC_DEFAULTS } from './types.js';

/** Older targets versions a pin is looked for in, counted back from the current one. */
export const PIN_LOOKBACK = 32;

/** `metadata/pin.json` of a pinned mirror: which version it serves and from which targets file. */
export const PIN_FILE = 'pin.json';

export interface PinRecord {
  version: string;
  targetsVersion: number;
}

/** Some full (non-delta) target carries the version: the release the pin names. */
export function carriesVersion(targets: Targets['targets'], pin: string): boolean {
  return Object.values(targets).some((t) => t.custom?.version === pin && t.custom?.delta === undefined);
}

type PinCache = Record<string, number>;

export async function readPinCache(dest: string): Promise<PinCache> {
  try {
    const parsed = JSON.parse(await readFile(destPaths(dest).pins, 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, number] => Number.isInteger(e[1])));
  } catch {
    return {};
  }
}

export async function writePinCache(dest: string, cache: PinCache): Promise<void> {
  await writeFileAtomic(destPaths(dest).pins, `${JSON.stringify(cache)}\n`);
}

/** The older targets versions the last full sync kept (`keepVersions`). */
export async function readKept(dest: string): Promise<number[]> {
  try {
    const parsed = JSON.parse(await readFile(destPaths(dest).kept, 'utf8')) as unknown;
    return Array.isArray(parsed) ? parsed.filter((v): v is number => Number.isInteger(v)) : [];
  } catch {
    return [];
  }
}

export async function writeKept(dest: string, versions: number[]): Promise<void> {
  await writeFileAtomic(destPaths(dest).kept, `${JSON.stringify([...versions].sort((a, b) => a - b))}\n`);
}

/** The pin a mirror serves (`metadata/pin.json`), read as is: it was written with verified metadata. */
export async function readPinRecord(metadataDir: string): Promise<PinRecord | undefined> {
  try {
    const doc = JSON.parse(await readFile(path.join(metadataDir, PIN_FILE), 'utf8')) as Partial<PinRecord>;
    return typeof doc.version === 'string' && Number.isInteger(doc.targetsVersion) ? { version: doc.version, targetsVersion: doc.targetsVersion as number } : undefined;
  } catch {
    return undefined;
  }
}

export type PinProbe =
  | { found: true; targetsVersion: number; expires: string; expired: boolean }
  | { found: false; from: number; to: number };

/**
 * Whether a source still has the version `pin` names, as the planner asks it (plan/pins.ts):
 * timestamp → snapshot → targets N, then back to N − PIN_LOOKBACK, as the sync walks. Nothing
 * is signature-checked here (the sync verifies everything before use); expiry is reported.
 */
export async function probePin(transport: Transport, pin: string): Promise<PinProbe> {
  const source = metadataSource(transport, 'metadata/');
  const read = async (file: string, max: number): Promise<{ signed?: Record<string, unknown> } | undefined> => {
    const bytes = await source.fetch(file, max);
    if (!bytes) return undefined;
    try {
      return JSON.parse(bytes.toString('utf8')) as { signed?: Record<string, unknown> };
    } catch {
      return undefined;
    }
  };
  const versionOf = (doc: { signed?: Record<string, unknown> } | undefined, file: string): number | undefined => {
    const meta = doc?.signed?.meta as Record<string, { version?: unknown }> | undefined;
    const version = meta?.[file]?.version;
    return typeof version === 'number' ? version : undefined;
  };
  const timestamp = await read('timestamp.json', SYNC_DEFAULTS.timestampMaxBytes);
  const snapshotVersion = versionOf(timestamp, 'snapshot.json');
  if (snapshotVersion === undefined) throw new UpdopsError('SOURCE_NOT_FOUND', `${transport.display}: metadata/timestamp.json is missing or names no snapshot`);
  const current = versionOf(await read(`${snapshotVersion}.snapshot.json`, SYNC_DEFAULTS.metadataMaxBytes), 'targets.json');
  if (current === undefined) throw new UpdopsError('SOURCE_NOT_FOUND', `${transport.display}: metadata/${snapshotVersion}.snapshot.json is missing or names no targets`);
  const lowest = Math.max(1, current - PIN_LOOKBACK);
  for (let v = current; v >= lowest; v--) {
    const doc = await read(`${v}.targets.json`, SYNC_DEFAULTS.metadataMaxBytes);
    const targets = doc?.signed?.targets as Targets['targets'] | undefined;
    if (!targets || typeof targets !== 'object' || !carriesVersion(targets, pin)) continue;
    const expires = typeof doc?.signed?.expires === 'string' ? doc.signed.expires : '';
    return { found: true, targetsVersion: v, expires, expired: Date.parse(expires) <= Date.now() };
  }
  return { found: false, from: current, to: lowest };
}
