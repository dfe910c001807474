import { createHash } from 'node:crypto';
import { stableStringify } from '../util/index.js';

export { stableStringify };

/** sha256 (hex) of the stable JSON of a normalized spec — the `specHash` recorded per object. */
export function specHash(spec: unknown): string {
  return createHash('sha256').update(stableStringify(spec)).digest('hex');
}
