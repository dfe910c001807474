/** The engine's small memory per dest: the ETag each source gave for the timestamp now published (docs/design.md 3 no-op sync). */
import { readFile } from 'node:fs/promises';
import { destPaths } from './paths.js';
import { writeFileAtomic } from '../../util/index.js';

interface SyncState {
  etags: Record<string, string>;
}

export async function readSyncState(dest: string): Promise<SyncState> {
  try {
    const parsed = JSON.parse(await readFile(destPaths(dest).state, 'utf8')) as Partial<SyncState>;
    return { etags: parsed.etags ?? {} };
  } catch {
    return { etags: {} };
  }
}

export async function rememberEtag(dest: string, source: string, etag: string | undefined): Promise<void> {
  const state = await readSyncState(dest);
  if (etag) state.etags[source] = etag;
  else delete state.etags[source];
  await writeFileAtomic(destPaths(dest).state, `${JSON.stringify(state, null, 2)}\n`);
}
