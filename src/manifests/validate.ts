/**
 * Validation of a whole configuration (docs/design.md 2): load and schema-check every document, then
 * the cross-reference rules. Returns problems; only the CLI turns them into an exit code.
 */
import type { Problem } from '../errors.js';
import type { LoadedManifest } from './document.js';
import { loadConfigDir, type LoadResult } from './load.js';
import { buildModel, type ConfigModel } from './model.js';
import { ERROR_RULES, WARNING_RULES } from './rules/index.js';
import { collectUncheckedNames } from './unchecked.js';

export interface ValidationResult {
  manifests: LoadedManifest[];
  model: ConfigModel;
  errors: Problem[];
  warnings: Problem[];
  files: string[];
}

export function checkLoaded(loaded: LoadResult): ValidationResult {
  const model = buildModel(loaded.manifests);
  const ctx = { manifests: loaded.manifests, model, unchecked: collectUncheckedNames(loaded.rejected ?? []) };
  const errors = [...loaded.problems, ...ERROR_RULES.flatMap((rule) => rule.check(ctx))];
  // Warnings about a config that does not hold together would only add noise.
  const warnings = errors.length === 0 ? WARNING_RULES.flatMap((rule) => rule.check(ctx)) : [];
  return { manifests: loaded.manifests, model, errors, warnings, files: loaded.files };
}

export function validateConfigDir(dir: string): ValidationResult {
  return checkLoaded(loadConfigDir(dir));
}
