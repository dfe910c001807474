/** Small helpers every layer uses; one implementation each. */
export { formatBytes } from './format-bytes.js';
export { acquirePidLock } from './pid-lock.js';
export type { PidLockOptions, ReleaseLock } from './pid-lock.js';
export { TEMP_PREFIX, tempNameFor, writeFileAtomic } from './write-file-atomic.js';
