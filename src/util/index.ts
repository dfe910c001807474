/** Small helpers every layer uses, one implementation each: the entry of src/util/ (docs/architecture.md "Layers"). */
export { systemClock, FakeClock, type Clock } from './clock.js';
export { formatBytes } from './format-bytes.js';
export { evaluatePreconditions, type PreconditionOutcome, type Validators } from './http-preconditions.js';
export { hashFile, hashFileSync, hashPrefixSync, sha256OfFile, type FileHash } from './hash-file.js';
export { acquirePidLock, isAlive } from './pid-lock.js';
export type { PidLockOptions, ReleaseLock } from './pid-lock.js';
export { REDACTED, redactUrl } from './redact-url.js';
export { stableStringify } from './stable-json.js';
export { TEMP_PREFIX, tempNameFor, writeFileAtomic } from './write-file-atomic.js';
export { WorkerPool, fromThreadError, siblingModule, startWorker, toThreadError, type ReplyOutcome, type ThreadError } from './worker-pool.js';
export { checkListen, hostPort, isLoopbackHost, listenError, listenOn, type ListenAt } from './listen.js';
export { parseCompoundDuration, parseRate } from './rate.js';
