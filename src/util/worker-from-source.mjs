/**
 * Starts a TypeScript worker module when updops runs from source (worker-pool.ts `startWorker`;
 * from dist/ the compiled module is started directly and this file is never loaded). A worker
 * inherits the parent's loader flags: tap's TypeScript loader registers itself in the worker,
 * but tsx on Node 20 does not (it does so in worker threads only from Node 22.22 and 24.11), so
 * when the module cannot be loaded as it is, tsx is registered in this thread and it is loaded
 * again, under another URL since the failed load is cached.
 */
import process from 'node:process';

const module = String(process.argv.at(-1));
try {
  await import(module);
} catch (error) {
  if (/** @type {{ code?: unknown } | null} */ (error)?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
  const { register } = await import('tsx/esm/api');
  register();
  await import(`${module}?tsx`);
}
