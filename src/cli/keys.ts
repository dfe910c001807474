import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UpdopsError } from '../errors.js';
import { ROLES, generateKeys, publicKeyFile } from '../repository/index.js';

export interface KeysGenerateOptions {
  out: string | undefined;
}

/** `updops keys generate --out DIR` (docs/design.md 3): one ed25519 key per TUF role. */
export async function keysGenerateCommand(options: KeysGenerateOptions): Promise<number> {
  if (!options.out) throw new UpdopsError('USAGE', 'missing --out DIR (where to write the keys)');
  await generateKeys(options.out);
  for (const role of ROLES) {
    const pub = JSON.parse(await readFile(path.join(options.out, publicKeyFile(role)), 'utf8')) as { keyid: string };
    process.stdout.write(`${role.padEnd(9)} ${pub.keyid}\n`);
  }
  process.stdout.write(`wrote ed25519 keys to ${options.out} (private keys are owner-only; keep the root key offline)\n`);
  return 0;
}
