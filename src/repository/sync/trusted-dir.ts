/**
 * The client's trusted metadata (TUF 5.2–5.6): one file per role under its plain name
 * (`root.json`, `snapshot.json`, a delegated role under its URI-encoded name, so any role name is
 * one safe file name). Each role is written the moment it is verified (5.3.8, 5.4.5, 5.5.7,
 * 5.6.6), so a later failing step never loses what was already verified.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomic } from './publish-dest.js';

export interface TrustedStorage {
  read(role: string): Promise<Buffer | undefined>;
  write(role: string, bytes: Buffer): Promise<void>;
  remove(role: string): Promise<void>;
}

export function trustedDir(dir: string): TrustedStorage {
  const file = (role: string): string => path.join(dir, `${encodeURIComponent(role)}.json`);
  return {
    read: (role) => readFile(file(role)).catch(() => undefined),
    write: (role, bytes) => writeAtomic(file(role), bytes),
    remove: (role) => rm(file(role), { force: true }),
  };
}
