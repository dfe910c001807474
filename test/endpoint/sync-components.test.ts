/**
 * `components` in `syncRepository` (the Update task takes only `databases` or `modules`; the
 * download task's `components` setting): other targets are neither downloaded nor kept, the
 * metadata is copied whole, a second sync is a no-op, and widening the filter fetches the rest.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { readLocalRepository } from '../../src/repository/publish/index.js';
import { syncRepository } from '../../src/repository/sync/index.js';
import { blob, databases, makeVendor, tempDir, treeHash } from './helpers/vendor.js';

void t.test('only the listed components are fetched and kept', async (t) => {
  const work = await tempDir(t, 'updops-comp-');
  const vendor = await makeVendor(t, work, { ...databases(1), 'modules/kes/app.bin': blob(10_000, 1), 'applications/kes/x.txt': 'x' }, undefined, 1);
  const dest = path.join(work, 'mirror');
  const first = await syncRepository({ sources: [{ url: vendor.url }], dest, trustRoot: vendor.trustRoot, components: ['databases'], diffs: true });
  t.equal(first.files, 3);
  t.same((await readdir(path.join(dest, 'targets'))).sort(), ['databases'], 'no other component on disk');
  t.equal((await readLocalRepository(dest))?.targets.size, 5, 'the metadata lists every target, as signed');
  const tufOnly = (rel: string): boolean => !rel.startsWith('metadata');
  t.same(await treeHash(path.join(dest), (r) => r.startsWith('.') || tufOnly(r)), await treeHash(vendor.dir, tufOnly), 'metadata copied whole');

  const noop = await syncRepository({ sources: [{ url: vendor.url }], dest, components: ['databases'] });
  t.equal(noop.changed, false, 'a filtered mirror can be a no-op');
  t.equal(noop.requests, 2, 'the absent next root and the timestamp');

  const v2 = { ...databases(1), 'databases/kes/base-00.avc': blob(50_000, 77), 'modules/kes/app.bin': blob(10_000, 2), 'applications/kes/x.txt': 'x' };
  await vendor.publish(v2);
  const second = await syncRepository({ sources: [{ url: vendor.url }], dest, components: ['databases'], diffs: true });
  t.equal(second.files, 1, 'only the changed database (no module, no module diff)');
  t.same((await readdir(path.join(dest, 'targets'))).sort(), ['databases']);

  const wide = await syncRepository({ sources: [{ url: vendor.url }], dest, components: ['databases', 'modules'] });
  t.equal(wide.files, 1, 'widening the filter fetches the module');
  t.same((await readdir(path.join(dest, 'targets'))).sort(), ['databases', 'modules']);
});
