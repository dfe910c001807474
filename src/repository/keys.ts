/**
 * Signing keys of an updops repository (docs/design.md 3, docs/repository-format.md "Keys"):
 * one ed25519 key per top-level TUF role, threshold 1. Private keys are PKCS#8 PEM files
 * readable only by their owner; public halves are JSON with the TUF keyid (sha256 of the
 * canonical JSON key, as the TUF spec defines it, so any TUF client accepts the repository).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { canonicalize } from '@tufjs/canonical-json';
import { Key, Signature } from '@tufjs/models';
import { UpdopsError } from '../errors.js';

export const ROLES = ['root', 'targets', 'snapshot', 'timestamp'] as const;
export type RoleName = (typeof ROLES)[number];

/** What `<role>.pub.json` holds: the TUF key plus its keyid. */
export interface PublicKeyFile {
  keyid: string;
  keytype: 'ed25519';
  scheme: 'ed25519';
  keyval: { public: string };
}

export interface RoleKey {
  role: RoleName;
  key: Key;
  /** Signs the canonical bytes @tufjs/models hands it (`Metadata.sign`). */
  signer: (data: Buffer) => Signature;
}

export type RepositoryKeys = Record<RoleName, RoleKey>;

export const privateKeyFile = (role: RoleName): string => `${role}.key.pem`;
export const publicKeyFile = (role: RoleName): string => `${role}.pub.json`;
/** The root key a rotation replaced: the next root must be signed by it too (TUF 5.3.4). */
const PREVIOUS_ROOT = 'root.previous';

/** TUF keyid: sha256 over the canonical JSON of the key (TUF spec, "keyid"). */
export function keyIdOf(rawPublicHex: string): string {
  const canonical = canonicalize({ keytype: 'ed25519', scheme: 'ed25519', keyval: { public: rawPublicHex } });
  return createHash('sha256').update(canonical).digest('hex');
}

/** The raw 32-byte ed25519 public key as hex (the form the TUF spec uses in `keyval.public`). */
function rawPublicHex(publicKey: KeyObject): string {
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
}

function publicInfo(publicKey: KeyObject): PublicKeyFile {
  const pub = rawPublicHex(publicKey);
  return { keyid: keyIdOf(pub), keytype: 'ed25519', scheme: 'ed25519', keyval: { public: pub } };
}

/**
 * Writes a fresh key pair for each role into `outDir`. Refuses (KEYS) when any key file is
 * already there: overwriting a repository's keys would orphan every client that trusts them.
 */
export async function generateKeys(outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true, mode: 0o700 });
  const pairs = ROLES.map((role) => ({ role, ...generateKeyPairSync('ed25519') }));
  // Reserve every file first ('wx' fails if it exists) so a refusal leaves nothing half-written.
  const handles = [];
  try {
    for (const { role } of pairs) {
      for (const name of [privateKeyFile(role), publicKeyFile(role)]) {
        handles.push(await openExclusive(path.join(outDir, name)));
      }
    }
    for (const [i, { privateKey, publicKey }] of pairs.entries()) {
      const pem = privateKey.export({ format: 'pem', type: 'pkcs8' });
      await handles[2 * i]!.writeFile(pem);
      await handles[2 * i + 1]!.writeFile(`${JSON.stringify(publicInfo(publicKey), null, 2)}\n`);
    }
  } finally {
    await Promise.all(handles.map((h) => h.close()));
  }
}

