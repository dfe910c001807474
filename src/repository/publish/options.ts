/** Checks and normalizes `publishRepository` options (docs/design.md 3, "Publishing"). */
import path from 'node:path';
import { UpdopsError } from '../../errors.js';
import { checkRoleName } from './delegations.js';

export type LegacyMode = 'none' | 'with' | 'only';

export interface PublishOptions {
  contentDir: string;
  repoDir: string;
  keysDir: string;
  /** Old-scheme SHA256SUMS: not written (default), written beside TUF, or written instead of TUF. */
  legacy?: LegacyMode;
  /** Deltas per changed file from its contents in the last N versions (default 0). */
  deltas?: number;
  /** Lifetime of targets, snapshot and timestamp metadata: `7d`, `12h`, `30m`, `45s`, `2w` (default 7d). */
  expires?: string;
  /** Release time recorded in every target's `custom.published` and SHA256SUMS (default: now). */
  published?: string;
  /** Path patterns signed by a separate key `<name>.key.pem` in the keys folder (delegations.ts). */
  delegations?: { name: string; paths: string[] }[];
  /** Clock for tests. */
  now?: Date;
}

export interface NormalizedOptions {
  contentDir: string;
  repoDir: string;
  keysDir: string;
  legacy: LegacyMode;
  deltas: number;
  now: Date;
  expiresMs: number;
  published: string;
  delegations: { name: string; paths: string[] }[];
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
export const DEFAULT_EXPIRES = '7d';
/** A delta needs both contents in memory; bigger files are published without deltas. */
export const MAX_DELTA_INPUT_BYTES = 256 * 1024 * 1024;

export function parseDuration(text: string): number {
  const match = /^(\d+)([smhdw])$/.exec(text.trim());
  const amount = match ? Number(match[1]) : NaN;
  if (!match || !(amount > 0)) {
    throw new UpdopsError('PUBLISH', `invalid duration "${text}": use a positive number with s, m, h, d or w (e.g. 7d, 12h)`);
  }
  return amount * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** TUF wants `YYYY-MM-DDTHH:MM:SSZ` (no fractions) for `expires`; we use it for `published` too. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function normalizeOptions(options: PublishOptions): NormalizedOptions {
  const legacy = options.legacy ?? 'none';
  if (!['none', 'with', 'only'].includes(legacy)) {
    throw new UpdopsError('PUBLISH', `legacy must be none, with or only (got ${String(legacy)})`);
  }
  const deltas = options.deltas ?? 0;
  if (!Number.isInteger(deltas) || deltas < 0 || deltas > 100) {
    throw new UpdopsError('PUBLISH', `deltas must be a whole number from 0 to 100 (got ${String(deltas)})`);
  }
  const now = options.now ?? new Date();
  let published = isoSeconds(now);
  if (options.published !== undefined) {
    const time = Date.parse(options.published);
    if (Number.isNaN(time)) {
      throw new UpdopsError('PUBLISH', `invalid --published time "${options.published}": use ISO 8601, e.g. 2025-01-31T12:00:00Z`);
    }
    published = isoSeconds(new Date(time));
  }
  for (const [name, dir] of [['content', options.contentDir], ['repository', options.repoDir]] as const) {
    if (!dir) throw new UpdopsError('PUBLISH', `missing ${name} directory`);
  }
  if (legacy !== 'only' && !options.keysDir) {
    throw new UpdopsError('KEYS', 'missing keys directory (--keys DIR; create one with: updops keys generate --out DIR)');
  }
  for (const d of options.delegations ?? []) {
    checkRoleName(d.name);
    if (d.paths.length === 0) throw new UpdopsError('PUBLISH', `delegation ${d.name} names no path pattern`);
  }
  const contentDir = path.resolve(options.contentDir);
  const repoDir = path.resolve(options.repoDir);
  if (contentDir === repoDir || repoDir.startsWith(contentDir + path.sep) || contentDir.startsWith(repoDir + path.sep)) {
    throw new UpdopsError('PUBLISH', 'the content and repository directories must not contain each other');
  }
  return {
    contentDir,
    repoDir,
    keysDir: options.keysDir ? path.resolve(options.keysDir) : '',
    legacy,
    deltas,
    now,
    expiresMs: parseDuration(options.expires ?? DEFAULT_EXPIRES),
    published,
    delegations: options.delegations ?? [],
  };
}
