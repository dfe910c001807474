/**
 * The version a destination currently publishes, read from its own served metadata chain
 * (timestamp.json → N.snapshot.json → N.targets.json). These files were verified before they
 * were renamed in, so reading them back needs no signature check — only the no-op decision and
 * the "which files do we already hold" comparison use them (docs/design.md 3).
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { firstHash } from './hashes.js';
import { readKept, readPinCache, readPinRecord, type PinRecord } from './pin-state.js';
import { destPaths, targetRelPath, toLocal } from './paths.js';
import { writeAtomic } from './publish-dest.js';
import { selectTargets, type TargetSelection } from './selection.js';

export interface TargetEntry {
  length: number;
  /** Every hash the metadata lists; all are checked. */
  hashes: Record<string, string>;
  /** Present when the metadata lists sha256 (the fast download pipeline checks it). */
  sha256?: string;
  custom: Record<string, unknown>;
}

/** The hash in a target's stored name: the first one listed, as the repository names it (TUF 5.7.3). */
export function storedHash(entry: TargetEntry): string {
  return firstHash(entry.hashes) ?? entry.sha256 ?? '';
}

/**
 * The targets a mirror resolved through its delegation graph, written before the switch: the
 * served metadata alone would need the whole lookup again to say which files the dest holds.
 */
interface TargetsIndex {
  snapshotVersion: number;
  expires: string;
  targets: Record<string, TargetEntry>;
}

export async function writeTargetsIndex(dest: string, index: { snapshotVersion: number; expires: Date; targets: Map<string, TargetEntry> }): Promise<void> {
  const doc: TargetsIndex = { snapshotVersion: index.snapshotVersion, expires: index.expires.toISOString(), targets: Object.fromEntries(index.targets) };
  await writeAtomic(destPaths(dest).index(index.snapshotVersion), `${JSON.stringify(doc)}\n`);
}

async function readTargetsIndex(dest: string, snapshotVersion: number): Promise<TargetsIndex | undefined> {
  try {
    return JSON.parse(await readFile(destPaths(dest).index(snapshotVersion), 'utf8')) as TargetsIndex;
  } catch {
    return undefined;
  }
}

export interface DestVersion {
  timestamp: Buffer;
  rootVersion: number;
  snapshotVersion: number;
  targetsVersion: number;
  /** Earliest expiry of every role used: after it the no-op path is not allowed. */
  expires: Date;
  targets: Map<string, TargetEntry>;
  /** The versioned metadata files of this version (kept until the next version is in place). */
  metadataFiles: string[];
  /** The dest serves a pinned view (`metadata/pin.json`): `targets` are those of `targetsVersion`. */
  pin?: PinRecord;
}

interface Signed {
  signed: {
    version: number;
    expires: string;
    meta?: Record<string, { version: number }>;
    targets?: Record<string, { length: number; hashes: Record<string, string>; custom?: Record<string, unknown> }>;
  };
}

async function readJson(file: string): Promise<{ bytes: Buffer; doc: Signed } | undefined> {
  try {
    const bytes = await readFile(file);
    return { bytes, doc: JSON.parse(bytes.toString('utf8')) as Signed };
  } catch {
    return undefined;
  }
}

