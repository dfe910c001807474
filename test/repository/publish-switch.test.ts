/**
 * The atomic switch (docs/repository-format.md): a reader polling the folder while a publish
 * runs always sees one complete version, and two publishes never interleave.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import t from 'tap';
import { generateKeys } from '../../src/repository/keys.js';
import { publishRepository, readLocalRepository } from '../../src/repository/publish/index.js';
import { mutate, sha256, tempDir, writeContent } from './publish-fixture.js';

t.test('a reader during a publish sees version 1 or version 2, complete, never a mix', async (t) => {
  const dir = await tempDir(t);
  const keysDir = path.join(dir, 'keys');
  await generateKeys(keysDir);
  const repoDir = path.join(dir, 'repo');
  const v1: Record<string, Buffer> = {};
  for (let i = 0; i < 12; i++) v1[`databases/kes/f${i}.avc`] = randomBytes(50_000);
  const v2 = Object.fromEntries(Object.entries(v1).map(([p, b], i) => [p, mutate(b, i + 1)]));
  await writeContent(path.join(dir, 'c1'), v1);
  await writeContent(path.join(dir, 'c2'), v2);
  await publishRepository({ contentDir: path.join(dir, 'c1'), repoDir, keysDir });

  let finished = false;
  const seen = new Map<number, number>();
  const reader = (async () => {
    while (!finished) {
      const local = (await readLocalRepository(repoDir))!;
      const expected = local.version === 1 ? v1 : v2;
      for (const [p, data] of Object.entries(expected)) {
        if (local.targets.get(p)?.sha256 !== sha256(data)) throw new Error(`version ${local.version} has a wrong ${p}`);
      }
      seen.set(local.version, (seen.get(local.version) ?? 0) + 1);
    }
  })();
  await publishRepository({ contentDir: path.join(dir, 'c2'), repoDir, keysDir, deltas: 1 });
  finished = true;
  await reader;
  t.ok((seen.get(1) ?? 0) > 0, `reads during the publish saw version 1 (${seen.get(1)} times)`);
  t.equal((await readLocalRepository(repoDir))?.version, 2);
});

t.test('two publishes into one folder at once: one wins, the other is refused', async (t) => {
  const dir = await tempDir(t);
  const keysDir = path.join(dir, 'keys');
  await generateKeys(keysDir);
  const repoDir = path.join(dir, 'repo');
  await writeContent(path.join(dir, 'c'), { 'databases/kes/a': randomBytes(200_000) });
  const results = await Promise.allSettled([
    publishRepository({ contentDir: path.join(dir, 'c'), repoDir, keysDir }),
    publishRepository({ contentDir: path.join(dir, 'c'), repoDir, keysDir }),
  ]);
  const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  t.equal(rejected.length, 1);
  t.equal((rejected[0]?.reason as { code?: string }).code, 'PUBLISH');
  const next = await publishRepository({ contentDir: path.join(dir, 'c'), repoDir, keysDir });
  t.equal(next.version, 2, 'the lock is released afterwards');
});
