/** The controller's side of `updops agent` (docs/design.md 4): hub, dispatch, presence, wire types. */
export { AgentHub, DEFAULT_HEARTBEAT_SECONDS, DEFAULT_RESULT_TIMEOUT_MS, RESTARTED_REASON, type AgentHubOptions } from './hub.js';
export { agentDispatch } from './dispatch.js';
export { UpstreamTimestamps, type UpstreamAnswer } from './upstream.js';
export { agentPresence, MISSED_BEATS } from './presence.js';
export type * from '../../protocol/index.js';
