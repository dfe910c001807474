/**
 * Small files served from memory. Repository targets never change under one name (they are
 * content-addressed), and metadata is small, so most requests can skip open/read entirely: with
 * 1,000 clients every file operation otherwise queues on libuv's few threads, which is what made
 * `updops serve` trail nginx with a long latency tail under load. An entry is kept per path and
 * used only while size, mtime and inode still match, so a replaced file (a new timestamp.json)
 * is never served stale.
 */
import type { Stats } from 'node:fs';

export interface CachedFile {
  stats: Stats;
  bytes: Buffer;
}

export const FILE_CACHE_DEFAULTS = { maxBytes: 128 * 1024 * 1024, maxFileBytes: 4 * 1024 * 1024 } as const;

const sameFile = (a: Stats, b: Stats): boolean => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;

export class FileCache {
  private readonly entries = new Map<string, CachedFile>();
  private bytes = 0;

  constructor(private readonly limits: { maxBytes: number; maxFileBytes: number } = FILE_CACHE_DEFAULTS) {}

  cacheable(stats: Stats): boolean {
    return stats.isFile() && stats.size > 0 && stats.size <= this.limits.maxFileBytes && this.limits.maxBytes > 0;
  }

  /** Whether some version of this path is cached (a request for any other skips the stat). */
  has(real: string): boolean {
    return this.entries.has(real);
  }

  /** The file's bytes if they are cached for exactly these stats (the caller's fresh stat). */
  lookup(real: string, stats: Stats): CachedFile | undefined {
    const hit = this.entries.get(real);
    if (!hit || !sameFile(hit.stats, stats)) return undefined;
    // Map order is insertion order: re-inserting keeps the most recently used last.
    this.entries.delete(real);
    this.entries.set(real, hit);
    return hit;
  }

  put(real: string, stats: Stats, bytes: Buffer): void {
    if (!this.cacheable(stats) || bytes.length !== stats.size) return;
    const old = this.entries.get(real);
    if (old && sameFile(old.stats, stats)) return;
    if (old) this.bytes -= old.bytes.length;
    this.entries.delete(real);
    this.entries.set(real, { stats, bytes });
    this.bytes += bytes.length;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.limits.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes.length;
    }
  }
}
