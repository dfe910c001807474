/** `/readyz` (docs/architecture.md "Replicas"): one wording for both back ends. */
import type { Readiness } from './store.js';

export function readinessOf(version: number, latest: number): Readiness {
  if (version === latest) return { ready: true, schemaVersion: version };
  if (version < latest) return { ready: false, schemaVersion: version, reason: `the state's schema is v${version}, this updops needs v${latest}: its migrations have not run` };
  return { ready: false, schemaVersion: version, reason: `the state's schema is v${version}, newer than this updops knows (v${latest}): upgrade this replica` };
}

export function unreachable(location: string, error: unknown): Readiness {
  return { ready: false, reason: `the state ${location} does not answer: ${error instanceof Error ? error.message : String(error)}` };
}
