/**
 * Request paths, split and decoded one segment at a time. Task names are URL-encoded (they hold
 * spaces and may hold `/`), so a parameter is decoded exactly once and then checked: nothing that
 * reads like a path escape (`..`, `\`, NUL, a second layer of %-encoding) reaches the controller.
 */
import { ApiError } from './http.js';

const notFound = (): ApiError => new ApiError('NOT_FOUND', 'no such resource');

/** The raw segments of the path, without the query; `/a/b%20c` → [`a`, `b%20c`]. */
export function rawSegments(url: string | undefined): string[] {
  const path = (url ?? '/').split('?')[0] ?? '/';
  if (!path.startsWith('/') || path.includes('\\')) throw notFound();
  const segments = path.slice(1).split('/');
  // `/api/runs/` and `/api/runs` are the same resource; an empty segment elsewhere is not.
  if (segments.length > 1 && segments.at(-1) === '') segments.pop();
  if (segments.some((s, i) => (s === '' && !(i === 0 && segments.length === 1)) || s === '.' || s === '..')) throw notFound();
  return segments;
}

function hasControlCharacter(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Decodes one path parameter and refuses anything that could escape or be decoded twice. */
export function decodeParam(raw: string): string {
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    throw new ApiError('BAD_REQUEST', 'malformed %-encoding in the path');
  }
  const unsafe =
    value === '' ||
    value.includes('\\') ||
    hasControlCharacter(value) ||
    /%[0-9a-f]{2}/i.test(value) ||
    value.split('/').some((part) => part === '.' || part === '..');
  if (unsafe) throw notFound();
  return value;
}

/** The query string's parameters. */
export function queryOf(url: string | undefined): URLSearchParams {
  const index = (url ?? '').indexOf('?');
  return new URLSearchParams(index < 0 ? '' : (url ?? '').slice(index + 1));
}

/** `limit` query parameter: a whole number in 1..max, default `fallback`. */
export function limitParam(query: URLSearchParams, fallback: number, max = 1000): number {
  const text = query.get('limit');
  if (text === null) return fallback;
  if (!/^\d{1,6}$/.test(text) || Number(text) < 1 || Number(text) > max) throw new ApiError('BAD_REQUEST', `limit must be a whole number from 1 to ${max}`);
  return Number(text);
}

/** An optional filter parameter (`task`, `type`): non-empty and of reasonable size when present. */
/** `?results=none`: a run without its per-device results (what `updops run --wait` polls); absent: with them. */
export function withoutResults(query: URLSearchParams): boolean {
  const value = query.get('results');
  if (value === null || value === 'all') return false;
  if (value === 'none') return true;
  throw new ApiError('BAD_REQUEST', 'results must be none or all');
}

export function filterParam(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (value === '' || value.length > 200) throw new ApiError('BAD_REQUEST', `${name} must be 1 to 200 characters`);
  return value;
}
