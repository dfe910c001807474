/**
 * A sync cancelled through its signal puts the destination back as it was (src/repository/sync/
 * checkpoint.ts): the whole tree, `.updops/` included — no new target finished before the cancel,
 * no partial download, no trusted metadata of the version it never switched to — on the main
 * thread and through the download workers. A sync that fails on its own keeps what it fetched.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { syncRepository } from '../../src/repository/sync/index.js';
import { blob, treeHash } from './helpers/sync-fixture.js';
import { mirroredRepo } from './helpers/static-server.js';
import { until } from '../helpers/wait.js';

const v1 = { 'databases/kes/daily.avc': blob(200_000, 1), 'databases/kes/tiny.dat': blob(300, 2) };
const v2 = { ...v1, 'databases/kes/daily.avc': blob(200_000, 3), 'databases/kes/new.dat': blob(500, 4), 'databases/kes/big.avc': blob(2_000_000, 5) };
const everything = (): boolean => false;

for (const workerMinBytes of [Infinity, 0]) {
  void t.test(`cancelled mid-download (${workerMinBytes === 0 ? 'download workers' : 'main thread'}): the destination is byte-identical, .updops/ included`, async (t) => {
    const s = await mirroredRepo(t, v1);
    const before = await treeHash(s.dp, everything);
    // A partial download an earlier, failed sync left (of another version): it stays for the next sync.
    const leftover = path.join(s.dp, '.updops', 'partial', 'leftover.part');
    await mkdir(path.dirname(leftover), { recursive: true });
    await writeFile(leftover, Buffer.alloc(100, 7));
    const withLeftover = await treeHash(s.dp, everything);
    await s.repo.publish(v2);
    let hung = false;
    s.setOverride((req, res) => {
      if (!req.url?.includes('big.avc')) return false;
      res.writeHead(200, { 'content-length': String(2_000_000) });
      res.write(Buffer.alloc(64 * 1024)); // then nothing: only the cancel ends this
      hung = true;
      return true;
    });
    const controller = new AbortController();
    const sync = syncRepository({ sources: [{ url: s.server.url }], dest: s.dp, trustRoot: s.repo.rootPath(), retries: 0, workerMinBytes, timeoutSeconds: 30 }, controller.signal).then(
      () => undefined,
      (error: unknown) => error,
    );
    await until('the big target to be half-downloaded and the small ones done', async () => hung && (await treeHash(s.dp, everything)).size > withLeftover.size + 1);
    const during = await treeHash(s.dp, everything);
    t.ok([...during.keys()].some((rel) => rel.startsWith('targets/') && !before.has(rel)), 'a new target was complete before the cancel');
    controller.abort(new Error('cancelled by the test'));
    t.ok((await sync) instanceof Error, 'the cancelled sync throws');
    t.same(await treeHash(s.dp, everything), withLeftover, 'every file as before the sync: served tree and .updops/');
    t.equal((await stat(leftover)).size, 100);
  });
}

void t.test('a sync that fails on its own keeps the whole targets it fetched (the next one resumes)', async (t) => {
  const s = await mirroredRepo(t, v1);
  await s.repo.publish(v2);
  s.setOverride((req, res) => {
    if (!req.url?.includes('big.avc')) return false;
    res.writeHead(404).end();
    return true;
  });
  const failed = await syncRepository({ sources: [{ url: s.server.url }], dest: s.dp, trustRoot: s.repo.rootPath(), retries: 0 }, new AbortController().signal).catch((e: unknown) => e);
  t.ok(failed instanceof Error);
  const after = await treeHash(s.dp, everything);
  t.ok([...after.keys()].some((rel) => rel.startsWith('targets/') && !s.before.has(rel)), 'new whole targets stay for the next sync');
});
