/** The rename dance recovers from a crash at any point: `bases` is always one complete set. */
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { basesSet, prepareStaging, recoverSet, switchSet } from '../../src/endpoint/index.js';
import { tempDir } from './helpers/vendor.js';

async function makeSet(dir: string, marker: string): Promise<void> {
  await mkdir(path.join(dir, 'targets'), { recursive: true });
  await writeFile(path.join(dir, 'targets', 'f'), marker);
}

void t.test('crash after bases → bases.previous: the previous set comes back', async (t) => {
  const root = await tempDir(t, 'updops-set-');
  const set = basesSet(root);
  await makeSet(set.previous, 'old');
  await recoverSet(set);
  t.equal(await readFile(path.join(set.live, 'targets', 'f'), 'utf8'), 'old');
  t.same((await readdir(root)).sort(), ['bases']);
});

void t.test('crash after staging → bases: the leftover previous set is removed', async (t) => {
  const root = await tempDir(t, 'updops-set-');
  const set = basesSet(root);
  await makeSet(set.previous, 'old');
  await makeSet(set.live, 'new');
  await recoverSet(set);
  t.equal(await readFile(path.join(set.live, 'targets', 'f'), 'utf8'), 'new');
  t.same((await readdir(root)).sort(), ['bases']);
});

void t.test('staging is seeded with links, never written through; a crashed staging hands over its partial downloads', async (t) => {
  const root = await tempDir(t, 'updops-set-');
  const set = basesSet(root);
  await makeSet(set.live, 'live');
  const crashed = await prepareStaging(set);
  await mkdir(path.join(crashed, '.updops', 'partial'), { recursive: true });
  await writeFile(path.join(crashed, '.updops', 'partial', 'x.part'), 'half');
  const staging = await prepareStaging(set);
  t.same(await readdir(set.stagingRoot), [path.basename(staging)], 'the crashed staging is gone');
  t.equal(await readFile(path.join(staging, '.updops', 'partial', 'x.part'), 'utf8'), 'half', 'its partial file carried over');
  t.equal(await readFile(path.join(staging, 'targets', 'f'), 'utf8'), 'live');
  await writeFile(path.join(staging, 'targets', 'f.tmp'), 'next');
  await rename(path.join(staging, 'targets', 'f.tmp'), path.join(staging, 'targets', 'f'));
  t.equal(await readFile(path.join(set.live, 'targets', 'f'), 'utf8'), 'live', 'replacing by rename leaves the live set alone');
  await switchSet(set, staging);
  t.equal(await readFile(path.join(set.live, 'targets', 'f'), 'utf8'), 'next');
  t.same((await readdir(root)).sort(), ['.staging', 'bases']);
});
