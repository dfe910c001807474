/** The entry of src/util/ for other folders (docs/architecture.md "Layers"). */
export { systemClock } from './clock.js';
export type { Clock } from './clock.js';
export { sha256OfFile } from './hash-file.js';
export { stableStringify } from './stable-json.js';
export { hashFile } from './hash-file.js';
export { WorkerPool } from './worker-pool.js';
export type { ReplyOutcome } from './worker-pool.js';
export { siblingModule } from './worker-pool.js';
export { startWorker } from './worker-pool.js';
export { hashFileSync } from './hash-file.js';
export type { FileHash } from './hash-file.js';
export { fromThreadError } from './worker-pool.js';
export { toThreadError } from './worker-pool.js';
export type { ThreadError } from './worker-pool.js';
export { hashPrefixSync } from './hash-file.js';
