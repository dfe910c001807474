/** The entry of src/util/ for other folders (docs/architecture.md "Layers"). */
export { systemClock } from './clock.js';
export type { Clock } from './clock.js';
export { sha256OfFile } from './hash-file.js';
export { stableStringify } from './stable-json.js';
export { hashFile } from './hash-file.js';
export { WorkerPool } from './worker-pool.js';
export type { ReplyOutcome } from './worker-pool.js';
