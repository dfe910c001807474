/** `updops sync` (docs/design.md 4): thin command, one summary line, errors as one line with a code. */
import path from 'node:path';
import t from 'tap';
import { cli } from '../helpers/in-process-cli.js';
import { FixtureRepo, blob, tempDir, writeLegacy } from './helpers/sync-fixture.js';
import { serveStatic } from './helpers/static-server.js';

const run = (args: string[]): ReturnType<typeof cli> => cli(args);

void t.test('updops sync prints one summary line; a no-op says so', async (t) => {
  const work = await tempDir(t);
  const repo = new FixtureRepo(path.join(work, 'vendor'));
  await repo.publish({ 'databases/kes/a.avc': blob(100_000, 1), 'databases/kes/b.avc': blob(5000, 2) });
  const server = await serveStatic(repo.dir);
  t.teardown(() => server.close());
  const dp = path.join(work, 'dp');
  const first = await run(['sync', '--source', 'http://127.0.0.1:1', '--source', server.url, '--dest', dp, '--trust-root', repo.rootPath(), '--timeout', '2']);
  t.equal(first.code, 0, first.err);
  t.match(first.out, /^synced v1 from http:\/\/127\.0\.0\.1:\d+ : 2 files, 105\.0 kB in \d+\.\d s\n$/);
  t.match(first.err, /warning: http:\/\/127\.0\.0\.1:1 failed: SOURCE_UNREACHABLE/);
  const again = await run(['sync', '--source', server.url, '--dest', dp]);
  t.match(again.out, /v1 from .* is already in place \(2 requests/);
});

void t.test('updops sync on a legacy-only source without --legacy fails with one line naming the flag', async (t) => {
  const work = await tempDir(t);
  await writeLegacy(path.join(work, 'old'), { 'databases/kes/a.avc': Buffer.from('x') });
  const res = await run(['sync', '--source', path.join(work, 'old'), '--dest', path.join(work, 'dp')]);
  t.equal(res.code, 1);
  t.match(res.err, /^error: LEGACY_SCHEME_REQUIRED: .*--legacy/);
  const ok = await run(['sync', '--source', path.join(work, 'old'), '--dest', path.join(work, 'dp'), '--legacy']);
  t.equal(ok.code, 0, ok.err);
  t.match(ok.out, /synced old-scheme files from .* : 1 file, 1 B/);
});
