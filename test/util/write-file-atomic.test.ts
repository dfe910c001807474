/** The one atomic write (docs/repository-format.md "Atomic switch"): whole file or the old one, no temp left. */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { TEMP_PREFIX, tempNameFor, writeFileAtomic } from '../../src/util/write-file-atomic.js';
import { tempDir } from '../helpers/temp-dir.js';

void t.test('writes a new file, creating its folder, and leaves no temp file', async (t) => {
  const dir = await tempDir(t);
  const file = path.join(dir, 'a', 'b', 'state.json');
  await writeFileAtomic(file, '{"v":1}\n');
  t.equal(await readFile(file, 'utf8'), '{"v":1}\n');
  t.same(await readdir(path.dirname(file)), ['state.json']);
});

void t.test('replaces an existing file with the new bytes, strings and buffers alike', async (t) => {
  const dir = await tempDir(t);
  const file = path.join(dir, 'timestamp.json');
  await writeFile(file, 'old');
  await writeFileAtomic(file, Buffer.from([1, 2, 3]));
  t.same(await readFile(file), Buffer.from([1, 2, 3]));
  await writeFileAtomic(file, 'new');
  t.equal(await readFile(file, 'utf8'), 'new');
  t.same(await readdir(dir), ['timestamp.json']);
});

void t.test('a failed rename keeps the old file and removes the temp', async (t) => {
  const dir = await tempDir(t);
  const target = path.join(dir, 'taken');
  await mkdir(path.join(target, 'inside'), { recursive: true }); // a non-empty folder cannot be renamed over
  await t.rejects(writeFileAtomic(target, 'x'));
  t.same(await readdir(dir), ['taken'], 'no temp file left beside it');
  t.same(await readdir(target), ['inside']);
});

void t.test('temp names sit in the same folder, start with the prefix prune and serve skip, and differ', async (t) => {
  const a = tempNameFor('/srv/repo/metadata/timestamp.json');
  const b = tempNameFor('/srv/repo/metadata/timestamp.json');
  t.equal(path.dirname(a), '/srv/repo/metadata');
  t.ok(path.basename(a).startsWith(TEMP_PREFIX));
  t.ok(path.basename(a).endsWith('-timestamp.json'));
  t.not(a, b);
});

void t.test('concurrent writers: the file holds one complete version', async (t) => {
  const dir = await tempDir(t);
  const file = path.join(dir, 'f');
  const versions = Array.from({ length: 20 }, (_, i) => String(i).repeat(10_000));
  await Promise.all(versions.map((v) => writeFileAtomic(file, v)));
  t.ok(versions.includes(await readFile(file, 'utf8')));
  t.same(await readdir(dir), ['f']);
});
