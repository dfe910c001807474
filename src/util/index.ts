/** Small helpers every layer uses; one implementation each. */
export { formatBytes } from './format-bytes.js';
export { hashFile, sha256OfFile } from './hash-file.js';
export { acquirePidLock } from './pid-lock.js';
export type { PidLockOptions, ReleaseLock } from './pid-lock.js';
export { REDACTED, redactUrl } from './redact-url.js';
export { TEMP_PREFIX, tempNameFor, writeFileAtomic } from './write-file-atomic.js';
