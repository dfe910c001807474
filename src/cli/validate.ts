import { validateConfigDir, MANIFEST_KINDS } from '../manifests/index.js';
import { parseFormat, printLines, problemLines, problemToJson } from './output.js';

export interface ValidateOptions {
  dir: string;
  format: string;
}

/** `updops validate [DIR]`: every error, not just the first; exit 0 valid, 1 invalid. */
export async function validateCommand(options: ValidateOptions): Promise<number> {
  const format = parseFormat(options.format);
  const result = validateConfigDir(options.dir);
  const counts = Object.fromEntries(MANIFEST_KINDS.map((k) => [k, result.manifests.filter((m) => m.manifest.kind === k).length]));
  const valid = result.errors.length === 0;
  if (format === 'json') {
    const report = {
      valid,
      manifests: result.manifests.length,
      counts,
      files: result.files.length,
      errors: result.errors.map(problemToJson),
      warnings: result.warnings.map(problemToJson),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return valid ? 0 : 1;
  }
  printLines(problemLines(result.errors), process.stderr);
  printLines(problemLines(result.warnings, 'warning: '), process.stderr);
  if (!valid) {
    const n = result.errors.length;
    process.stderr.write(`${n} error${n === 1 ? '' : 's'} in ${options.dir}\n`);
    return 1;
  }
  const total = result.manifests.length;
  // Kinds the config does not use are left out.
  const breakdown = MANIFEST_KINDS.filter((k) => (counts[k] ?? 0) > 0).map((k) => `${counts[k]} ${k}`).join(', ');
  process.stdout.write(`${total} manifest${total === 1 ? '' : 's'} valid: ${breakdown}\n`);
  return 0;
}
