import { UpdopsError } from '../errors.js';
import { publishRepository } from '../repository/index.js';
import type { LegacyMode } from '../repository/index.js';

export interface PublishCommandOptions {
  contentDir: string;
  repo: string | undefined;
  keys: string | undefined;
  legacyOnly?: boolean;
  withLegacy?: boolean;
  deltas?: string;
  expires?: string;
  published?: string;
  /** `NAME=PATTERN[,PATTERN…]`, one per delegated role. */
  delegate?: string[];
}

/** `updops publish CONTENT_DIR --repo DIR --keys DIR …` (docs/design.md 3, "Publishing"): one summary line. */
export async function publishCommand(options: PublishCommandOptions): Promise<number> {
  if (!options.repo) throw new UpdopsError('USAGE', 'missing --repo DIR (the repository folder to write)');
  if (options.legacyOnly && options.withLegacy) throw new UpdopsError('USAGE', 'use either --legacy-only or --with-legacy, not both');
  const legacy: LegacyMode = options.legacyOnly ? 'only' : options.withLegacy ? 'with' : 'none';
  let deltas = 0;
  if (options.deltas !== undefined) {
    deltas = Number(options.deltas);
    if (!/^\d+$/.test(options.deltas)) throw new UpdopsError('USAGE', `--deltas must be a whole number (got ${options.deltas})`);
  }
  const delegations = (options.delegate ?? []).map((spec) => {
    const [name, patterns] = spec.split('=', 2);
    if (!name || !patterns) throw new UpdopsError('USAGE', `--delegate wants NAME=PATTERN[,PATTERN…] (got "${spec}")`);
    return { name, paths: patterns.split(',').filter((p) => p !== '') };
  });
  const result = await publishRepository({
    contentDir: options.contentDir,
    repoDir: options.repo,
    keysDir: options.keys ?? '',
    legacy,
    deltas,
    ...(options.expires === undefined ? {} : { expires: options.expires }),
    ...(options.published === undefined ? {} : { published: options.published }),
    ...(delegations.length > 0 ? { delegations } : {}),
  });
  const what = legacy === 'only' ? 'old-scheme SHA256SUMS' : `version ${result.version}`;
  process.stdout.write(
    `published ${options.repo} ${what}: ${result.targets} targets, ${result.changed.length} changed, ` +
      `${result.removed.length} removed, ${result.deltas} deltas, ${result.bytes} bytes written\n`,
  );
  return 0;
}
