/**
 * HTTP validators, preconditions and ranges for repository files (RFC 9110 sections 8.8, 13 and 14).
 * ETags are strong, made from size and mtime, so `If-Range` (which needs a strong match) works
 * and a file replaced by rename gets a new tag.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Stats } from 'node:fs';
import { evaluatePreconditions, type PreconditionOutcome } from '../../util/index.js';

export function etagOf(stats: Stats): string {
  return `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
}

/** Seconds resolution: HTTP dates carry no fractions. */
const mtimeSeconds = (stats: Stats): number => Math.floor(stats.mtimeMs / 1000);

/** If-Match, If-Unmodified-Since, If-None-Match and If-Modified-Since, in RFC 9110 13.2.2 order, against this file. */
export function preconditions(method: string | undefined, headers: IncomingHttpHeaders, stats: Stats): PreconditionOutcome {
  return evaluatePreconditions(method, headers, { etag: etagOf(stats), lastModifiedSeconds: mtimeSeconds(stats) });
}

export type RangeResult = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * One `bytes=` range (first-last, first-, -suffix). Several ranges, other units or bad syntax
 * are ignored (full response), which RFC 9110 14.2 allows; `If-Range` that does not match
 * also gives the full file.
 */
export function selectRange(headers: IncomingHttpHeaders, stats: Stats): RangeResult {
  const header = headers.range;
  if (header === undefined) return { kind: 'full' };
  const ifRange: string | string[] | undefined = headers['if-range'];
  if (ifRange !== undefined && (typeof ifRange !== 'string' || !ifRangeMatches(ifRange.trim(), stats))) return { kind: 'full' };
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header);
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'full' };
  const size = stats.size;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
    if (match[2] !== '' && Number(match[2]) < start) return { kind: 'full' }; // invalid range: ignore
    if (start >= size) return { kind: 'unsatisfiable' };
  }
  return { kind: 'partial', start, end };
}

function ifRangeMatches(value: string, stats: Stats): boolean {
  if (value.startsWith('"')) return value === etagOf(stats); // strong comparison only
  if (value.startsWith('W/')) return false;
  const date = Date.parse(value);
  return !Number.isNaN(date) && Math.floor(date / 1000) === mtimeSeconds(stats);
}