export async function readDestVersion(dest: string): Promise<DestVersion | undefined> {
  const dir = destPaths(dest).metadata;
  const ts = await readJson(path.join(dir, 'timestamp.json'));
  const snapVersion = ts?.doc.signed.meta?.['snapshot.json']?.version;
  if (!ts || snapVersion === undefined) return undefined;
  const snap = await readJson(path.join(dir, `${snapVersion}.snapshot.json`));
  const targetsVersion = snap?.doc.signed.meta?.['targets.json']?.version;
  if (!snap || targetsVersion === undefined) return undefined;
  const tgt = await readJson(path.join(dir, `${targetsVersion}.targets.json`));
  const root = await readJson(path.join(dir, 'root.json'));
  if (!tgt || !root) return undefined;
  const pin = await readPinRecord(dir);
  const pinned = pin && (await readJson(path.join(dir, `${pin.targetsVersion}.targets.json`)));
  if (pin && !pinned) return undefined;
  const index = pinned ? undefined : await readTargetsIndex(dest, snapVersion);
  const targets = new Map<string, TargetEntry>();
  const expiries = [ts, snap, tgt, root, ...(pinned ? [pinned] : [])].map((f) => Date.parse(f.doc.signed.expires));
  if (pinned) {
    for (const [name, info] of Object.entries(pinned.doc.signed.targets ?? {})) targets.set(name, entryOf(info));
  } else if (index?.snapshotVersion === snapVersion) {
    for (const [name, entry] of Object.entries(index.targets)) targets.set(name, entry);
    expiries.push(Date.parse(index.expires));
  } else {
    // A dest synced before the index existed: top-level targets only.
    for (const [name, info] of Object.entries(tgt.doc.signed.targets ?? {})) targets.set(name, entryOf(info));
  }
  const metadataFiles = [`${snapVersion}.snapshot.json`, ...Object.entries(snap.doc.signed.meta ?? {}).map(([file, meta]) => `${meta.version}.${file}`)];
  if (pin) metadataFiles.push(`${pin.targetsVersion}.targets.json`);
  return {
    ...(pin ? { pin } : {}),
    timestamp: ts.bytes,
    rootVersion: root.doc.signed.version,
    snapshotVersion: snapVersion,
    targetsVersion,
    expires: new Date(Math.min(...expiries)),
    targets,
    metadataFiles,
  };
}

type TargetInfo = NonNullable<Signed['signed']['targets']>[string];

function entryOf(info: TargetInfo): TargetEntry {
  const sha256 = info.hashes.sha256;
  return { length: info.length, hashes: info.hashes, ...(sha256 ? { sha256 } : {}), custom: info.custom ?? {} };
}

/** The targets of a held older version (`N.targets.json` of the dest's metadata), top level only. */
export async function readHeldTargets(dest: string, targetsVersion: number): Promise<Map<string, TargetEntry> | undefined> {
  const held = await readJson(path.join(destPaths(dest).metadata, `${targetsVersion}.targets.json`));
  if (!held) return undefined;
  return new Map(Object.entries(held.doc.signed.targets ?? {}).map(([name, info]) => [name, entryOf(info)]));
}

/**
 * Every version a mirror keeps for its pinned devices (`keepVersions`) is held: carried by the
 * current targets, or found before (`.updops/pins.json`) with its targets file and every
 * selected target in place. Anything else is not a no-op.
 */
export async function keptVersionsHeld(dest: string, version: DestVersion, keep: readonly string[], selection: TargetSelection): Promise<boolean> {
  const held = await readKept(dest);
  if (keep.length === 0) return held.length === 0;
  const cache = await readPinCache(dest);
  const wanted = new Set<number>();
  for (const pin of keep) {
    if ([...version.targets.values()].some((e) => e.custom.version === pin && e.custom.delta === undefined)) continue;
    const targetsVersion = cache[pin];
    if (targetsVersion === undefined || targetsVersion > version.targetsVersion) return false;
    wanted.add(targetsVersion);
    const targets = await readHeldTargets(dest, targetsVersion);
    if (!targets) return false;
    for (const [name, entry] of selectTargets(targets, selection)) if (!(await hasTarget(dest, name, entry))) return false;
  }
  // A version kept before and wanted no more is dropped by a full sync.
  return held.every((v) => wanted.has(v));
}

/**
 * A content-addressed file counts as present when its size is right: it was hash-checked before
 * rename. A synchronous stat: a sync checks every target, and a hand-off to the libuv pool per
 * file cost more than the stat itself.
 */
export async function hasTarget(dest: string, targetPath: string, entry: TargetEntry): Promise<boolean> {
  try {
    const info = statSync(toLocal(dest, targetRelPath(targetPath, storedHash(entry))), { throwIfNoEntry: false });
    return info !== undefined && info.isFile() && info.size === entry.length;
  } catch {
    return false;
  }
}

/** Every target the selection wants is in place (selection.ts: the same rule the inspection reads). */
export async function isComplete(dest: string, version: DestVersion, selection: TargetSelection): Promise<boolean> {
  for (const [name, entry] of selectTargets(version.targets, selection)) {
    if (!(await hasTarget(dest, name, entry))) return false;
  }
  return true;
}
