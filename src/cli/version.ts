/**
 * The version of the installed package, read from its package.json at run time (the file two
 * folders up from this module, in dist/ and in src/ alike), so a release never needs a code change.
 */
import { readFileSync } from 'node:fs';
import { UpdopsError } from '../errors.js';

export function packageVersion(): string {
  const file = new URL('../../package.json', import.meta.url);
  let version: unknown;
  try {
    version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
  } catch (error) {
    throw new UpdopsError('INTERNAL', `cannot read the version from ${file.pathname}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (typeof version !== 'string' || version === '') throw new UpdopsError('INTERNAL', `${file.pathname} has no version`);
  return version;
}

/** `updops version`: the same line as `updops --version`. */
export function versionCommand(): number {
  process.stdout.write(`${packageVersion()}\n`);
  return 0;
}
