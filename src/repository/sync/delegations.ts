/**
 * Delegated targets (TUF 5.6.7): a target is looked up by a pre-order depth-first search of the
 * delegation graph, in the order each delegator lists its roles, following only roles whose
 * path patterns or hash bins cover the path, stopping at a terminating delegation, never
 * visiting a role twice, and visiting at most SYNC_DEFAULTS.maxDelegations roles.
 */
import type { Metadata, TargetFile, Targets } from '@tufjs/models';
import { UpdopsError } from '../../errors.js';
import type { TufSession } from './client-session.js';
import { SYNC_DEFAULTS } from './types.js';

interface Visit {
  role: string;
  delegator: string;
}

export async function findTarget(session: TufSession, targetPath: string): Promise<TargetFile | undefined> {
  const toVisit: Visit[] = [{ role: 'targets', delegator: 'root' }];
  const visited = new Set<string>();
  while (visited.size < SYNC_DEFAULTS.maxDelegations && toVisit.length > 0) {
    const { role, delegator } = toVisit.pop() as Visit;
    if (visited.has(role)) continue;
    const targets = (await session.loadTargets(role, delegator)).signed;
    if (Object.hasOwn(targets.targets, targetPath)) return targets.targets[targetPath];
    visited.add(role);
    const children: Visit[] = [];
    for (const child of targets.delegations?.rolesForTarget(targetPath) ?? []) {
      children.push({ role: child.role, delegator: role });
      if (child.terminating) {
        toVisit.length = 0;
        break;
      }
    }
    toVisit.push(...children.reverse());
  }
  return undefined;
}

/**
 * What a mirror holds (docs/design.md 3: a DP stays a valid TUF repository): every role reachable
 * from `targets`, verified by its delegator, and every target as a client's lookup resolves it,
 * so a target shadowed by an earlier or terminating delegation is the one clients get.
 */
export async function mirrorTargets(session: TufSession): Promise<Map<string, TargetFile>> {
  const top = await session.loadTargets('targets', 'root');
  // Without delegations every lookup ends at the top-level role: no search per target.
  if (!top.signed.delegations) return new Map(Object.entries(top.signed.targets));
  const loaded = await loadReachable(session);
  const out = new Map<string, TargetFile>();
  for (const md of loaded) {
    for (const name of Object.keys(md.signed.targets)) {
      if (out.has(name)) continue;
      const resolved = await findTarget(session, name);
      if (resolved) out.set(name, resolved);
    }
  }
  return out;
}

async function loadReachable(session: TufSession): Promise<Metadata<Targets>[]> {
  const stack: Visit[] = [{ role: 'targets', delegator: 'root' }];
  const seen = new Set<string>();
  const out: Metadata<Targets>[] = [];
  while (stack.length > 0) {
    const { role, delegator } = stack.pop() as Visit;
    if (seen.has(role)) continue;
    seen.add(role);
    if (seen.size > SYNC_DEFAULTS.maxMirroredRoles) {
      throw new UpdopsError('TUF_METADATA', `the delegation graph has more than ${SYNC_DEFAULTS.maxMirroredRoles} roles; refused`);
    }
    const md = await session.loadTargets(role, delegator);
    out.push(md);
    const delegations = md.signed.delegations;
    const children = delegations?.roles ? Object.keys(delegations.roles) : [...(delegations?.succinctRoles?.getRoles() ?? [])];
    stack.push(...children.reverse().map((child) => ({ role: child, delegator: role })));
  }
  return out;
}
