/** A TufBuilder repository served on 127.0.0.1, and a TufSession client on it (the tuf-client-* tests). */
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { TufSession } from '../../../src/repository/sync/client-session.js';
import { metadataSource } from '../../../src/repository/sync/remote-metadata.js';
import { trustedDir } from '../../../src/repository/sync/trusted-dir.js';
import { openTransport } from '../../../src/repository/transport/index.js';
import { tempDir } from './sync-fixture.js';
import { serveStatic } from './static-server.js';
import { TufBuilder } from './tuf-builder.js';

type Teardown = { teardown(fn: () => unknown): void };

export async function servedBuilder(t: Teardown, prefix: string, build: (repo: TufBuilder) => Promise<void> | void) {
  const work = await tempDir(t, prefix);
  const repo = new TufBuilder(path.join(work, 'vendor'));
  await build(repo);
  await repo.publish();
  const server = await serveStatic(repo.dir);
  t.teardown(() => server.close());
  return { work, repo, server, firstRoot: path.join(repo.metadataDir, '1.root.json') };
}

/** A refreshed client session on `url` (a repository root) that starts from `rootFile`, its trusted files in a fresh folder under `work`. */
export async function clientSession(t: Teardown, work: string, url: string, rootFile: string): Promise<TufSession> {
  const dir = path.join(work, `client-${Math.random().toString(16).slice(2)}`);
  await mkdir(dir, { recursive: true });
  await copyFile(rootFile, path.join(dir, 'root.json'));
  const transport = openTransport(url, { concurrency: 1, timeoutMs: 5000 });
  t.teardown(() => transport.close());
  const session = await TufSession.start(metadataSource(transport, 'metadata/'), trustedDir(dir));
  await session.refresh();
  return session;
}
