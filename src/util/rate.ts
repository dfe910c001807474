/**
 * The two quantities manifests write as text (docs/manifest-reference.md): a bandwidth rate
 * (`2MB/s`) and a duration (`1h30m`). One parser each, used by validation and by the code that
 * enforces them, so they cannot disagree.
 */

const RATE = /^([0-9]+(?:\.[0-9]+)?) ?(B|kB|KB|KiB|MB|MiB|GB|GiB)\/s$/;
const RATE_UNITS: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, KiB: 1024, MB: 1e6, MiB: 1024 ** 2, GB: 1e9, GiB: 1024 ** 3 };

/** Bytes per second of `500kB/s`, `2MB/s`, `1.5MiB/s`; undefined when it is not such a rate or below 1 B/s. */
export function parseRate(text: string): number | undefined {
  const m = RATE.exec(text);
  if (!m) return undefined;
  const bytes = Math.floor(Number(m[1]) * RATE_UNITS[m[2]!]!);
  return bytes >= 1 ? bytes : undefined;
}

const DURATION = /^(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?$/;

/**
 * Milliseconds of `90m`, `2h`, `1h30m`, `1d`, and with `seconds` also `30s`, `1m30s` (a rollout's
 * pending timeout; a maintenance window is minutes at the finest); undefined when it is not such
 * a duration or zero.
 */
export function parseCompoundDuration(text: string, options: { seconds?: boolean } = {}): number | undefined {
  const m = DURATION.exec(text);
  if (!m || text === '' || (m[4] !== undefined && !options.seconds)) return undefined;
  const ms = (((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 60 + Number(m[4] ?? 0)) * 1000;
  return ms > 0 ? ms : undefined;
}
