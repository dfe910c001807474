import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UpdopsError } from '../errors.js';
import { ROLES, generateDelegatedKey, generateKeys, publicKeyFile } from '../repository/index.js';
import type { RoleName } from '../repository/index.js';
import { checkRoleName, rotateRoleKey } from '../repository/index.js';

export interface KeysGenerateOptions {
  out: string | undefined;
  /** Only the key of this delegated targets role (`updops publish --delegate NAME=…`). */
  delegated?: string | undefined;
}

/** `updops keys generate --out DIR` (docs/design.md 3): one ed25519 key per TUF role. */
export async function keysGenerateCommand(options: KeysGenerateOptions): Promise<number> {
  if (!options.out) throw new UpdopsError('USAGE', 'missing --out DIR (where to write the keys)');
  if (options.delegated !== undefined) {
    checkRoleName(options.delegated);
    const keyid = await generateDelegatedKey(options.out, options.delegated);
    process.stdout.write(`${options.delegated} ${keyid}\nwrote the ed25519 key of delegated role ${options.delegated} to ${options.out}\n`);
    return 0;
  }
  await generateKeys(options.out);
  for (const role of ROLES) {
    const pub = JSON.parse(await readFile(path.join(options.out, publicKeyFile(role)), 'utf8')) as { keyid: string };
    process.stdout.write(`${role.padEnd(9)} ${pub.keyid}\n`);
  }
  process.stdout.write(`wrote ed25519 keys to ${options.out} (private keys are owner-only; keep the root key offline)\n`);
  return 0;
}

export interface KeysRotateOptions {
  role: string;
  keys?: string | undefined;
  repo?: string | undefined;
  expires?: string | undefined;
}

/** `updops keys rotate --role R --keys DIR [--repo DIR]` (docs/repository-format.md "Keys"). */
export async function keysRotateCommand(options: KeysRotateOptions): Promise<number> {
  if (!options.keys) throw new UpdopsError('USAGE', 'missing --keys DIR (the keys folder)');
  const role = ROLES.find((r) => r === options.role);
  if (!role) throw new UpdopsError('USAGE', `--role must be one of ${ROLES.join(', ')}, got "${options.role}"`);
  const result = await rotateRoleKey({ keysDir: options.keys, role: role satisfies RoleName, repoDir: options.repo, expires: options.expires });
  process.stdout.write(`${role} key ${result.current} replaces ${result.revoked} (revoked)\n`);
  if (result.version !== undefined) {
    process.stdout.write(`re-signed ${options.repo ?? ''} as version ${result.version} with root version ${result.rootVersion ?? '?'}\n`);
  } else {
    process.stdout.write('the next `updops publish` writes the new root with it\n');
  }
  if (role === 'root') process.stdout.write(`keep ${options.keys}/root.previous.key.pem offline until every client has the new root\n`);
  return 0;
}
