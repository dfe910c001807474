/** Decimal units, as disks and download tools show them; the last one takes everything above. */
const UNITS = [
  { unit: 'kB', size: 1e3, digits: 1 },
  { unit: 'MB', size: 1e6, digits: 1 },
  { unit: 'GB', size: 1e9, digits: 2 },
] as const;

/** Byte counts and rates for people: `0 B`, `512 B`, `1.0 kB`, `3.4 MB`, `1.25 GB`. */
export function formatBytes(bytes: number): string {
  const whole = Math.round(bytes); // rates are fractional; a byte is not
  if (whole < 1e3) return `${whole} B`;
  for (const { unit, size, digits } of UNITS) {
    const text = (bytes / size).toFixed(digits);
    // 999,960 B is "1.0 MB", not "1000.0 kB".
    if (Number(text) < 1e3 || unit === 'GB') return `${text} ${unit}`;
  }
  return `${bytes} B`; // not reached: the loop ends on GB
}
