/**
 * A real vendor repository for the Update task tests: keys, `publishRepository` from a content
 * folder, `serveRepository` on 127.0.0.1 (docs/style.md 11), plus small content builders.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateKeys } from '../../../src/repository/keys.js';
import { publishRepository } from '../../../src/repository/publish/index.js';
import { serveRepository } from '../../../src/repository/serve/index.js';
import { blob, treeHash } from '../../repository/helpers/sync-fixture.js';
import { tempDir } from '../../helpers/temp-dir.js';

export { blob, tempDir, treeHash };

export type Content = Record<string, Buffer | string>;

export const DAY_MS = 86_400_000;
export const daysAgo = (now: Date, days: number): string => new Date(now.getTime() - days * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface Vendor {
  dir: string;
  url: string;
  trustRoot: string;
  publish(content: Content, published?: string): Promise<number>;
  close(): Promise<void>;
}

interface Teardown {
  teardown(fn: () => unknown): void;
}

export async function writeContent(dir: string, files: Content): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  for (const [name, data] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), data);
  }
}

export async function makeVendor(t: Teardown, work: string, content: Content, published?: string, deltas = 0): Promise<Vendor> {
  const dir = path.join(work, 'vendor');
  const keysDir = path.join(work, 'keys');
  const contentDir = path.join(work, 'content');
  await generateKeys(keysDir);
  const publish = async (next: Content, at?: string): Promise<number> => {
    await writeContent(contentDir, next);
    const result = await publishRepository({ contentDir, repoDir: dir, keysDir, deltas, ...(at ? { published: at } : {}) });
    return result.version;
  };
  await publish(content, published);
  const server = await serveRepository({ root: dir });
  t.teardown(() => server.close());
  return { dir, url: server.url, trustRoot: path.join(dir, 'metadata', '1.root.json'), publish, close: () => server.close() };
}

/** A URL nobody listens on (a DP that is down). */
export async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export function databases(round: number, files = 3, size = 50_000): Content {
  const out: Content = { 'databases/kes/VERSION': `2024.${round}\n` };
  for (let i = 0; i < files; i++) out[`databases/kes/base-${String(i).padStart(2, '0')}.avc`] = blob(size + i, round * 100 + i);
  return out;
}
