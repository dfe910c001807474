/**
 * Metadata files of a source, by the names TUF clients ask for (docs/repository-format.md):
 * `N.root.json`, `timestamp.json`, and `N.<role>.json` or `<role>.json` as the root's
 * `consistent_snapshot` says (TUF 5.5.1, 5.6.1).
 */
import { UpdopsError } from '../../errors.js';
import type { Transport } from '../transport/index.js';
import { readCapped } from './body.js';

export interface MetadataSource {
  readonly display: string;
  /** The file's bytes, at most `maxBytes` of them; undefined when the source has no such file. */
  fetch(file: string, maxBytes: number): Promise<Buffer | undefined>;
}

/** `prefix` is the metadata folder relative to the transport's base: `metadata/` for a repository root, `` for a metadata URL. */
export function metadataSource(transport: Transport, prefix: string): MetadataSource {
  return {
    display: transport.display,
    fetch: async (file, maxBytes) => {
      const rel = `${prefix}${file}`;
      const res = await transport.get(rel);
      if (res.status === 'not-found') return undefined;
      if (res.status !== 'ok') throw new UpdopsError('SYNC', `${rel}: unexpected reply`);
      return readCapped(res.body, maxBytes, `${transport.display}/${rel}`);
    },
  };
}

/**
 * The file name of a role's metadata. The transport URL-encodes it as one path segment, so a
 * role name with `/` or `\` cannot be asked for safely and is refused rather than guessed.
 */
export function roleFile(role: string, version: number | undefined): string {
  if (role === '' || /[/\\\0]/.test(role)) {
    throw new UpdopsError('TUF_METADATA', `delegated role name ${JSON.stringify(role)} cannot be fetched as one file name; refused`);
  }
  return version === undefined ? `${role}.json` : `${version}.${role}.json`;
}
