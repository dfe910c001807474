/** Reading small bodies (metadata, SHA256SUMS) into memory with a hard size cap (docs/style.md 8). */
import type { Readable } from 'node:stream';
import { UpdopsError } from '../../errors.js';
import { classifyNetworkError } from '../transport/index.js';

export async function readCapped(body: Readable, maxBytes: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      total += buf.length;
      if (total > maxBytes) {
        body.destroy();
        throw new UpdopsError('TUF_METADATA', `${what}: larger than the ${maxBytes} bytes allowed; refused`);
      }
      chunks.push(buf);
    }
  } catch (error) {
    throw classifyNetworkError(error, what);
  }
  return Buffer.concat(chunks);
}
