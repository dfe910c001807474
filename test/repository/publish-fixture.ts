/** Shared by the publish/serve/keys tests: temp folders with real files, and a tuf-js client run. */
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Test } from 'tap';
import { Updater } from 'tuf-js';

export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

export async function tempDir(t: Test, prefix = 'updops-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `files` (target path → content) under `dir`, creating folders. */
export async function writeContent(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [rel, data] of Object.entries(files)) {
    const file = path.join(dir, ...rel.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, data);
  }
}

/** Random bytes with a few small runs changed: the shape of a database update (docs/design.md 3). */
export function mutate(base: Buffer, seed: number): Buffer {
  const out = Buffer.from(base);
  for (let i = 0; i < 4; i++) {
    const at = (seed * 7919 + i * 4099) % Math.max(1, out.length - 64);
    randomBytes(32).copy(out, at);
  }
  return out;
}

/** A fresh tuf-js client trusting the repository's current root.json, fetching over HTTP. */
export async function tufClient(t: Test, repoDir: string, baseUrl: string): Promise<{ updater: Updater; targetDir: string }> {
  const work = await tempDir(t, 'updops-client-');
  const metadataDir = path.join(work, 'metadata');
  const targetDir = path.join(work, 'targets');
  await mkdir(metadataDir, { recursive: true });
  await mkdir(targetDir, { recursive: true });
  await cp(path.join(repoDir, 'metadata', '1.root.json'), path.join(metadataDir, 'root.json'));
  const updater = new Updater({
    metadataDir,
    metadataBaseUrl: `${baseUrl}/metadata`,
    targetDir,
    targetBaseUrl: `${baseUrl}/targets`,
    config: { fetchTimeout: 5000 },
  });
  return { updater, targetDir };
}
