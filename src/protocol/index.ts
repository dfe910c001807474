/**
 * The agent wire protocol (docs/architecture.md "Agents"): what the controller and its agents
 * exchange over HTTP. Both sides import this module and nothing of each other.
 */
export type * from './messages.js';
export type * from './heartbeat.js';
export { decodeHeartbeat, isCount } from './heartbeat.js';
