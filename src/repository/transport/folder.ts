/**
 * Folder source (docs/design.md 1: a local folder or a mounted share): plain fs reads. A symlink that
 * resolves outside the source folder is refused, so a hostile share cannot make the sync read
 * arbitrary local files.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UpdopsError } from '../../errors.js';
import { classifyNetworkError } from './errors.js';
import { safeRelative } from './types.js';
import type { GetOptions, GetResult, Transport } from './types.js';

export function openFolder(location: string): Transport {
  const root = location.startsWith('file:') ? fileURLToPath(location) : path.resolve(location);
  let realRoot: string | undefined;
  let requests = 0;

  async function get(relPath: string, opts: GetOptions = {}): Promise<GetResult> {
    requests += 1;
    realRoot ??= await realpath(root).catch((error: unknown) => {
      throw new UpdopsError('SOURCE_UNREACHABLE', `folder ${root} cannot be read: ${(error as Error).message}`);
    });
    const file = path.join(realRoot, ...safeRelative(relPath));
    let real: string;
    try {
      real = await realpath(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'not-found' };
      throw classifyNetworkError(error, file);
    }
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
      throw new UpdopsError('SOURCE_NOT_FOUND', `${relPath} in folder ${root} is a link that leads outside the folder; refused`);
    }
    const info = await stat(real);
    if (!info.isFile()) return { status: 'not-found' };
    const offset = opts.offset ?? 0;
    const body = createReadStream(real, { start: offset, ...(opts.signal ? { signal: opts.signal } : {}) });
    return { status: 'ok', body, length: Math.max(0, info.size - offset), resumed: offset > 0 };
  }

  return {
    display: root,
    get requests() {
      return requests;
    },
    get,
    close: async () => undefined,
  };
}
