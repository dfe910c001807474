/**
 * Independent check of a mirror for the crash test: walk the dest's own metadata chain with
 * tuf-js's TrustedMetadataStore (root rotation, timestamp → snapshot → targets, signatures,
 * versions) and hash every full target file it lists.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { TrustedMetadataStore } from 'tuf-js/dist/store.js';
import { sha256 } from './sync-fixture.js';

export async function verifyMirror(dest: string, trustedRoot: Buffer): Promise<{ version: number; problems: string[] }> {
  const meta = (name: string): Promise<Buffer> => readFile(path.join(dest, 'metadata', name));
  const store = new TrustedMetadataStore(trustedRoot);
  for (let v = store.root.signed.version + 1; ; v++) {
    const next = await meta(`${v}.root.json`).catch(() => undefined);
    if (!next) break;
    store.updateRoot(next);
  }
  store.updateTimestamp(await meta('timestamp.json'));
  const snapVersion = store.timestamp?.signed.snapshotMeta.version ?? 0;
  store.updateSnapshot(await meta(`${snapVersion}.snapshot.json`));
  const targetsVersion = store.snapshot?.signed.meta['targets.json']?.version ?? 0;
  store.updateDelegatedTargets(await meta(`${targetsVersion}.targets.json`), 'targets', 'root');
  const problems: string[] = [];
  for (const [name, file] of Object.entries(store.targets?.signed.targets ?? {})) {
    if (name.startsWith('deltas/')) continue;
    const hash = file.hashes.sha256 ?? '';
    const local = path.join(dest, 'targets', path.posix.dirname(name), `${hash}.${path.posix.basename(name)}`);
    const data = await readFile(local).catch(() => undefined);
    if (!data) problems.push(`${name}: missing`);
    else if (data.length !== file.length || sha256(data) !== hash) problems.push(`${name}: wrong content`);
  }
  return { version: targetsVersion, problems };
}
