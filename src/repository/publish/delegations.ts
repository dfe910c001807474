/**
 * Delegated targets on the publisher side (docs/repository-format.md "Delegations"): a path
 * pattern such as `modules/*` handed to a separate key — an application team signing its own
 * modules. The top-level targets role lists the delegation (terminating: no other role may
 * answer for those paths) and the targets it keeps; each delegated role lists and signs the
 * rest under the same version number.
 */
import { Metadata, Targets } from '@tufjs/models';
import type { TargetFile } from '@tufjs/models';
import { Delegations } from '@tufjs/models/dist/delegations.js';
import { DelegatedRole } from '@tufjs/models/dist/role.js';
import { UpdopsError } from '../../errors.js';
import type { RoleKey } from '../keys.js';

export interface DelegationPlan {
  name: string;
  paths: string[];
  key: RoleKey;
}

const TOP_LEVEL = new Set(['root', 'targets', 'snapshot', 'timestamp']);

/** A delegated role name is one safe file name (`N.<name>.json`) and not a top-level role's. */
export function checkRoleName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || TOP_LEVEL.has(name)) {
    throw new UpdopsError('PUBLISH', `delegated role name "${name}" must be letters, digits, ".", "_" or "-" and not a top-level role`);
  }
}

function roleOf(plan: DelegationPlan): DelegatedRole {
  return new DelegatedRole({ name: plan.name, keyIDs: [plan.key.key.keyID], threshold: 1, terminating: true, paths: plan.paths });
}

/** Each target goes to the first delegation whose patterns cover it (TUF 5.6.7 order), else stays top-level. */
export function splitTargets(targets: TargetFile[], plans: DelegationPlan[]): Map<string, TargetFile[]> {
  const out = new Map<string, TargetFile[]>([['targets', []], ...plans.map((p): [string, TargetFile[]] => [p.name, []])]);
  const roles = plans.map(roleOf);
  for (const target of targets) {
    const role = roles.find((r) => r.isDelegatedPath(target.path));
    out.get(role?.name ?? 'targets')?.push(target);
  }
  return out;
}

export function delegationsOf(plans: DelegationPlan[]): Delegations | undefined {
  if (plans.length === 0) return undefined;
  const keys = Object.fromEntries(plans.map((p) => [p.key.key.keyID, p.key.key]));
  return new Delegations({ keys, roles: Object.fromEntries(plans.map((p) => [p.name, roleOf(p)])) });
}

/** The delegations a version already has, as name → patterns (to re-sign it, publish/rotate.ts). */
export function delegatedPatterns(targets: Metadata<Targets>): { name: string; paths: string[] }[] {
  return Object.values(targets.signed.delegations?.roles ?? {}).map((r) => ({ name: r.name, paths: r.paths ?? [] }));
}

/**
 * A version's targets across all its roles, as one read-only view (for diffs, deltas and
 * pruning; never written back): the top-level metadata with the delegated roles' targets added.
 */
export function mergedView(top: Metadata<Targets>, delegated: Metadata<Targets>[]): Metadata<Targets> {
  if (delegated.length === 0) return top;
  const targets: Record<string, TargetFile> = {};
  for (const md of [top, ...delegated]) for (const [name, file] of Object.entries(md.signed.targets)) targets[name] ??= file;
  const { version, specVersion, expires, delegations } = top.signed;
  return new Metadata(new Targets({ version, specVersion, expires, targets, ...(delegations ? { delegations } : {}) }), top.signatures);
}
