import type { Problem } from '../../errors.js';
import type { LoadedManifest } from '../document.js';
import { where, type Rule } from './types.js';

/** Names are unique per kind: the second definition is the error, pointing back at the first. */
export const duplicateNames: Rule = {
  name: 'duplicate-names',
  check({ manifests }) {
    const first = new Map<string, LoadedManifest>();
    const problems: Problem[] = [];
    for (const m of manifests) {
      const key = `${m.manifest.kind}/${m.manifest.metadata.name}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, m);
        continue;
      }
      problems.push({
        code: 'DUPLICATE_NAME',
        message: `${m.manifest.kind} "${m.manifest.metadata.name}" is already defined at ${where(earlier)}`,
        location: m.locator.locate('/metadata/name'),
      });
    }
    return problems;
  },
};
