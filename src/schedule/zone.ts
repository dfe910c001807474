/**
 * Time-zone arithmetic with `Intl.DateTimeFormat` only (no zone library): offsets, the local
 * wall clock of an instant, and the instant of a wall-clock time — with the DST rules of
 * docs/design.md 1 ("Times are wall-clock in that zone and follow DST"):
 * - a wall-clock time inside a skipped hour (spring forward) runs at the first valid instant
 *   after the gap, i.e. at the transition itself (02:30 → 03:00 CEST on 2026-03-29);
 * - a wall-clock time that happens twice (fall back) runs once, at the first occurrence.
 */
import { UpdopsError } from '../errors.js';
import { DAY_MS, dayNumber, type LocalDateTime } from './civil.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch (cause) {
      throw new UpdopsError('TIME_ZONE', `unknown IANA time zone "${zone}"`, { cause });
    }
    formatters.set(zone, f);
  }
  return f;
}

/** True when `zone` is an IANA zone this runtime knows (validation can report it instead). */
export function isValidTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `zone` at `instantMs` (whole seconds), read through the cached offset. */
export function localDateTime(instantMs: number, zone: string): LocalDateTime {
  const d = new Date(Math.floor(instantMs / 1000) * 1000 + zoneOffsetMs(instantMs, zone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** The wall clock in `zone` straight from Intl (slow: ~10 µs a call). */
function intlDateTime(instantMs: number, zone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(zone).formatToParts(new Date(instantMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The local wall clock read as if it were UTC, in ms. */
function localAsUtcMs(local: LocalDateTime): number {
  return dayNumber(local.year, local.month, local.day) * DAY_MS + ((local.hour * 60 + local.minute) * 60 + local.second) * 1000;
}

function intlOffsetMs(instantMs: number, zone: string): number {
  const whole = Math.floor(instantMs / 1000) * 1000;
  return localAsUtcMs(intlDateTime(whole, zone)) - whole;
}

/**
 * Offsets are cached per zone in 15-minute UTC buckets: Intl is slow (bench/schedule.ts) and
 * every offset change since 1970 falls on a quarter hour of UTC. A bucket is cached only when
 * its first and last second agree, so a bucket holding a transition is always asked exactly.
 */
const BUCKET_MS = 15 * 60_000;
const MAX_CACHED_BUCKETS = 100_000;
const offsetCache = new Map<string, Map<number, number>>();

/** UTC offset of `zone` at `instantMs`, in ms (east of UTC positive). */
export function zoneOffsetMs(instantMs: number, zone: string): number {
  const bucket = Math.floor(instantMs / BUCKET_MS);
  let buckets = offsetCache.get(zone);
  const hit = buckets?.get(bucket);
  if (hit !== undefined) return hit;
  const first = intlOffsetMs(bucket * BUCKET_MS, zone);
  const last = intlOffsetMs((bucket + 1) * BUCKET_MS - 1000, zone);
  if (first !== last) return intlOffsetMs(instantMs, zone);
  if (!buckets || buckets.size >= MAX_CACHED_BUCKETS) {
    buckets = new Map();
    offsetCache.set(zone, buckets);
  }
  buckets.set(bucket, first);
  return first;
}

/** The local day number (days since 1970-01-01 in the zone's calendar) of an instant. */
export function localDayNumber(instantMs: number, zone: string): number {
  const l = localDateTime(instantMs, zone);
  return dayNumber(l.year, l.month, l.day);
}

/**
 * The instant a wall-clock time happens in `zone`. Candidates use the offsets a day before and
 * after (real zones change offset at most once in that span); a candidate is real when the
 * zone's offset at it is the one assumed. Two real candidates = fall-back overlap → the earlier.
 * None = spring-forward gap → the transition instant (first valid instant after the gap).
 */
export function wallClockToInstant(local: LocalDateTime, zone: string): number {
  const wall = localAsUtcMs(local);
  const before = zoneOffsetMs(wall - DAY_MS, zone);
  const after = zoneOffsetMs(wall + DAY_MS, zone);
  const real = [wall - before, wall - after].filter((c, i) => zoneOffsetMs(c, zone) === (i === 0 ? before : after));
  if (real.length > 0) return Math.min(...real);
  return transitionBetween(wall - after, wall - before, zone);
}

/** Binary search for the first instant in (lo, hi] whose offset differs from the one at `lo`. */
function transitionBetween(lo: number, hi: number, zone: string): number {
  const start = zoneOffsetMs(lo, zone);
  let a = lo;
  let b = hi;
  while (b - a > 1000) {
    const mid = Math.floor((a + b) / 2000) * 1000;
    if (zoneOffsetMs(mid, zone) === start) a = mid;
    else b = mid;
  }
  return b;
}

/** Throws `TIME_ZONE` for a zone this runtime does not know (the engine's only zone check). */
export function assertTimeZone(zone: string): void {
  formatterFor(zone);
}
