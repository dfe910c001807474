/**
 * The events a Notification can route (schemas/notification.json), how severe each is, and what
 * an event is about (a task, devices, a commit) for the filters and the message text.
 */
import type { NotificationSpec } from '../manifests/index.js';
import type { EventRecord } from '../state/index.js';

export type NotifiableType = NonNullable<NotificationSpec['events']>[number];
export type Severity = NonNullable<NotificationSpec['severity']>;

export const SEVERITY_OF: Readonly<Record<NotifiableType, Severity>> = {
  ReconcileApplied: 'info',
  BasesAreOutOfDate: 'warning',
  ApplicationRolledBack: 'warning',
  ReconcileFailed: 'error',
  RunFailed: 'error',
  BasesAreTotallyOutOfDate: 'error',
  DistributionPointWithholding: 'error',
  DistributionPointFresh: 'info',
  RolloutWaveStarted: 'info',
  RolloutHalted: 'error',
  RolloutResumed: 'info',
  RolloutCompleted: 'info',
  UpdatesVerificationStarted: 'info',
  UpdatesVerified: 'info',
  UpdatesVerificationFailed: 'error',
};

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

export function atLeast(severity: Severity, minimum: Severity): boolean {
  return RANK[severity] >= RANK[minimum];
}

export function isNotifiable(type: string): type is NotifiableType {
  return Object.hasOwn(SEVERITY_OF, type);
}

/** What an event is about, read from its record (docs/architecture.md "Notifications"). */
export interface EventFacts {
  type: NotifiableType;
  severity: Severity;
  task?: string;
  run?: string;
  commit?: string;
  /** DPs or devices the event is about (an agent's own events: the agent; a failed run: its failed targets). */
  targets: string[];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function factsOf(event: EventRecord & { type: NotifiableType }): EventFacts {
  const data = (event.data ?? {}) as Record<string, unknown>;
  // A failed run, and a halted rollout, are about the devices that failed.
  const isRun = event.type === 'RunFailed' || event.type === 'RolloutHalted' || event.type === 'UpdatesVerificationFailed';
  const isReconcile = event.type === 'ReconcileApplied' || event.type === 'ReconcileFailed';
  const targets = isRun ? (Array.isArray(data.failed) ? data.failed.filter((t): t is string => typeof t === 'string') : []) : isReconcile || !event.subject ? [] : [event.subject];
  const task = text(data.task);
  const run = text(data.run) ?? text(data.runId);
  const commit = text(data.commit);
  return { type: event.type, severity: SEVERITY_OF[event.type], targets, ...(task ? { task } : {}), ...(run ? { run } : {}), ...(commit ? { commit } : {}) };
}
