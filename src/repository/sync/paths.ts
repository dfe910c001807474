/**
 * Where things live in a destination repository (docs/repository-format.md): the served layout,
 * plus `.updops/` for the engine's own state (trusted TUF metadata, partial downloads), which
 * `serve` never needs.
 */
import path from 'node:path';
import { UpdopsError } from '../../errors.js';

export const destPaths = (dest: string) => ({
  metadata: path.join(dest, 'metadata'),
  targets: path.join(dest, 'targets'),
  tuf: path.join(dest, '.updops', 'tuf'),
  partial: path.join(dest, '.updops', 'partial'),
  state: path.join(dest, '.updops', 'sync-state.json'),
  /** Pinned version → the targets version found to carry it (pin.ts), so a pin is looked for once. */
  pins: path.join(dest, '.updops', 'pins.json'),
  /** The older targets versions a mirror keeps for its pinned devices (pin.ts), as the last full sync left them. */
  kept: path.join(dest, '.updops', 'kept.json'),
  /** Sizes of the old-scheme files as synced (legacy-list.ts). */
  legacySizes: path.join(dest, '.updops', 'legacy-sizes.json'),
  /** One targets index per published snapshot version (dest-state.ts), so a crash between index and switch never mislabels one. */
  index: (snapshotVersion: number) => path.join(dest, '.updops', 'index', `${snapshotVersion}.targets.json`),
});

/**
 * TUF target paths are `/`-separated and relative; anything that could name a file outside the
 * repository is an attack (docs/design.md 3), refused before any byte is fetched.
 */
export function checkTargetPath(targetPath: string): string[] {
  const parts = targetPath.split('/');
  const bad =
    targetPath.length === 0 ||
    targetPath.startsWith('/') ||
    targetPath.includes('\\') ||
    targetPath.includes('\0') ||
    /^[a-zA-Z]:/.test(targetPath) ||
    parts.some((p) => p === '' || p === '.' || p === '..');
  if (bad) {
    throw new UpdopsError('TUF_PATH', `target path ${JSON.stringify(targetPath)} escapes the repository (absolute, "..", or backslash); refused`);
  }
  return parts;
}

/** `targets/<dir>/<sha256>.<basename>`, the consistent-snapshot name, relative to the repo root. */
export function targetRelPath(targetPath: string, sha256: string): string {
  const parts = checkTargetPath(targetPath);
  const base = parts.pop() ?? '';
  return ['targets', ...parts, `${sha256}.${base}`].join('/');
}

export function toLocal(root: string, relPath: string): string {
  return path.join(root, ...relPath.split('/'));
}
