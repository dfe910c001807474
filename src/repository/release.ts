/**
 * The release a repository version carries, by the name devices report and pins use (the
 * targets' `custom.version`: a content VERSION file, else the repository version number): the
 * databases' when it has databases, else its first target's. A DP reports it in its heartbeat,
 * so the controller knows which release a verifying download task's DPs hold
 * (docs/architecture.md "Verify on test devices").
 */
export const DATABASES_COMPONENT = 'databases';

export function releaseOf(targets: ReadonlyMap<string, { custom?: Record<string, unknown> }>, repositoryVersion: number): string {
  let first: { custom?: Record<string, unknown> } | undefined;
  for (const [name, target] of targets) {
    if (target.custom?.delta !== undefined) continue;
    if (name.split('/')[0] === DATABASES_COMPONENT) return nameOf(target, repositoryVersion);
    first ??= target;
  }
  return first ? nameOf(first, repositoryVersion) : String(repositoryVersion);
}

function nameOf(target: { custom?: Record<string, unknown> }, repositoryVersion: number): string {
  const version = target.custom?.version;
  return typeof version === 'string' ? version : String(repositoryVersion);
}
