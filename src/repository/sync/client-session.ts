/**
 * The TUF client workflow, spec 5.1–5.6 (docs/design.md 3 "Sync": readers verify signatures, expiry,
 * versions, length and hash). Verification is tuf-js's own TrustedMetadataStore, the class its
 * `Updater` drives; this class drives it the same way over our transports, so that every
 * failure maps to a precise UpdopsError, the exact signed bytes stay at hand for a mirror, and
 * each role is persisted the moment it is verified, even when a later step fails.
 */
import { TrustedMetadataStore } from 'tuf-js/dist/store.js';
import { EqualVersionError, ExpiredMetadataError } from 'tuf-js/dist/error.js';
import type { Metadata, Root, Targets } from '@tufjs/models';
import { UpdopsError } from '../../errors.js';
import { roleFile } from './remote-metadata.js';
import type { MetadataSource } from './remote-metadata.js';
import type { TrustedStorage } from './trusted-dir.js';
import { mapTufError } from './tuf-errors.js';
import { SYNC_DEFAULTS } from './types.js';

export interface SessionOptions {
  /** Cap for snapshot and targets metadata (default SYNC_DEFAULTS.metadataMaxBytes). */
  maxMetadataBytes?: number | undefined;
}

/** What a caller already fetched, so no file is asked for twice (the no-op check in source.ts). */
export interface Prefetched {
  /** The source answered 404 for the root after the trusted one: 5.3 is already done. */
  nextRootAbsent?: boolean;
  /** The bytes of the root after the trusted one, as the source served them (verified here). */
  nextRoot?: Buffer | undefined;
  timestamp?: Buffer | undefined;
}

const TOP_LEVEL = new Set(['root', 'timestamp', 'snapshot']);

export class TufSession {
  /** Every root verified in this session by version, the starting one included (a mirror copies them all). */
  readonly roots = new Map<number, Buffer>();
  /** The exact bytes of every role trusted now, by role name. */
  readonly bytes = new Map<string, Buffer>();

  private constructor(
    private readonly source: MetadataSource,
    private readonly storage: TrustedStorage,
    readonly store: TrustedMetadataStore,
    private readonly maxBytes: number,
  ) {}

  /** 5.1–5.2: the trusted root from storage; an invalid one fails before any request. */
  static async start(source: MetadataSource, storage: TrustedStorage, options: SessionOptions = {}): Promise<TufSession> {
    const root = await storage.read('root');
    if (!root) throw new UpdopsError('TUF_METADATA', 'no trusted root.json to start from');
    const store = step('root', root, () => new TrustedMetadataStore(root));
    const session = new TufSession(source, storage, store, options.maxMetadataBytes ?? SYNC_DEFAULTS.metadataMaxBytes);
    session.roots.set(store.root.signed.version, root);
    session.bytes.set('root', root);
    return session;
  }

  get root(): Metadata<Root> {
    return this.store.root;
  }

  /** 5.3–5.6: root, timestamp, snapshot, top-level targets. */
  async refresh(prefetched: Prefetched = {}): Promise<Metadata<Targets>> {
    if (!prefetched.nextRootAbsent) await this.updateRoot(prefetched.nextRoot);
    // 5.3.10: an expired final root stops the update, after the newer roots were persisted.
    if (this.root.signed.isExpired(new Date())) {
      throw new UpdopsError('TUF_EXPIRED', `root metadata version ${this.root.signed.version} expired at ${this.root.signed.expires} (freeze attack or a stale source); refused`);
    }
    await this.updateTimestamp(prefetched.timestamp);
    await this.updateSnapshot();
    return this.loadTargets('targets', 'root');
  }

  /** 5.3: N+1, N+2 … until the source has none, each verified by the old and the new root. */
  private async updateRoot(prefetchedNext: Buffer | undefined): Promise<void> {
    const first = this.root.signed;
    for (let v = first.version + 1; v <= first.version + SYNC_DEFAULTS.maxRootRotations; v++) {
      const bytes = v === first.version + 1 && prefetchedNext ? prefetchedNext : await this.source.fetch(`${v}.root.json`, SYNC_DEFAULTS.rootMaxBytes);
      if (!bytes) break;
      step('root', bytes, () => this.store.updateRoot(bytes), v);
      await this.storage.write('root', bytes);
      this.roots.set(v, bytes);
      this.bytes.set('root', bytes);
    }
    // 5.3.11: new timestamp or snapshot keys make the copies they signed worthless (and would
    // block a fast-forward recovery): drop them.
    const last = this.root.signed;
    if (last !== first && (keysChanged(first, last, 'timestamp') || keysChanged(first, last, 'snapshot'))) {
      await this.storage.remove('timestamp');
      await this.storage.remove('snapshot');
    }
  }

