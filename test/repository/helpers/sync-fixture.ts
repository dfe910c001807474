/**
 * A tiny TUF repository writer for the sync tests, built directly with @tufjs/models
 * (DEPENDENCIES.md Smoke 1) so each attack can bend exactly one thing: a foreign signing key,
 * an expired timestamp, an older version, a snapshot from another version, a bad target path.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { canonicalize } from '@tufjs/canonical-json';
import { Key, Metadata, MetaFile, Root, Signature, Snapshot, TargetFile, Targets, Timestamp } from '@tufjs/models';
import { createDelta } from 'fossil-delta';

export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

export interface TestKey {
  key: Key;
  signer: (data: Buffer) => Signature;
}

export function makeKey(): TestKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return toTestKey(publicKey, privateKey);
}

function toTestKey(publicKey: KeyObject, privateKey: KeyObject): TestKey {
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  const keyID = sha256(canonicalize({ keytype: 'ed25519', scheme: 'ed25519', keyval: { public: raw } }));
  const key = new Key({ keyID, keyType: 'ed25519', scheme: 'ed25519', keyVal: { public: raw } });
  return { key, signer: (data) => new Signature({ keyID, sig: sign(null, data, privateKey).toString('hex') }) };
}

const inDays = (days: number): string => new Date(Date.now() + days * 864e5).toISOString().replace(/\.\d{3}Z$/, 'Z');
const bytesOf = (md: Metadata<never> | Metadata<Root> | Metadata<Targets> | Metadata<Snapshot> | Metadata<Timestamp>): Buffer =>
  Buffer.from(JSON.stringify(md.toJSON(), null, 1));

export interface PublishOpts {
  /** Days until timestamp expiry (negative = already expired). */
  timestampDays?: number;
  /** Sign timestamp/snapshot/targets with this key instead of the trusted one. */
  signWith?: TestKey;
  /** Build fossil deltas from the previous content of changed files. */
  deltas?: boolean;
  /** Extra raw targets (e.g. a path with ".."), with their bytes written under targets/. */
  extraTargets?: Record<string, Buffer>;
  /** Make the diff file's bytes (default: a true fossil delta old → next). */
  deltaOf?: (old: Buffer, next: Buffer) => Buffer;
  /** Override the version written (rollback tests). */
  version?: number;
}

export class FixtureRepo {
  readonly key = makeKey();
  version = 0;
  private previous: Record<string, Buffer> = {};

  constructor(readonly dir: string) {}

  rootPath(): string {
    return path.join(this.dir, 'metadata', '1.root.json');
  }

  async publish(content: Record<string, Buffer>, opts: PublishOpts = {}): Promise<number> {
    this.version = opts.version ?? this.version + 1;
    const v = this.version;
    const meta = path.join(this.dir, 'metadata');
    await mkdir(meta, { recursive: true });
    if (v === 1 || !(await exists(this.rootPath()))) await this.writeRoot();
    const targets = new Targets({ version: v, specVersion: '1.0.31', expires: inDays(30) });
    const files: Record<string, { data: Buffer; custom?: Record<string, unknown> }> = {};
    for (const [name, data] of Object.entries(content)) files[name] = { data, custom: { component: name.split('/')[0], version: String(v) } };
    if (opts.deltas) {
      for (const [name, data] of Object.entries(content)) {
        const old = this.previous[name];
        if (!old || old.equals(data)) continue;
        const delta = opts.deltaOf ? opts.deltaOf(old, data) : Buffer.from(createDelta(old, data));
        files[`deltas/${name}.${sha256(old).slice(0, 16)}.fossil`] = {
          data: delta,
          custom: { delta: { target: name, base: sha256(old), result: sha256(data) } },
        };
      }
    }
    for (const [name, data] of Object.entries(opts.extraTargets ?? {})) files[name] = { data };
    for (const [name, { data, custom }] of Object.entries(files)) {
      const hash = sha256(data);
      targets.addTarget(new TargetFile({ path: name, length: data.length, hashes: { sha256: hash }, ...(custom ? { unrecognizedFields: { custom: custom as never } } : {}) }));
      const dir = path.join(this.dir, 'targets', path.posix.dirname(name).replace(/^\.$/, ''));
      if (!name.includes('..')) {
        await mkdir(dir, { recursive: true });
        await writeFile(path.join(dir, `${hash}.${path.posix.basename(name)}`), data);
      }
    }
    const signer = opts.signWith ?? this.key;
    const tBytes = this.sign(new Metadata(targets), signer);
    await writeFile(path.join(meta, `${v}.targets.json`), tBytes);
    const snapshot = new Snapshot({ version: v, specVersion: '1.0.31', expires: inDays(30), meta: { 'targets.json': metaFile(v, tBytes) } });
    const sBytes = this.sign(new Metadata(snapshot), signer);
    await writeFile(path.join(meta, `${v}.snapshot.json`), sBytes);
    await this.writeTimestamp(v, sBytes, opts.timestampDays ?? 7, signer);
    this.previous = content;
    return v;
  }

