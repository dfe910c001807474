/**
 * Derives everything that must follow the JSON Schemas (docs/style.md 5): the TypeScript types in
 * src/manifests/types.generated.ts and the manifest reference in docs/manifest-reference.md.
 * `npm run gen` rewrites them; test/manifests/generated.test.ts fails when they are stale.
 */
import { writeFileSync } from 'node:fs';
import { renderGeneratedFiles } from './generated-files.js';

for (const file of await renderGeneratedFiles()) {
  writeFileSync(file.path, file.content);
  process.stdout.write(`wrote ${file.path}\n`);
}
