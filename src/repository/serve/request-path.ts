/**
 * Maps a request target to a file under the served root, refusing every way out of the
 * folder (docs/design.md 3, "Serving": no path escapes the folder). The path is percent-decoded
 * exactly once, per segment, and checked after decoding; anything odd is refused rather
 * than normalized, because normalizing is how traversal bugs slip through.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';

export type PathResult = { ok: true; segments: string[] } | { ok: false; status: 400 | 404; reason: string };

/** `http://host/x` (absolute form) → `/x`, without URL normalization (WHATWG would fold `%2e%2e`). */
function pathPart(target: string): string | undefined {
  if (target.startsWith('/')) return target;
  const absolute = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*(\/[^#]*)?$/.exec(target);
  return absolute ? (absolute[1] ?? '/') : undefined;
}

export function parseRequestPath(target: string): PathResult {
  const raw = pathPart(target);
  if (raw === undefined) return { ok: false, status: 400, reason: 'request target is not a path' };
  const query = raw.indexOf('?');
  const pathOnly = query < 0 ? raw : raw.slice(0, query);
  const rawSegments = pathOnly.slice(1).split('/');
  if (rawSegments.length === 1 && rawSegments[0] === '') return { ok: false, status: 404, reason: 'no listing' };
  const segments: string[] = [];
  for (const rawSegment of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(rawSegment);
    } catch {
      return { ok: false, status: 400, reason: 'bad percent-encoding' };
    }
    const problem = segmentProblem(segment);
    if (problem) return { ok: false, status: 400, reason: problem };
    segments.push(segment);
  }
  // Dot-files (temp files of a publish or sync in progress, locks, .git) are never served.
  if (segments.some((s) => s.startsWith('.'))) return { ok: false, status: 404, reason: 'hidden file' };
  return { ok: true, segments };
}

function segmentProblem(segment: string): string | undefined {
  if (segment === '') return 'empty path segment';
  if (segment === '.' || segment === '..') return 'dot segment';
  if (segment.includes('\0')) return 'NUL in path';
  if (segment.includes('/') || segment.includes('\\')) return 'encoded separator';
  if (segment.includes(':')) return 'colon in path (drive letter or stream name)';
  if (/%[0-9a-fA-F]{2}/.test(segment)) return 'double-encoded path';
  return undefined;
}

/**
 * The real path of the file, or undefined when it does not exist or resolves (through
 * symlinks) to somewhere outside the real root.
 */
export function resolveInside(realRoot: string, segments: string[]): string | undefined {
  let real: string;
  try {
    // Synchronous on purpose (see serve/index.ts): a few lstat(2)s of hot dentries cost less
    // than a hand-off to libuv's pool, which under 1,000 clients was a context switch each.
    real = realpathSync.native(path.join(realRoot, ...segments));
  } catch {
    return undefined;
  }
  const inside = real === realRoot || real.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep);
  return inside ? real : undefined;
}
