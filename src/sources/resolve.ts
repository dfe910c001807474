/**
 * Turns a task's source names into what the sync engine takes (docs/design.md 1, update sources):
 * URLs, proxies, timeouts and credentials resolved from `secretRef` (an `upstream` source's is a
 * bearer token), relative paths resolved against the config directory.
 */
import { DEFAULTS } from '../defaults.js';
import path from 'node:path';
import type { ConfigModel, UpdateSource } from '../manifests/index.js';
import { resolveSourceRef } from '../manifests/index.js';
import type { SourceSpec } from '../repository/index.js';
import { readSecret, resolveSecretRef } from '../secrets/index.js';

export interface ResolvedSource {
  name: string;
  spec: SourceSpec;
  /** Absolute path of the source's trusted root.json, when it names one. */
  trustRoot?: string;
}

function isUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
}

export function sourceSpecOf(name: string, source: UpdateSource, configDir: string, env: NodeJS.ProcessEnv = process.env): ResolvedSource {
  const { spec } = source;
  const url = isUrl(spec.url) ? spec.url : path.resolve(configDir, spec.url);
  const sourceSpec: SourceSpec = { url, name, timeoutSeconds: spec.timeoutSeconds ?? DEFAULTS.sourceTimeoutSeconds };
  // An upstream source is the primary controller's `/repository/`: its secret is that controller's API token, sent as a bearer token.
  if (spec.secretRef && spec.type === 'upstream') sourceSpec.bearerToken = readSecret(spec.secretRef, { env, baseDir: configDir });
  else if (spec.secretRef) sourceSpec.credentials = resolveSecretRef(spec.secretRef, { env, baseDir: configDir });
  if (spec.proxy) {
    const proxy = new URL(spec.proxy.url);
    if (spec.proxy.secretRef) {
      const { username, password } = resolveSecretRef(spec.proxy.secretRef, { env, baseDir: configDir });
      proxy.username = encodeURIComponent(username);
      proxy.password = encodeURIComponent(password);
    }
    sourceSpec.proxy = proxy.toString();
  }
  if (spec.caFile) sourceSpec.caFile = path.resolve(configDir, spec.caFile);
  if (spec.bandwidth) sourceSpec.bandwidth = spec.bandwidth;
  const resolved: ResolvedSource = { name, spec: sourceSpec };
  if (spec.trustRoot) resolved.trustRoot = path.resolve(configDir, spec.trustRoot);
  return resolved;
}

/** The task's sources that are UpdateSources (the `distributionPoint` pseudo-source is resolved per device elsewhere). */
export function taskSources(model: ConfigModel, refs: readonly string[], taskType: string, configDir: string, env?: NodeJS.ProcessEnv): ResolvedSource[] {
  return refs.flatMap((ref) => {
    const resolved = resolveSourceRef(model, ref, taskType);
    return resolved.kind === 'source' ? [sourceSpecOf(resolved.source.manifest.metadata.name, resolved.source.manifest, configDir, env)] : [];
  });
}