async function openExclusive(file: string) {
  try {
    const handle = await open(file, 'wx', 0o600);
    await handle.chmod(0o600); // not left to the umask: private keys must stay owner-only
    return handle;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UpdopsError('KEYS', `${file} already exists; refusing to overwrite repository keys (use a new --out directory)`);
    }
    throw new UpdopsError('KEYS', `cannot write ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Loads the four role keys from `dir`, checking that each private key matches its public file. */
export async function loadKeys(dir: string): Promise<RepositoryKeys> {
  const loaded = await Promise.all(ROLES.map((role) => loadRoleKey(dir, role)));
  return Object.fromEntries(loaded.map((k) => [k.role, k])) as RepositoryKeys;
}

/**
 * The key of a delegated targets role (`<name>.key.pem`, publish/delegations.ts), written by
 * `updops keys generate --delegated NAME` for the team that signs those targets.
 */
export async function generateDelegatedKey(dir: string, name: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return writePair(dir, name);
}

/** A new pair as `<baseName>.key.pem` / `.pub.json`, refusing to overwrite; returns the keyid. */
async function writePair(dir: string, baseName: string): Promise<string> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = await openExclusive(path.join(dir, `${baseName}.key.pem`));
  const pub = await openExclusive(path.join(dir, `${baseName}.pub.json`));
  try {
    await pem.writeFile(privateKey.export({ format: 'pem', type: 'pkcs8' }));
    await pub.writeFile(`${JSON.stringify(publicInfo(publicKey), null, 2)}\n`);
  } finally {
    await Promise.all([pem.close(), pub.close()]);
  }
  return publicInfo(publicKey).keyid;
}

export async function loadDelegatedKey(dir: string, name: string): Promise<RoleKey> {
  return loadRoleKey(dir, 'targets', name);
}

/** The replaced root key kept by `rotateKey('root')`, if any. */
export async function loadPreviousRootKey(dir: string): Promise<RoleKey | undefined> {
  const pem = path.join(dir, `${PREVIOUS_ROOT}.key.pem`);
  if (!(await readFile(pem).then(() => true, () => false))) return undefined;
  return loadRoleKey(dir, 'root', PREVIOUS_ROOT);
}

/**
 * Replaces a role's key (docs/repository-format.md "Keys"): a new pair is written under the
 * role's names and the old one is kept aside — a replaced root key as `root.previous.*`, which
 * the next root is also signed with (clients accept a new root only when the old root's keys
 * sign it); any other as `<role>.revoked-<keyid>.*`, no longer listed in the next root, so
 * metadata it signs is refused from then on.
 */
export async function rotateKey(dir: string, role: RoleName): Promise<{ revoked: string; current: string }> {
  const old = await loadRoleKey(dir, role);
  const aside = role === 'root' ? PREVIOUS_ROOT : `${role}.revoked-${old.key.keyID.slice(0, 16)}`;
  for (const suffix of ['.key.pem', '.pub.json']) await rm(path.join(dir, `${aside}${suffix}`), { force: true });
  await rename(path.join(dir, privateKeyFile(role)), path.join(dir, `${aside}.key.pem`));
  await rename(path.join(dir, publicKeyFile(role)), path.join(dir, `${aside}.pub.json`)).catch(() => undefined);
  return { revoked: old.key.keyID, current: await writePair(dir, role) };
}

async function loadRoleKey(dir: string, role: RoleName, baseName: string = role): Promise<RoleKey> {
  const pemPath = path.join(dir, `${baseName}.key.pem`);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(await readFile(pemPath));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new UpdopsError(
      'KEYS',
      missing
        ? `missing ${baseName} key ${pemPath} (create keys with: updops keys generate --out ${dir}${baseName === role ? '' : ` --delegated ${baseName}`})`
        : `cannot read ${baseName} key ${pemPath}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new UpdopsError('KEYS', `${pemPath} is a ${privateKey.asymmetricKeyType ?? 'unknown'} key; updops keys are ed25519`);
  }
  const info = publicInfo(createPublicKey(privateKey));
  await checkPublicFile(path.join(dir, `${baseName}.pub.json`), info);
  const key = new Key({ keyID: info.keyid, keyType: info.keytype, scheme: info.scheme, keyVal: info.keyval });
  const signer = (data: Buffer): Signature =>
    new Signature({ keyID: info.keyid, sig: sign(null, data, privateKey).toString('hex') });
  return { role, key, signer };
}

/** The public file is optional for signing, but when present it must describe the same key. */
async function checkPublicFile(file: string, expected: PublicKeyFile): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new UpdopsError('KEYS', `cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  let parsed: Partial<PublicKeyFile>;
  try {
    parsed = JSON.parse(text) as Partial<PublicKeyFile>;
  } catch (error) {
    throw new UpdopsError('KEYS', `${file} is not valid JSON`, { cause: error });
  }
  if (parsed.keyid !== expected.keyid || parsed.keyval?.public !== expected.keyval.public) {
    throw new UpdopsError('KEYS', `${file} does not match its private key (keyid ${expected.keyid})`);
  }
}
