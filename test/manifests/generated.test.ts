import { readFileSync } from 'node:fs';
import t from 'tap';
import { renderGeneratedFiles } from '../../scripts/generated-files.js';

t.test('types and manifest reference are current with the schemas (run `npm run gen`)', async (t) => {
  for (const file of await renderGeneratedFiles()) {
    t.equal(readFileSync(file.path, 'utf8'), file.content, file.path.replace(/^.*?(src|docs)\//, '$1/'));
  }
});