  /** 5.4: the trusted timestamp first (rollback reference, even if expired), then the source's. */
  private async updateTimestamp(prefetched: Buffer | undefined): Promise<void> {
    await this.loadLocal('timestamp', (bytes) => this.store.updateTimestamp(bytes));
    const remote = prefetched ?? (await this.source.fetch('timestamp.json', SYNC_DEFAULTS.timestampMaxBytes));
    if (!remote) throw new UpdopsError('SOURCE_NOT_FOUND', `${this.source.display}: timestamp.json is missing`);
    try {
      this.store.updateTimestamp(remote);
    } catch (error) {
      if (error instanceof EqualVersionError) return;
      throw mapTufError(error, { step: 'timestamp', bytes: remote });
    }
    await this.trust('timestamp', remote);
  }

  /** 5.5: the trusted snapshot if it is still the one the timestamp names, else the source's. */
  private async updateSnapshot(): Promise<void> {
    if (await this.loadLocal('snapshot', (bytes) => this.store.updateSnapshot(bytes, true))) return;
    const timestamp = this.store.timestamp;
    if (!timestamp) throw new UpdopsError('TUF_METADATA', 'no trusted timestamp metadata');
    const meta = timestamp.signed.snapshotMeta;
    const bytes = await this.fetchRole('snapshot', meta.version, meta.length);
    step('snapshot', bytes, () => this.store.updateSnapshot(bytes), meta.version);
    await this.trust('snapshot', bytes);
  }

  /**
   * 5.6 for `targets` (delegated by root) and 5.7's delegated roles: trusted once per session,
   * from storage when it still verifies, else fetched under the name the snapshot gives it.
   */
  async loadTargets(role: string, delegator: string): Promise<Metadata<Targets>> {
    if (TOP_LEVEL.has(role) || Object.prototype.hasOwnProperty.call(Object.prototype, role)) {
      throw new UpdopsError('TUF_METADATA', `a delegated role may not be named ${JSON.stringify(role)}; refused`);
    }
    const held = this.store.getRole(role);
    if (held) return held;
    const load = (bytes: Buffer): void => this.store.updateDelegatedTargets(bytes, role, delegator);
    if (!(await this.loadLocal(role, load))) {
      const meta = this.store.snapshot?.signed.meta[`${role}.json`];
      if (!meta) throw new UpdopsError('TUF_METADATA', `${role} is delegated but the snapshot does not list ${role}.json; refused`);
      const bytes = await this.fetchRole(role, meta.version, meta.length);
      step(role, bytes, () => load(bytes), meta.version);
      await this.trust(role, bytes);
    }
    const loaded = this.store.getRole(role);
    if (!loaded) throw new UpdopsError('TUF_METADATA', `no trusted ${role} metadata`);
    return loaded;
  }

  /** The stored copy of a role, when it verifies as current; a stale one may still be kept by the store as a rollback reference. */
  private async loadLocal(role: string, load: (bytes: Buffer) => unknown): Promise<boolean> {
    const local = await this.storage.read(role);
    if (!local) return false;
    try {
      load(local);
      this.bytes.set(role, local);
      return true;
    } catch (error) {
      // An expired trusted timestamp still guards against rollback (the store keeps it).
      if (role === 'timestamp' && error instanceof ExpiredMetadataError) this.bytes.set(role, local);
      return false;
    }
  }

  private async fetchRole(role: string, version: number, declaredLength: number | undefined): Promise<Buffer> {
    const file = roleFile(role, this.root.signed.consistentSnapshot ? version : undefined);
    // The parent's declared length bounds the read, never above the cap: a signed snapshot
    // declaring a 20 MB targets.json would otherwise be read and canonicalized for minutes
    // (test/reliability/bad-repositories).
    if (declaredLength !== undefined && declaredLength > this.maxBytes) {
      throw new UpdopsError('TUF_LENGTH_EXCEEDED', `${this.source.display}: ${file} is declared as ${declaredLength} bytes, over the ${this.maxBytes}-byte limit for metadata; refused`);
    }
    const bytes = await this.source.fetch(file, declaredLength ?? this.maxBytes);
    if (!bytes) {
      const parent = role === 'snapshot' ? 'timestamp' : 'snapshot';
      throw new UpdopsError('TUF_METADATA', `${this.source.display}: ${file}, named by the ${parent}, is missing (mix-and-match or a half-published source)`);
    }
    return bytes;
  }

  private async trust(role: string, bytes: Buffer): Promise<void> {
    await this.storage.write(role, bytes);
    this.bytes.set(role, bytes);
  }
}

function keysChanged(before: Root, after: Root, role: 'timestamp' | 'snapshot'): boolean {
  const ids = (root: Root): string => [...(root.roles[role]?.keyIDs ?? [])].sort().join(',');
  return ids(before) !== ids(after);
}

function step<T>(role: string, bytes: Buffer | undefined, run: () => T, expectedVersion?: number): T {
  try {
    return run();
  } catch (error) {
    throw mapTufError(error, { step: role, bytes, expectedVersion });
  }
}
