/** Desired state (docs/design.md 2): every valid manifest, normalized, as the object updops records. */
import { normalizeManifest, type ValidationResult } from '../manifests/index.js';
import type { DesiredObject } from './types.js';

export function desiredObjects(result: ValidationResult): DesiredObject[] {
  return result.manifests
    .map(({ manifest, file }) => {
      const normalized = normalizeManifest(manifest);
      // The file only: a line would need every file's YAML positions, which large configs skip.
      return { kind: normalized.kind, name: normalized.metadata.name, spec: { metadata: normalized.metadata, spec: normalized.spec }, source: file };
    })
    .sort((a, b) => compareKeys(a, b));
}

export function compareKeys(a: { kind: string; name: string }, b: { kind: string; name: string }): number {
  return a.kind === b.kind ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.kind < b.kind ? -1 : 1;
}
