/**
 * The checks one download attempt makes on the body it receives (docs/style.md 8, docs/design.md 3
 * "Sync"), in one implementation for the download workers (http-file-thread.ts) and the main
 * thread (sync/download.ts): the declared-length cap, which refuses the first chunk that would
 * take the file past the length the metadata declares before a byte of it is written ("endless
 * data"), and the sha256 of the whole file, the kept bytes of a resumed part included. Comparing
 * the size and digest with the metadata stays with the caller, once the attempt is over.
 */
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { hashPrefixSync } from '../../util/index.js';

export class BodyCheck {
  /** Bytes of this attempt's body, counted as they arrive: a refused chunk still came over the wire. */
  received = 0;

  private constructor(
    /** The declared length; undefined when the source declares none (SHA256SUMS). */
    private readonly limit: number | undefined,
    /** Bytes of a resumed part kept from an earlier attempt. */
    private readonly kept: number,
    /** Undefined when the caller hashes the complete file itself (sync/hash-pool.ts). */
    private readonly hash: Hash | undefined,
  ) {}

  /** A body written from the first byte. */
  static fresh(limit: number | undefined, hashing: boolean): BodyCheck {
    return new BodyCheck(limit, 0, hashing ? createHash('sha256') : undefined);
  }

  /**
   * A body appended to the first `kept` bytes of a part. Given the part open as `fd`, those bytes
   * are hashed first; without it nothing is hashed (the caller hashes the complete file). A part
   * shorter than `kept` changed under us: the attempt fails as a dropped connection would, so it
   * is retried from what is on disk then.
   */
  static resumed(kept: number, limit: number | undefined, fd?: number): BodyCheck {
    if (fd === undefined) return new BodyCheck(limit, kept, undefined);
    const hash = createHash('sha256');
    if (hashPrefixSync(fd, hash, kept) !== kept) {
      throw Object.assign(new Error('the partial file changed while resuming'), { code: 'ECONNRESET' });
    }
    return new BodyCheck(limit, kept, hash);
  }

  /** Counts (and hashes) a chunk; false when it takes the file past the declared length: write none of it, stop. */
  admit(chunk: Buffer): boolean {
    this.received += chunk.length;
    if (this.limit !== undefined && this.size > this.limit) return false;
    this.hash?.update(chunk);
    return true;
  }

  /** The file's size so far: kept bytes plus this attempt's. */
  get size(): number {
    return this.kept + this.received;
  }

  /** sha256 of the whole file (only for a check made with `hashing`). */
  digest(): string {
    if (!this.hash) throw new Error('BodyCheck.digest() on a check made without hashing');
    return this.hash.digest('hex');
  }
}
