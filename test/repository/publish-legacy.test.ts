/** Old scheme (docs/design.md 3): SHA256SUMS with `# published:`, beside TUF or alone. */
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import type { Test } from 'tap';
import { generateKeys } from '../../src/repository/keys.js';
import { publishRepository, readLocalRepository } from '../../src/repository/publish/index.js';
import { sha256, tempDir, writeContent } from './publish-fixture.js';

const run = promisify(execFile);
const PUBLISHED = '2025-04-02T08:00:00Z';

/** What `sha256sum -c` checks: every listed file exists and has the listed hash. */
async function checkSums(t: Test, repoDir: string): Promise<Map<string, string>> {
  const text = await readFile(path.join(repoDir, 'SHA256SUMS'), 'utf8');
  t.match(text, /^# published: 2025-04-02T08:00:00Z\n/, 'published comment line first');
  const listed = new Map<string, string>();
  for (const line of text.trimEnd().split('\n').slice(1)) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    t.ok(m, `coreutils line: ${line}`);
    listed.set(m![2]!, m![1]!);
    t.equal(sha256(await readFile(path.join(repoDir, m![2]!))), m![1], `${m![2]} matches`);
  }
  const real = await run('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: repoDir }).catch((e: Error) => e);
  if (!(real instanceof Error)) t.pass('sha256sum -c accepts the file');
  else if ((real as NodeJS.ErrnoException).code !== 'ENOENT') t.fail(`sha256sum -c failed: ${real.message}`);
  return listed;
}

t.test('--with-legacy writes SHA256SUMS and plain files (hard links) beside the TUF repository', async (t) => {
  const dir = await tempDir(t);
  const keysDir = path.join(dir, 'keys');
  await generateKeys(keysDir);
  const repoDir = path.join(dir, 'repo');
  const content = path.join(dir, 'c1');
  await writeContent(content, { 'databases/kes/a.avc': 'aaa', 'databases/kes/b.avc': 'bbb', 'modules/agent/m.bin': 'mmm' });
  await publishRepository({ contentDir: content, repoDir, keysDir, legacy: 'with', published: PUBLISHED });
  const listed = await checkSums(t, repoDir);
  t.same([...listed.keys()], ['databases/kes/a.avc', 'databases/kes/b.avc', 'modules/agent/m.bin']);
  t.equal((await readLocalRepository(repoDir))?.version, 1, 'TUF metadata too');
  const plain = await stat(path.join(repoDir, 'databases/kes/a.avc'));
  const target = await stat(path.join(repoDir, 'targets/databases/kes', `${sha256('aaa')}.a.avc`));
  t.equal(plain.ino, target.ino, 'plain file is a hard link to the target file');

  // v2 drops b: its plain file goes; a changes.
  const c2 = path.join(dir, 'c2');
  await writeContent(c2, { 'databases/kes/a.avc': 'aaa2', 'modules/agent/m.bin': 'mmm' });
  const r = await publishRepository({ contentDir: c2, repoDir, keysDir, legacy: 'with', published: PUBLISHED });
  t.same(r.removed, ['databases/kes/b.avc']);
  const listed2 = await checkSums(t, repoDir);
  t.same([...listed2.keys()], ['databases/kes/a.avc', 'modules/agent/m.bin']);
  t.notOk(await stat(path.join(repoDir, 'databases/kes/b.avc')).catch(() => undefined), 'removed plain file gone');

  // v3 without legacy: the old list and its plain files go (a stale list would mislead old readers).
  await publishRepository({ contentDir: c2, repoDir, keysDir });
  t.notOk(await stat(path.join(repoDir, 'SHA256SUMS')).catch(() => undefined));
  t.notOk(await stat(path.join(repoDir, 'databases')).catch(() => undefined));
});

t.test('--legacy-only leaves SHA256SUMS and plain files, no metadata/ and no targets/', async (t) => {
  const dir = await tempDir(t);
  const repoDir = path.join(dir, 'repo');
  const content = path.join(dir, 'c');
  await writeContent(content, { 'databases/kes/a.avc': 'aaa', 'databases/kes/VERSION': '7', 'modules/agent/m.bin': 'mmm' });
  const r = await publishRepository({ contentDir: content, repoDir, keysDir: '', legacy: 'only', published: PUBLISHED });
  t.same(r, { version: 0, targets: 2, changed: ['databases/kes/a.avc', 'modules/agent/m.bin'], removed: [], deltas: 0, bytes: r.bytes });
  await checkSums(t, repoDir);
  t.notOk(await stat(path.join(repoDir, 'metadata')).catch(() => undefined), 'no metadata/');
  t.notOk(await stat(path.join(repoDir, 'targets')).catch(() => undefined), 'no targets/');
  t.equal(await readLocalRepository(repoDir), undefined);

  const again = await publishRepository({ contentDir: content, repoDir, keysDir: '', legacy: 'only', published: PUBLISHED });
  t.same(again.changed, [], 'nothing changed');
  t.equal(again.bytes, (await stat(path.join(repoDir, 'SHA256SUMS'))).size, 'only SHA256SUMS rewritten: unchanged files are not copied again');
});

t.test('--legacy-only refuses a folder that already holds a TUF repository', async (t) => {
  const dir = await tempDir(t);
  const keysDir = path.join(dir, 'keys');
  await generateKeys(keysDir);
  const repoDir = path.join(dir, 'repo');
  await writeContent(path.join(dir, 'c'), { 'databases/kes/a.avc': 'aaa' });
  await publishRepository({ contentDir: path.join(dir, 'c'), repoDir, keysDir });
  await t.rejects(publishRepository({ contentDir: path.join(dir, 'c'), repoDir, keysDir, legacy: 'only' }), { code: 'PUBLISH' });
});
