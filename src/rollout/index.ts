/**
 * Rollouts in waves (issue 19; docs/architecture.md "Rollouts"): which devices each wave takes,
 * what counts as a device's success or failure, and how a rollout moves through its gates. The
 * pure core; the controller (controller/rollouts.ts) reads reports, keeps progress and starts runs.
 */
export { deviceOutcome, type DeviceReport, type Outcome } from './outcome.js';
export { advanceRollout, resumeRollout, startRollout, type RolloutEvent, type RolloutSubject, type Step } from './advance.js';
export { admittedVersion } from './pin.js';
export { testWave, verifyStep, type VerifyEvent, type VerifyStep, type VerifySubject } from './verify.js';