  /** Re-signs timestamp.json pointing at an existing N.snapshot.json (mix-and-match, expiry tests). */
  async writeTimestamp(snapshotVersion: number, snapshotBytes: Buffer, days: number, signer: TestKey = this.key, version = this.version): Promise<void> {
    const ts = new Timestamp({ version, specVersion: '1.0.31', expires: inDays(days), snapshotMeta: metaFile(snapshotVersion, snapshotBytes) });
    await writeFile(path.join(this.dir, 'metadata', 'timestamp.json'), this.sign(new Metadata(ts), signer));
  }

  private sign<T extends Root | Targets | Snapshot | Timestamp>(md: Metadata<T>, signer: TestKey): Buffer {
    md.sign(signer.signer);
    return bytesOf(md as never);
  }

  private async writeRoot(): Promise<void> {
    const root = new Root({ version: 1, specVersion: '1.0.31', expires: inDays(365), consistentSnapshot: true });
    for (const role of ['root', 'targets', 'snapshot', 'timestamp']) root.addKey(this.key.key, role);
    const bytes = this.sign(new Metadata(root), this.key);
    await writeFile(this.rootPath(), bytes);
    await writeFile(path.join(this.dir, 'metadata', 'root.json'), bytes);
  }
}

function metaFile(version: number, bytes: Buffer): MetaFile {
  return new MetaFile({ version, length: bytes.length, hashes: { sha256: sha256(bytes) } });
}

async function exists(file: string): Promise<boolean> {
  return readFile(file).then(
    () => true,
    () => false,
  );
}

/** Old-scheme folder: plain files plus SHA256SUMS. */
export async function writeLegacy(dir: string, content: Record<string, Buffer>, sums?: Record<string, string>): Promise<void> {
  const lines = ['# published: 2026-01-01T00:00:00Z'];
  for (const [name, data] of Object.entries(content)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), data);
    lines.push(`${sums?.[name] ?? sha256(data)}  ${name}`);
  }
  await writeFile(path.join(dir, 'SHA256SUMS'), `${lines.join('\n')}\n`);
}

/** Every file under dir (relative path → sha256), skipping names starting with `.` at the top. */
export async function treeHash(dir: string, skip = (rel: string) => rel.startsWith('.')): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(sub: string): Promise<void> {
    for (const entry of await readdir(path.join(dir, sub), { withFileTypes: true }).catch(() => [])) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (skip(rel)) continue;
      if (entry.isDirectory()) await walk(rel);
      else out.set(rel, sha256(await readFile(path.join(dir, rel))));
    }
  }
  await walk('');
  return out;
}

/** Random-ish content of a given size, deterministic per seed. */
export function blob(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < size; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.writeUInt32LE(x >>> 0, Math.min(i, size - 4));
  }
  return out;
}

/** A temp dir removed when the test ends. */
export async function tempDir(t: { teardown(fn: () => unknown): void }, prefix = 'updops-sync-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
