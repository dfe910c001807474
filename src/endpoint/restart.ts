/**
 * Restart after a module install, and the health check that decides whether the new version
 * stays (seed: "If the application does not work properly after the update, it automatically
 * rolls back to the previous version. A message about the application rollback is displayed.").
 */
import type { Application, HealthCheckSpec } from './app/types.js';
import type { PendingRestart } from './device-state.js';
import type { UpdateEvent } from './types.js';

export type RestartOutcome =
  | { ok: true; version: string | undefined; events: UpdateEvent[] }
  | { ok: false; reason: string; version: string | undefined; events: UpdateEvent[] };

export async function restartAndVerify(app: Application, pending: PendingRestart | undefined, check: HealthCheckSpec | undefined): Promise<RestartOutcome> {
  await app.restart();
  if (await app.healthCheck(check)) return { ok: true, version: await app.currentVersion(), events: [] };
  const failed = pending?.version ?? (await app.currentVersion()) ?? '?';
  const previous = pending?.previousVersion;
  if (previous === undefined) {
    return { ok: false, reason: `the application is not healthy after the update to ${failed} and there is no previous version to roll back to`, version: failed, events: [] };
  }
  // Back to the previous version AND its settings, then start it again.
  await app.activate(previous);
  if (pending?.previousSettings) await app.writeSettings(pending.previousSettings);
  await app.restart();
  const reason = `the application did not work properly after the update to ${failed} (health check failed); it was rolled back to ${previous}. Contact technical support`;
  const event: UpdateEvent = { type: 'ApplicationRolledBack', message: `Application rolled back from ${failed} to ${previous}: the health check failed after the update`, data: { from: failed, to: previous } };
  return { ok: false, reason, version: previous, events: [event] };
}
