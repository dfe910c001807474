/**
 * The run executor (docs/architecture.md "Runs"): the one way a task runs, whoever starts it —
 * apply, the scheduler, a manual or API start, a chain, an outbreak or a missed start.
 */
export { CANCELLED_REASON, executeRun, operatorCancelReason, RUN_FAILED_EVENT, RunCancelled, skippedEveryTarget } from './execute.js';
export { decideTarget, NO_AGENT_REASON, NOT_VISIBLE_REASON, type TargetDecision } from './decide.js';
export { NON_WINDOWS_REASON, downloadToDistributionPoint, type DpDownloadInput, type DpDownloadOutcome } from './download-to-dp.js';
export { applyStarts, joinedScope, onOutbreak, onTaskCompletion, ONE_SHOT_KINDS, type OutbreakApplicationType } from './triggers.js';
export { taskTargets, scopeMembers, type RunTarget } from './targets.js';
export { localPresence, type Presence } from './presence.js';
export { sourceSpecOf, taskSources, type ResolvedSource } from '../sources/index.js';
export { downloadSettings } from './settings.js';
export { selectTargets, type TargetSelection } from './select.js';
export { recordObservation } from './record-observation.js';
export { AGENT_ELSEWHERE_REASON, LIVE_AGENT_MS, localRuns, type LocalRunsOptions } from './local.js';
export type { AgentGateway, DownloadSettings, RunAgents, RunContext, RunOutcome, RunRequest, RunScope, TargetContext, WorkCounter } from './types.js';

export { manualStartCount } from './offsets.js';
export { distributionPointPins, pinOf, pinsByDistributionPoint, taskPins, type TaskPin } from './pins.js';
export { heldBy, releaseUnderTest, VERIFICATION_WORDS, verifyingTasks, type VerifyingTask } from './verifications.js';
