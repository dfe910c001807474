/**
 * Packs the compiled CLI (dist/, from tsc) into dist/bundle/ with esbuild: one file per command
 * and per worker thread, their shared code in chunks. A process then reads a handful of files
 * instead of resolving and parsing several hundred modules, which was about a third of a short
 * command's start-up (docs/architecture.md "Start-up"). It changes no code: tsc has already
 * type-checked and emitted it. Native and lazily loaded heavy packages stay outside.
 *
 * dist/bundle/ sits two levels below the package root, like every dist/ folder, so the paths
 * modules resolve from their own URL (../../schemas, ../../package.json) hold; worker threads are
 * entries of their own, so `siblingModule` finds them beside the chunk that starts them.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist/bundle');

/** Each worker thread module: started by file name, so each must stay an entry of its own. */
const THREADS = ['repository/sync/hash-thread.js', 'repository/publish/delta-thread.js', 'repository/transport/http-file-thread.js'];
/** Native addons, and packages loaded only on demand (PostgreSQL states, the browser test). */
const EXTERNAL = ['better-sqlite3', 'koffi', 'pg', 'pg-boss', 'pg-native', 'playwright-core'];

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: ['dist/cli/main.js', ...THREADS.map((file) => `dist/${file}`)],
  outdir,
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: EXTERNAL,
  // Bundled CommonJS packages call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __updopsRequire } from 'node:module'; const require = __updopsRequire(import.meta.url);" },
  logLevel: 'warning',
});
if (result.errors.length > 0) process.exit(1);
