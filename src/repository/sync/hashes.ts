/**
 * Target and metadata hashes (TUF 4.5 "hashes"): the algorithms python-tuf and tuf-js accept,
 * under their TUF names. Every hash a file lists is checked, not only one; a list with an
 * algorithm we do not know is refused, because that hash could not be checked.
 */
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { UpdopsError } from '../../errors.js';

const NODE_NAMES: Record<string, string> = {
  sha224: 'sha224',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  'sha3-224': 'sha3-224',
  'sha3-256': 'sha3-256',
  'sha3-384': 'sha3-384',
  'sha3-512': 'sha3-512',
  blake2b: 'blake2b512',
  blake2s: 'blake2s256',
};

export interface MultiHash {
  update(chunk: Buffer): void;
  /** Throws TUF_HASH_MISMATCH naming the first algorithm whose digest differs. */
  check(what: string): void;
}

export function unsupportedHash(hashes: Record<string, string>): string | undefined {
  return Object.keys(hashes).find((name) => !Object.hasOwn(NODE_NAMES, name));
}

export function multiHash(hashes: Record<string, string>, what: string): MultiHash {
  const bad = unsupportedHash(hashes);
  if (bad !== undefined) throw new UpdopsError('TUF_METADATA', `${what}: hash algorithm ${JSON.stringify(bad)} is not supported, so the file cannot be verified; refused`);
  if (Object.keys(hashes).length === 0) throw new UpdopsError('TUF_METADATA', `${what}: the metadata lists no hash for it; refused`);
  const hashers = Object.entries(hashes).map(([name, expected]): [string, string, Hash] => [name, expected, createHash(NODE_NAMES[name] ?? name)]);
  return {
    update: (chunk) => {
      for (const [, , hasher] of hashers) hasher.update(chunk);
    },
    check: (label) => {
      for (const [name, expected, hasher] of hashers) {
        const actual = hasher.digest('hex');
        if (actual !== expected.toLowerCase()) {
          throw new UpdopsError('TUF_HASH_MISMATCH', `target ${label}: ${name} ${actual} is not the ${expected} the metadata declares (modified file); refused`);
        }
      }
    },
  };
}

/** The name a consistent-snapshot repository stores a target under uses its first listed hash (TUF 5.7.3). */
export function firstHash(hashes: Record<string, string>): string | undefined {
  return Object.values(hashes)[0];
}
