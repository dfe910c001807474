/**
 * Checks one parsed YAML document: envelope (apiVersion, kind), inline secrets, then the kind's
 * JSON Schema. Returns the typed manifest, or the problems; never throws (docs/style.md 4).
 */
import type { Problem } from '../errors.js';
import type { ParsedDocument } from './parse.js';
import { API_VERSION, isManifestKind, MANIFEST_KINDS, validatorFor } from './schemas.js';
import { schemaProblems } from './schema-errors.js';
import { findInlineSecrets } from './inline-secrets.js';
import { isManifest } from './decode.js';
import type { Manifest } from './types.generated.js';
import type { Locator } from './positions.js';
import type { RejectedDocument } from './unchecked.js';

/** A manifest that passed its schema, with where it came from. */
export interface LoadedManifest<M extends Manifest = Manifest> {
  manifest: M;
  file: string;
  index: number;
  locator: Locator;
}

function envelopeProblems(value: Record<string, unknown>, locator: Locator): Problem[] {
  const problems: Problem[] = [];
  if (value.apiVersion !== API_VERSION) {
    const message = value.apiVersion === undefined ? `missing apiVersion; expected "${API_VERSION}"` : `unsupported apiVersion; expected "${API_VERSION}"`;
    problems.push({ code: 'API_VERSION', message, location: locator.locate(value.apiVersion === undefined ? '' : '/apiVersion') });
  }
  if (!isManifestKind(value.kind)) {
    const message = value.kind === undefined ? `missing kind; expected one of ${MANIFEST_KINDS.join(', ')}` : `unknown kind; expected one of ${MANIFEST_KINDS.join(', ')}`;
    problems.push({ code: 'UNKNOWN_KIND', message, location: locator.locate(value.kind === undefined ? '' : '/kind') });
  }
  return problems;
}

/** `rejected`: a document of a known kind that failed its schema, so its names are known but unchecked. */
export function checkDocument(doc: ParsedDocument): { loaded?: LoadedManifest; rejected?: RejectedDocument; problems: Problem[] } {
  const { value, locator } = doc;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { problems: [{ code: 'SCHEMA', message: 'a manifest must be a mapping with apiVersion, kind, metadata and spec', location: locator.locate('') }] };
  }
  const record = value as Record<string, unknown>;
  const envelope = envelopeProblems(record, locator);
  if (envelope.length > 0 || !isManifestKind(record.kind)) return { problems: envelope };
  const secrets = findInlineSecrets(record, locator);
  const problems = [...secrets.problems];
  const valid = isManifest(record.kind, record);
  if (!valid) problems.push(...schemaProblems(validatorFor(record.kind).errors ?? [], locator, secrets.pointers));
  if (!valid || problems.length > 0) return { problems, rejected: { kind: record.kind, value: record } };
  return { loaded: { manifest: record, file: doc.file, index: doc.index, locator }, problems: [] };
}
