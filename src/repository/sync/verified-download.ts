/**
 * One target downloaded and checked against every hash its metadata lists (TUF 5.7.3–5.7.4):
 * streamed into a part file that may never exceed the declared length, renamed into place only
 * once the length and all hashes match. The mirror's fast sha256 pipeline (download.ts) handles
 * the common sha256-only case; this covers any other hash set, and the conformance client.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UpdopsError } from '../../errors.js';
import { classifyNetworkError } from '../transport/index.js';
import type { Transport } from '../transport/index.js';
import { multiHash } from './hashes.js';

export interface VerifiedFile {
  label: string;
  length: number;
  hashes: Record<string, string>;
}

export async function downloadVerified(transport: Transport, rel: string, file: VerifiedFile, finalPath: string, partPath: string): Promise<number> {
  const hash = multiHash(file.hashes, file.label);
  const res = await transport.get(rel);
  if (res.status !== 'ok') throw new UpdopsError('SOURCE_NOT_FOUND', `${transport.display}/${rel}: the target ${file.label} is missing`);
  await mkdir(path.dirname(partPath), { recursive: true });
  let received = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > file.length) {
        done(new UpdopsError('TUF_LENGTH_EXCEEDED', `target ${file.label}: more than the ${file.length} bytes the metadata declares (endless data attack); refused`));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(res.body, meter, createWriteStream(partPath));
  } catch (error) {
    await rm(partPath, { force: true });
    throw error instanceof UpdopsError ? error : classifyNetworkError(error, `${transport.display}/${rel}`);
  }
  try {
    if (received !== file.length) throw new UpdopsError('TUF_HASH_MISMATCH', `target ${file.label}: ${received} bytes, not the ${file.length} the metadata declares; refused`);
    hash.check(file.label);
  } catch (error) {
    await rm(partPath, { force: true });
    throw error;
  }
  await mkdir(path.dirname(finalPath), { recursive: true });
  await rename(partPath, finalPath);
  return received;
}

/** True when `file` already holds exactly this target (the conformance client's cache, TUF 5.7). */
export async function holdsVerified(filePath: string, file: VerifiedFile): Promise<boolean> {
  try {
    const hash = multiHash(file.hashes, file.label);
    let size = 0;
    for await (const chunk of createReadStream(filePath)) {
      size += (chunk as Buffer).length;
      if (size > file.length) return false;
      hash.update(chunk as Buffer);
    }
    hash.check(file.label);
    return size === file.length;
  } catch {
    return false;
  }
}
