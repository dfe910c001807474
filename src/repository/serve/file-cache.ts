/**
 * Small files served from memory. Repository targets never change under one name (they are
 * content-addressed), and metadata is small, so most requests can skip open/read entirely: with
 * 1,000 clients every file operation otherwise queues on libuv's few threads, which is what made
 * `updops serve` trail nginx with a long latency tail under load. An entry is keyed by path,
 * size, mtime and inode, so a replaced file (a new timestamp.json) is never served stale.
 */
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';

export interface CachedFile {
  stats: Stats;
  bytes: Buffer;
}

export const FILE_CACHE_DEFAULTS = { maxBytes: 128 * 1024 * 1024, maxFileBytes: 4 * 1024 * 1024 } as const;

function keyOf(real: string, stats: Stats): string {
  return `${real}\u0000${stats.size}\u0000${stats.mtimeMs}\u0000${stats.ino}`;
}

export class FileCache {
  private readonly entries = new Map<string, CachedFile>();
  private bytes = 0;

  constructor(private readonly limits: { maxBytes: number; maxFileBytes: number } = FILE_CACHE_DEFAULTS) {}

  cacheable(stats: Stats): boolean {
    return stats.isFile() && stats.size > 0 && stats.size <= this.limits.maxFileBytes && this.limits.maxBytes > 0;
  }

  /** The file's current bytes if they are cached (one stat, no open). */
  async lookup(real: string): Promise<CachedFile | undefined> {
    if (this.entries.size === 0) return undefined;
    const stats = await stat(real).catch(() => undefined);
    if (!stats) return undefined;
    const key = keyOf(real, stats);
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    // Map order is insertion order: re-inserting keeps the most recently used last.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  put(real: string, stats: Stats, bytes: Buffer): void {
    if (!this.cacheable(stats) || bytes.length !== stats.size) return;
    const key = keyOf(real, stats);
    if (this.entries.has(key)) return;
    this.entries.set(key, { stats, bytes });
    this.bytes += bytes.length;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.limits.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes.length;
    }
  }
}
