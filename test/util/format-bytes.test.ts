/** The one byte formatter: `updops runs` tables and apply progress lines. */
import t from 'tap';
import { formatBytes } from '../../src/util/format-bytes.js';

const cases: [number, string][] = [
  [0, '0 B'],
  [999, '999 B'],
  [523.6, '524 B'],
  [999.6, '1.0 kB'],
  [1000, '1.0 kB'],
  [1536, '1.5 kB'],
  [999_960, '1.0 MB'],
  [3_400_000, '3.4 MB'],
  [1_250_000_000, '1.25 GB'],
  [4_000_000_000_000, '4000.00 GB'],
];

for (const [bytes, expected] of cases) {
  void t.test(`${bytes} → ${expected}`, async (t) => {
    t.equal(formatBytes(bytes), expected);
  });
}
