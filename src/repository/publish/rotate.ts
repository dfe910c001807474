/**
 * `updops keys rotate --role R --repo DIR` (docs/repository-format.md "Keys"): replaces R's key
 * and at once re-signs the repository's current version with the new key set — root R+1 (the
 * old key revoked, signed by the old and new root keys after a root rotation), then targets,
 * snapshot and timestamp as version N+1 with the same targets — in the order of the atomic
 * switch, so readers move from one complete version to the next and a synced DP or device
 * follows on its next sync.
 */
import { UpdopsError } from '../../errors.js';
import { loadDelegatedKey, loadKeys, loadPreviousRootKey, rotateKey } from '../keys.js';
import type { RoleName } from '../keys.js';
import { delegatedPatterns } from './delegations.js';
import { readRepositoryState } from './local-repository.js';
import { acquirePublishLock } from './lock.js';
import { writeMetadata } from './metadata-writer.js';
import { DEFAULT_EXPIRES, parseDuration } from './options.js';

export interface RotateOptions {
  keysDir: string;
  role: RoleName;
  /** Re-sign this repository with the new keys now; without it the next `updops publish` does. */
  repoDir?: string | undefined;
  expires?: string | undefined;
  now?: Date;
}

export interface RotateResult {
  revoked: string;
  current: string;
  /** The repository's new version and root version, when `repoDir` was given. */
  version?: number;
  rootVersion?: number;
}

export async function rotateRoleKey(options: RotateOptions): Promise<RotateResult> {
  const release = options.repoDir ? await acquirePublishLock(options.repoDir) : undefined;
  try {
    const previous = options.repoDir ? await readRepositoryState(options.repoDir) : undefined;
    if (options.repoDir && !previous) throw new UpdopsError('PUBLISH', `${options.repoDir} holds no TUF repository to re-sign`);
    const keysDir = options.keysDir;
    const keyIds = await rotateKey(keysDir, options.role);
    if (!options.repoDir || !previous) return keyIds;
    const written = await writeMetadata({
      repoDir: options.repoDir,
      keys: await loadKeys(options.keysDir),
      previousRoot: await loadPreviousRootKey(options.keysDir),
      // The version keeps its delegations, signed again by their own keys.
      delegations: await Promise.all(delegatedPatterns(previous.targets).map(async (d) => ({ ...d, key: await loadDelegatedKey(keysDir, d.name) }))),
      version: previous.version + 1,
      previous,
      targets: Object.values(previous.targets.signed.targets),
      now: options.now ?? new Date(),
      expiresMs: parseDuration(options.expires ?? DEFAULT_EXPIRES),
    });
    return { ...keyIds, version: previous.version + 1, rootVersion: written.rootVersion };
  } finally {
    await release?.();
  }
}
