/**
 * Decoding recorded objects back into typed manifests (docs/architecture.md "Recorded state").
 * What apply recorded was valid then; the schema is checked again on the way back, so a state
 * written by another version, or edited by hand, fails here with a clear STATE error instead of
 * deep inside a run. The check is the type guard: no cast stands between stored JSON and the model.
 */
import { UpdopsError } from '../errors.js';
import { API_VERSION, validatorFor, type ManifestKind } from './schemas.js';
import type { Manifest } from './types.generated.js';

/** The schema check as a type guard: what passes is a `Manifest`, with no cast. */
export function isManifest(kind: ManifestKind, value: unknown): value is Manifest {
  return validatorFor(kind)(value) === true;
}

/** `recorded` is what the store keeps for one object: its normalized `{metadata, spec}`. */
export function decodeManifest(kind: ManifestKind, recorded: unknown, what: string): Manifest {
  const body = recorded !== null && typeof recorded === 'object' ? recorded : {};
  const candidate = { apiVersion: API_VERSION, kind, ...body };
  if (isManifest(kind, candidate)) return candidate;
  const first = validatorFor(kind).errors?.[0];
  const detail = first ? `${first.instancePath || '/'} ${first.message ?? 'is invalid'}` : 'is invalid';
  throw new UpdopsError('STATE', `the recorded ${what} does not match the ${kind} schema (${detail}); apply the configuration again`);
}
