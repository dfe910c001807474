/**
 * Whether one device of a wave has succeeded or failed, from what its agent last reported
 * (docs/architecture.md "Rollouts"). Success is the version installed and healthy: after a
 * module install the restart and the health check must have passed (hawkbit#3185: a download is
 * not a success), so a device still waiting for its restart is pending. A failure is a run that
 * failed, or a restart whose health check failed (the module rolled back), reported after the
 * wave started; a device that reports neither within the pending timeout counts as failed
 * (hawkbit#693: a silent device must not hold a rollout forever).
 */

/** The part of a device's heartbeat status a rollout reads (protocol/heartbeat.ts). */
export interface DeviceReport {
  databaseVersion: string | null;
  applicationVersion: string | null;
  restartRequired: boolean;
  lastRestart: { at: string; version?: string; healthy: boolean; rolledBackFrom?: string } | null;
  lastResult: { status: string; at?: string; reason?: string } | null;
}

export type Outcome = { outcome: 'succeeded'; reason: string } | { outcome: 'failed'; reason: string };

const after = (at: string | undefined, since: string): boolean => at !== undefined && Date.parse(at) >= Date.parse(since);

export function deviceOutcome(version: string, report: DeviceReport | undefined, since: string, now: Date, timeoutMs: number): Outcome | undefined {
  if (report) {
    const restart = report.lastRestart;
    if (restart && after(restart.at, since) && (restart.rolledBackFrom === version || (restart.version === version && !restart.healthy))) {
      return { outcome: 'failed', reason: `the health check after the restart into ${version} failed${restart.rolledBackFrom === version ? '; rolled back' : ''}` };
    }
    const holds = report.databaseVersion === version || report.applicationVersion === version;
    // A module rolled back from this version (even before the wave started) is no success while the databases are on it.
    const restarted = !report.restartRequired && (restart?.version !== version || restart.healthy) && restart?.rolledBackFrom !== version;
    if (holds && restarted) return { outcome: 'succeeded', reason: `reports ${version}${restart?.version === version ? ', healthy after the restart' : ''}` };
    const result = report.lastResult;
    if (result?.status === 'failed' && after(result.at, since)) return { outcome: 'failed', reason: `its update failed: ${result.reason ?? 'no reason given'}` };
  }
  if (now.getTime() - Date.parse(since) >= timeoutMs) {
    return { outcome: 'failed', reason: `no report of ${version} installed and healthy within ${Math.round(timeoutMs / 1000)} s (pending timeout)` };
  }
  return undefined;
}
