import type { Problem } from '../../errors.js';
import type { LoadedManifest } from '../document.js';
import type { ConfigModel } from '../model.js';
import type { UncheckedNames } from '../unchecked.js';

export interface RuleContext {
  manifests: LoadedManifest[];
  model: ConfigModel;
  /** Names from documents that failed their schema; references to them are not errors again. */
  unchecked?: UncheckedNames;
}

/** A named check over the whole configuration (docs/style.md 4): returns problems, never throws. */
export interface Rule {
  name: string;
  check(ctx: RuleContext): Problem[];
}

export function where(m: LoadedManifest): string {
  const loc = m.locator.locate('/metadata/name');
  return `${loc.file}:${loc.line}:${loc.col}`;
}
