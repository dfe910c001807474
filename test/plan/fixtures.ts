// Hand-built planner inputs (no I/O): desired objects as desiredObjects() makes them and recorded
// objects as the state store hands them back (keys sorted, with their specHash).
import type { PlanInput } from '../../src/plan/make-plan.js';
import type { RepositoryStatus } from '../../src/plan/observation.js';
import type { DesiredObject, ObjectKind } from '../../src/plan/types.js';
import { specHash, stableStringify, type StoredObject } from '../../src/state/index.js';

export const NOW = new Date('2026-03-02T10:00:00.000Z'); // a Monday, before the DST switch in Europe

export function desired(kind: ObjectKind, name: string, spec: Record<string, unknown>): DesiredObject {
  return { kind, name, spec: { metadata: { name }, spec }, source: `${kind.toLowerCase()}s.yaml:1:1` };
}

/** What the store returns for an object applied at `appliedAt`: sorted keys, hash of the spec. */
export function recorded(object: DesiredObject, appliedAt = '2026-02-01T09:00:00.000Z'): StoredObject {
  return { kind: object.kind, name: object.name, spec: JSON.parse(stableStringify(object.spec)), specHash: specHash(object.spec), appliedCommit: 'f00dcafe', appliedAt };
}

export const group = (name: string, spec: Record<string, unknown> = {}): DesiredObject =>
  desired('Group', name, { distributionPoints: [{ name: `dp-${name}`, os: 'windows', repository: `/srv/${name}` }], devices: [], ...spec });

export const source = (name: string, spec: Record<string, unknown> = {}): DesiredObject =>
  desired('UpdateSource', name, { type: 'ftp', url: `ftp://${name}.example.com/updates`, timeoutSeconds: 10, ...spec });

export const task = (name: string, schedule: Record<string, unknown>, spec: Record<string, unknown> = {}): DesiredObject =>
  desired('Task', name, { type: 'DownloadUpdatesToDistributionPoints', scope: { group: 'berlin-office', includeSubgroups: true }, settings: { sources: ['vendor'] }, schedule, ...spec });

export const FRIDAY_EVENING = { kind: 'weekly', day: 'friday', time: '18:00', timeZone: 'Europe/Berlin' };

export function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    desired: [],
    recorded: [],
    state: { lineage: '5b0e7c1e-0000-4000-8000-000000000001', serial: 3 },
    commit: 'abc1234def5678abc1234def5678abc1234def56',
    dirty: false,
    prune: false,
    now: NOW,
    timeZone: 'UTC',
    repositories: [],
    warnings: [],
    ...overrides,
  };
}

/** A healthy DP repository whose source has nothing newer. */
export function repository(overrides: Partial<RepositoryStatus> = {}): RepositoryStatus {
  return {
    dp: 'dp-berlin-1',
    task: 'Download updates for Berlin',
    repository: '/srv/updates/berlin',
    sources: ['vendor', 'ftp-mirror'],
    version: 3,
    published: '2026-03-01T00:00:00.000Z',
    fingerprint: 'aaaa',
    missing: [],
    corrupt: [],
    probe: { name: 'vendor', reachable: true, fingerprint: 'aaaa', version: 3 },
    unreachable: [],
    ...overrides,
  };
}
