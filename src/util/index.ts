/** Small helpers every layer uses; one implementation each. */
export { TEMP_PREFIX, tempNameFor, writeFileAtomic } from './write-file-atomic.js';
