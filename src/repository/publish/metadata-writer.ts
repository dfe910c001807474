/**
 * Signs and writes the TUF metadata of a new version (docs/design.md 3; TUF spec 1.0.31).
 * Order = the atomic switch: delegated `N.<role>.json`, `N.targets.json`, `N.snapshot.json`, a new root if any
 * (`R.root.json`, then `root.json`), and last `timestamp.json`. Readers start from
 * timestamp.json, so until that one rename they see the previous complete version.
 */
import path from 'node:path';
import { Metadata, MetaFile, Root, Snapshot, Targets, Timestamp } from '@tufjs/models';
import type { TargetFile } from '@tufjs/models';
import type { Delegations } from '@tufjs/models/dist/delegations.js';
import { UpdopsError } from '../../errors.js';
import { ROLES } from '../keys.js';
import type { RepositoryKeys, RoleKey } from '../keys.js';
import { delegationsOf, splitTargets } from './delegations.js';
import type { DelegationPlan } from './delegations.js';
import { sha256Hex, writeFileAtomic } from './files.js';
import { METADATA_DIR } from './local-repository.js';
import type { RepositoryState } from './local-repository.js';
import { isoSeconds } from './options.js';

export const SPEC_VERSION = '1.0.31';
export const ROOT_LIFETIME_MS = 365 * 86_400_000;
/** A root closer than this to expiry (or to the new metadata's expiry) is re-issued. */
const ROOT_RENEW_MARGIN_MS = 30 * 86_400_000;

export interface MetadataPlan {
  repoDir: string;
  keys: RepositoryKeys;
  /** The root key a rotation replaced (`updops keys rotate --role root`): co-signs the next root. */
  previousRoot?: RoleKey | undefined;
  version: number;
  previous: RepositoryState | undefined;
  targets: TargetFile[];
  /** Path patterns signed by separate keys (delegations.ts); default none. */
  delegations?: DelegationPlan[];
  now: Date;
  expiresMs: number;
}

const toBytes = (md: Metadata<Root | Targets | Snapshot | Timestamp>): Buffer =>
  Buffer.from(`${JSON.stringify(md.toJSON(), null, 2)}\n`);

const metaFileFor = (version: number, bytes: Buffer): MetaFile =>
  new MetaFile({ version, length: bytes.length, hashes: { sha256: sha256Hex(bytes) } });

/** Writes the version's metadata; returns the bytes written and whether root changed. */
export async function writeMetadata(plan: MetadataPlan): Promise<{ bytes: number; rootVersion: number }> {
  const { keys, version, now } = plan;
  const expires = isoSeconds(new Date(now.getTime() + plan.expiresMs));
  const dir = path.join(plan.repoDir, METADATA_DIR);

  const plans = plan.delegations ?? [];
  const split = splitTargets(plan.targets, plans);
  const signedRole = (role: string, key: RoleKey, delegations?: Delegations): Buffer => {
    const targets = new Targets({ version, specVersion: SPEC_VERSION, expires, ...(delegations ? { delegations } : {}) });
    for (const t of [...(split.get(role) ?? [])].sort((a, b) => (a.path < b.path ? -1 : 1))) targets.addTarget(t);
    const md = new Metadata(targets);
    md.sign(key.signer);
    return toBytes(md);
  };
  const targetsBytes = signedRole('targets', keys.targets, delegationsOf(plans));
  const delegated = plans.map((p): [string, Buffer] => [p.name, signedRole(p.name, p.key)]);
  const meta: Record<string, MetaFile> = { 'targets.json': metaFileFor(version, targetsBytes) };
  for (const [name, bytes] of delegated) meta[`${name}.json`] = metaFileFor(version, bytes);

  const snapshotMd = new Metadata(new Snapshot({ version, specVersion: SPEC_VERSION, expires, meta }));
  snapshotMd.sign(keys.snapshot.signer);
  const snapshotBytes = toBytes(snapshotMd);

  const timestampMd = new Metadata(
    new Timestamp({ version, specVersion: SPEC_VERSION, expires, snapshotMeta: metaFileFor(version, snapshotBytes) }),
  );
  timestampMd.sign(keys.timestamp.signer);
  const timestampBytes = toBytes(timestampMd);

  const root = planRoot(plan);
  let bytes = targetsBytes.length + snapshotBytes.length + timestampBytes.length;
  for (const [name, roleBytes] of delegated) {
    await writeFileAtomic(path.join(dir, `${version}.${name}.json`), roleBytes);
    bytes += roleBytes.length;
  }
  await writeFileAtomic(path.join(dir, `${version}.targets.json`), targetsBytes);
  await writeFileAtomic(path.join(dir, `${version}.snapshot.json`), snapshotBytes);
  if (root.bytes) {
    await writeFileAtomic(path.join(dir, `${root.version}.root.json`), root.bytes);
    await writeFileAtomic(path.join(dir, 'root.json'), root.bytes);
    bytes += 2 * root.bytes.length;
  }
  await writeFileAtomic(path.join(dir, 'timestamp.json'), timestampBytes);
  return { bytes, rootVersion: root.version };
}

/**
 * Root stays as it is unless the keys changed or it nears expiry; then version R+1 lists the
 * current keys — a rotated key replaces the old one, which is thereby revoked — and is signed
 * by the current root key and, after a root rotation, by the replaced one too: clients accept
 * a new root only when the old root's threshold and its own both sign it (TUF 5.3.4–5.3.5).
 */
function planRoot(plan: MetadataPlan): { version: number; bytes?: Buffer } {
  const { previous, keys, now } = plan;
  const prevRoot = previous?.root.signed;
  const signers = [keys.root];
  if (prevRoot) {
    const trustedRootKeys = prevRoot.roles.root?.keyIDs ?? [];
    if (!trustedRootKeys.includes(keys.root.key.keyID)) {
      if (!plan.previousRoot || !trustedRootKeys.includes(plan.previousRoot.key.keyID)) {
        throw new UpdopsError(
          'KEYS',
          `the root key in the keys directory (${keys.root.key.keyID.slice(0, 16)}…) is not the repository's root key, and no replaced root key ` +
            '(root.previous.key.pem, kept by `updops keys rotate --role root`) is: clients would refuse the new root',
        );
      }
      signers.push(plan.previousRoot);
    }
    const sameKeys = ROLES.every((role) => {
      const ids = prevRoot.roles[role]?.keyIDs ?? [];
      return ids.length === 1 && ids[0] === keys[role].key.keyID;
    });
    const renewBy = now.getTime() + Math.max(plan.expiresMs, ROOT_RENEW_MARGIN_MS);
    if (sameKeys && Date.parse(prevRoot.expires) > renewBy) return { version: prevRoot.version };
  }
  const version = (prevRoot?.version ?? 0) + 1;
  const root = new Root({
    version,
    specVersion: SPEC_VERSION,
    expires: isoSeconds(new Date(now.getTime() + ROOT_LIFETIME_MS)),
    consistentSnapshot: true,
  });
  for (const role of ROLES) root.addKey(keys[role].key, role);
  const md = new Metadata(root);
  for (const signer of signers) md.sign(signer.signer, true);
  return { version, bytes: toBytes(md) };
}
