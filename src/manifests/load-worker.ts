/**
 * Worker side of parallel loading (load-parallel.ts): parses and schema-checks a slice of the
 * files and sends back plain data. Locators (functions over YAML nodes) cannot cross threads;
 * the main thread re-parses a file only if it ever needs a position in it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadManifestFiles } from './load.js';

const { files } = workerData as { files: string[] };
const result = loadManifestFiles(files);
parentPort?.postMessage({
  manifests: result.manifests.map(({ manifest, file, index }) => ({ manifest, file, index })),
  problems: result.problems,
  rejected: result.rejected ?? [],
});
