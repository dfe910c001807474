/**
 * HTTP conditional requests, evaluated as RFC 9110 section 13.2.2 orders them — one implementation
 * for the repository server and the controller's API:
 *   1. If-Match (strong comparison): false → 412;
 *   2. else If-Unmodified-Since, when the resource has a modification date: later → 412;
 *   3. If-None-Match (weak comparison): false → 304 for GET/HEAD, 412 for any other method;
 *   4. else If-Modified-Since (GET/HEAD only): not later → 304.
 * If-Range belongs to range handling and is left to the caller. A date that does not parse is
 * ignored, as the RFC asks.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** What the server knows of the current representation; `undefined`: there is none. */
export interface Validators {
  /** A strong or weak entity tag, quoted: `"abc"` or `W/"abc"`. */
  etag?: string | undefined;
  /** Modification time in whole seconds since the epoch (HTTP dates have no fractions). */
  lastModifiedSeconds?: number | undefined;
}

export type PreconditionOutcome = 'proceed' | 'not-modified' | 'precondition-failed';

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

function entityTags(list: string): string[] {
  return list
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

const opaque = (tag: string): string => tag.replace(/^W\//, '');

/** RFC 9110 13.1.1: `*` matches any current representation; otherwise strong comparison (no weak tags). */
function ifMatchHolds(list: string, current: Validators | undefined): boolean {
  if (!current) return false;
  if (list.trim() === '*') return true;
  const etag = current.etag;
  if (!etag || etag.startsWith('W/')) return false;
  return entityTags(list).some((tag) => !tag.startsWith('W/') && tag === etag);
}

/** RFC 9110 13.1.2: `*` fails when a representation exists; otherwise weak comparison. */
function ifNoneMatchHolds(list: string, current: Validators | undefined): boolean {
  if (!current) return true;
  if (list.trim() === '*') return false;
  const etag = current.etag;
  if (!etag) return true;
  return !entityTags(list).some((tag) => opaque(tag) === opaque(etag));
}

function secondsOf(date: string): number | undefined {
  const ms = Date.parse(date);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

export function evaluatePreconditions(method: string | undefined, headers: IncomingHttpHeaders, current: Validators | undefined): PreconditionOutcome {
  const read = method === 'GET' || method === 'HEAD';
  const ifMatch = headerValue(headers['if-match']);
  if (ifMatch !== undefined) {
    if (!ifMatchHolds(ifMatch, current)) return 'precondition-failed';
  } else {
    const ius = headerValue(headers['if-unmodified-since']);
    const since = ius === undefined ? undefined : secondsOf(ius);
    const modified = current?.lastModifiedSeconds;
    if (since !== undefined && modified !== undefined && modified > since) return 'precondition-failed';
  }
  const ifNoneMatch = headerValue(headers['if-none-match']);
  if (ifNoneMatch !== undefined) {
    if (!ifNoneMatchHolds(ifNoneMatch, current)) return read ? 'not-modified' : 'precondition-failed';
  } else if (read) {
    const ims = headerValue(headers['if-modified-since']);
    const since = ims === undefined ? undefined : secondsOf(ims);
    const modified = current?.lastModifiedSeconds;
    if (since !== undefined && modified !== undefined && modified <= since) return 'not-modified';
  }
  return 'proceed';
}
