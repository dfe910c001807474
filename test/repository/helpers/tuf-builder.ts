/**
 * A TUF repository that tests can make misbehave one step at a time (the client workflow tests,
 * test/repository/tuf-client-*.test.ts): separate keys per top-level role, root rotations
 * signed by any chosen keys, delegations (path patterns, terminating, hash bins, cycles),
 * any hash set for targets, consistent snapshots on or off, and per-role expiry.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Metadata, MetaFile, Root, Snapshot, TargetFile, Targets, Timestamp } from '@tufjs/models';
import { Delegations } from '@tufjs/models/dist/delegations.js';
import { DelegatedRole, Role, SuccinctRoles } from '@tufjs/models/dist/role.js';
import type { Key } from '@tufjs/models';
import { makeKey, sha256 } from './sync-fixture.js';
import type { TestKey } from './sync-fixture.js';

const TOP = ['root', 'targets', 'snapshot', 'timestamp'] as const;
type TopRole = (typeof TOP)[number];

export const inDays = (days: number): string => new Date(Date.now() + days * 864e5).toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface Delegation {
  name: string;
  paths?: string[];
  terminating?: boolean;
  keys: TestKey[];
  threshold?: number;
}

interface TargetsRole {
  targets: Record<string, TargetFile>;
  delegations: Delegation[];
  bins?: { bitLength: number; prefix: string; keys: TestKey[] };
  keys: TestKey[];
  version: number;
  days: number;
}

export class TufBuilder {
  readonly keys: Record<TopRole, TestKey[]> = { root: [makeKey()], targets: [makeKey()], snapshot: [makeKey()], timestamp: [makeKey()] };
  readonly thresholds: Record<TopRole, number> = { root: 1, targets: 1, snapshot: 1, timestamp: 1 };
  rootVersion = 0;
  rootDays = 365;
  consistent = true;
  snapshotVersion = 0;
  timestampVersion = 0;
  /** Expiry in days of snapshot and timestamp at the next publish. */
  days = { snapshot: 30, timestamp: 7 };
  readonly roles = new Map<string, TargetsRole>();

  constructor(readonly dir: string) {
    this.roles.set('targets', { targets: {}, delegations: [], keys: this.keys.targets, version: 0, days: 30 });
  }

  get metadataDir(): string {
    return path.join(this.dir, 'metadata');
  }

  /** Writes the next root version, signed by `signers` (default: the current root keys). */
  async writeRoot(signers: TestKey[] = this.keys.root): Promise<Buffer> {
    this.rootVersion += 1;
    const root = new Root({ version: this.rootVersion, specVersion: '1.0.31', expires: inDays(this.rootDays), consistentSnapshot: this.consistent });
    for (const role of TOP) {
      for (const key of this.keys[role]) root.addKey(key.key, role);
      root.roles[role] = new Role({ keyIDs: this.keys[role].map((k) => k.key.keyID), threshold: this.thresholds[role] });
    }
    const bytes = sign(new Metadata(root), signers);
    await mkdir(this.metadataDir, { recursive: true });
    await writeFile(path.join(this.metadataDir, `${this.rootVersion}.root.json`), bytes);
    await writeFile(path.join(this.metadataDir, 'root.json'), bytes);
    return bytes;
  }

  /** Adds `data` as a target of `role`, listed with these hash algorithms, and writes its file. */
  async addTarget(role: string, name: string, data: Buffer, algorithms: string[] = ['sha256']): Promise<void> {
    const hashes = Object.fromEntries(algorithms.map((a) => [a, createHash(a === 'blake2b' ? 'blake2b512' : a).update(data).digest('hex')]));
    this.role(role).targets[name] = new TargetFile({ path: name, length: data.length, hashes });
    const dir = path.join(this.dir, 'targets', path.posix.dirname(name).replace(/^\.$/, ''));
    await mkdir(dir, { recursive: true });
    const first = Object.values(hashes)[0] ?? '';
    await writeFile(path.join(dir, this.consistent ? `${first}.${path.posix.basename(name)}` : path.posix.basename(name)), data);
  }

  delegate(delegator: string, delegation: Delegation): void {
    this.role(delegator).delegations.push(delegation);
    if (!this.roles.has(delegation.name)) this.roles.set(delegation.name, { targets: {}, delegations: [], keys: delegation.keys, version: 0, days: 30 });
  }

  /** Hash-bin delegation (TUF TAP 15): 2^bitLength roles `<prefix>-<hex>`, all signed by `keys`. */
  delegateBins(delegator: string, bitLength: number, prefix: string, keys: TestKey[]): string[] {
    const bins = new SuccinctRoles({ keyIDs: keys.map((k) => k.key.keyID), threshold: 1, bitLength, namePrefix: prefix });
    this.role(delegator).bins = { bitLength, prefix, keys };
    const names = [...bins.getRoles()];
    for (const name of names) this.roles.set(name, { targets: {}, delegations: [], keys, version: 0, days: 30 });
    return names;
  }

  binFor(prefix: string, bitLength: number, target: string): string {
    return new SuccinctRoles({ keyIDs: [], threshold: 1, bitLength, namePrefix: prefix }).getRoleForTarget(target);
  }

  role(name: string): TargetsRole {
    const role = this.roles.get(name);
    if (!role) throw new Error(`no role ${name}`);
    return role;
  }

  /**
   * Signs and writes every targets role (new versions), the snapshot and the timestamp.
   * `only` limits which targets roles get a new version; the rest keep theirs.
   */
  async publish(only?: string[]): Promise<void> {
    if (this.rootVersion === 0) await this.writeRoot();
    const meta: Record<string, MetaFile> = {};
    for (const [name, role] of this.roles) {
      if (!only || only.includes(name) || role.version === 0) {
        role.version += 1;
        await writeFile(path.join(this.metadataDir, this.fileName(name, role.version)), this.signTargets(role));
      }
      meta[`${name}.json`] = new MetaFile({ version: role.version });
    }
    this.snapshotVersion += 1;
    const snapshot = new Snapshot({ version: this.snapshotVersion, specVersion: '1.0.31', expires: inDays(this.days.snapshot), meta });
    const sBytes = sign(new Metadata(snapshot), this.keys.snapshot);
    await writeFile(path.join(this.metadataDir, this.fileName('snapshot', this.snapshotVersion)), sBytes);
    this.timestampVersion += 1;
    const snapshotMeta = new MetaFile({ version: this.snapshotVersion, length: sBytes.length, hashes: { sha256: sha256(sBytes) } });
    const ts = new Timestamp({ version: this.timestampVersion, specVersion: '1.0.31', expires: inDays(this.days.timestamp), snapshotMeta });
    await writeFile(path.join(this.metadataDir, 'timestamp.json'), sign(new Metadata(ts), this.keys.timestamp));
  }

  private fileName(role: string, version: number): string {
    return this.consistent ? `${version}.${role}.json` : `${role}.json`;
  }

  private signTargets(role: TargetsRole): Buffer {
    const keys: Record<string, Key> = {};
    const add = (k: TestKey): void => {
      keys[k.key.keyID] = k.key;
    };
    let delegations: Delegations | undefined;
    if (role.bins) {
      role.bins.keys.forEach(add);
      const ids = role.bins.keys.map((k) => k.key.keyID);
      delegations = new Delegations({ keys, succinctRoles: new SuccinctRoles({ keyIDs: ids, threshold: 1, bitLength: role.bins.bitLength, namePrefix: role.bins.prefix }) });
    } else if (role.delegations.length > 0) {
      const roles: Record<string, DelegatedRole> = {};
      for (const d of role.delegations) {
        d.keys.forEach(add);
        roles[d.name] = new DelegatedRole({ name: d.name, keyIDs: d.keys.map((k) => k.key.keyID), threshold: d.threshold ?? 1, terminating: d.terminating ?? false, paths: d.paths ?? ['*'] });
      }
      delegations = new Delegations({ keys, roles });
    }
    const targets = new Targets({ version: role.version, specVersion: '1.0.31', expires: inDays(role.days), targets: role.targets, ...(delegations ? { delegations } : {}) });
    return sign(new Metadata(targets), role.keys);
  }
}

function sign(md: Metadata<Root> | Metadata<Targets> | Metadata<Snapshot> | Metadata<Timestamp>, signers: TestKey[]): Buffer {
  for (const s of signers) md.sign(s.signer, true);
  return Buffer.from(JSON.stringify(md.toJSON(), null, 1));
}
