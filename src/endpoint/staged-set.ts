/**
 * Switching an installed file set atomically (seed: "If the database update download is
 * interrupted or finishes with an error, the application continues to use the previously
 * installed database version"). The new set is built in a staging folder seeded with hard links
 * of the current one; on success: `live` → `previous`, staging → `live`, remove `previous`.
 * `recoverSet` runs first on every start, so a crash between the renames never leaves `live`
 * missing or half-built.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { exists, linkTree } from './fs-util.js';

export interface StagedSet {
  live: string;
  previous: string;
  stagingRoot: string;
  /** Staging folders are `<stagingRoot>/<prefix>-<id>`. */
  prefix: string;
  /** Relative paths (`/`-separated) not carried into the staging copy. */
  skip?: (rel: string) => boolean;
  /** Relative folder whose contents a crashed staging leaves for the next one (resumable partial downloads). */
  carryOver?: string;
}

/** Brings `live` back to one complete set after a crash between (or during) the switch renames. */
export async function recoverSet(set: StagedSet): Promise<void> {
  const hasLive = await exists(set.live);
  if (await exists(set.previous)) {
    if (hasLive) await rm(set.previous, { recursive: true, force: true });
    else await rename(set.previous, set.live);
  }
}

/** A fresh staging folder seeded from `live`; leftovers of crashed runs go (their partial downloads are kept). */
export async function prepareStaging(set: StagedSet): Promise<string> {
  await mkdir(set.stagingRoot, { recursive: true });
  const staging = path.join(set.stagingRoot, `${set.prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`);
  if (await exists(set.live)) await linkTree(set.live, staging, set.skip);
  else await mkdir(staging, { recursive: true });
  for (const name of await readdir(set.stagingRoot)) {
    const old = path.join(set.stagingRoot, name);
    if (!name.startsWith(`${set.prefix}-`) || old === staging) continue;
    if (set.carryOver) await carry(path.join(old, set.carryOver), path.join(staging, set.carryOver));
    await rm(old, { recursive: true, force: true });
  }
  return staging;
}

async function carry(from: string, to: string): Promise<void> {
  if (!(await exists(from)) || (await exists(to))) return;
  await mkdir(path.dirname(to), { recursive: true });
  await rename(from, to).catch(() => undefined);
}

/** The rename dance: after it `live` is the staged set; the old one is gone. */
export async function switchSet(set: StagedSet, staging: string): Promise<void> {
  if (await exists(set.live)) await rename(set.live, set.previous);
  await rename(staging, set.live);
  await rm(set.previous, { recursive: true, force: true });
}

export async function discardStaging(staging: string): Promise<void> {
  await rm(staging, { recursive: true, force: true });
}
