/**
 * Where trust starts (docs/design.md 1 `trustRoot`, 3): the root this dest already trusts (its
 * engine state), else the configured trustRoot file, else the dest's own published root.json,
 * else — only as a last resort, and said in the result — the source's 1.root.json
 * (trust on first use).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UpdopsError } from '../../errors.js';
import type { Transport } from '../transport/index.js';
import { destPaths } from './paths.js';
import { metadataSource } from './remote-metadata.js';
import { SYNC_DEFAULTS } from './types.js';
import type { SyncContext } from './types.js';

async function tryRead(file: string): Promise<Buffer | undefined> {
  return readFile(file).catch(() => undefined);
}

export async function loadTrustedRoot(ctx: SyncContext, transport: Transport): Promise<Buffer> {
  const paths = destPaths(ctx.dest);
  const state = await tryRead(path.join(paths.tuf, 'root.json'));
  if (state) return state;
  if (ctx.trustRoot) {
    const configured = await tryRead(ctx.trustRoot);
    if (!configured) throw new UpdopsError('FILE_READ', `trust root ${ctx.trustRoot} cannot be read`);
    return configured;
  }
  const published = await tryRead(path.join(paths.metadata, 'root.json'));
  if (published) return published;
  const first = await metadataSource(transport, 'metadata/').fetch('1.root.json', SYNC_DEFAULTS.rootMaxBytes);
  if (!first) throw new UpdopsError('SOURCE_NOT_FOUND', `${transport.display}: metadata/1.root.json is missing`);
  ctx.warnings.push(
    `no trust root configured: trusted ${transport.display}/metadata/1.root.json on first use; set trustRoot to the publisher's root.json to close this gap`,
  );
  return first;
}
