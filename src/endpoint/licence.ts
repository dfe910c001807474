/**
 * Licence rule (pure). Seed: "Current application license is required for regular database
 * updates. If there is no current license, you will only be able to perform one update."
 */
import type { License } from '../manifests/index.js';
import type { UpdateEvent } from './types.js';

export const LICENCE_REQUIRED_REASON = 'a current licence is required for regular updates; without one a device can perform only one update';

export type LicenceStatus = 'current' | 'expired' | 'none';

/** `expires` is the last valid day (YYYY-MM-DD): a licence is expired when that day is before today (UTC). */
export function licenceStatus(license: License | undefined, now: Date): LicenceStatus {
  if (!license) return 'none';
  const today = now.toISOString().slice(0, 10);
  return license.expires < today ? 'expired' : 'current';
}

export type LicenceDecision = { allowed: true; counts: boolean } | { allowed: false; reason: string; event: UpdateEvent };

/** `counts`: a completed run adds one to the device's unlicensed update count. */
export function licenceDecision(license: License | undefined, now: Date, unlicensedUpdates: number): LicenceDecision {
  const status = licenceStatus(license, now);
  if (status === 'current') return { allowed: true, counts: false };
  if (unlicensedUpdates < 1) return { allowed: true, counts: true };
  const why = status === 'none' ? 'the device has no licence' : `the licence expired on ${license?.expires ?? '?'}`;
  const reason = `${LICENCE_REQUIRED_REASON} (${why}, and its one update is used)`;
  return { allowed: false, reason, event: { type: 'LicenseRequired', message: reason, data: { licence: status, unlicensedUpdates } } };
}
