/** The entry of src/controller/ for other folders (docs/architecture.md "Layers"). */
export { resolveToken, resolveWebhookSecret } from './api/auth.js';
export { bindApiListener, createApiServer, OUTBREAK_TYPES, servedRepositoryOf, type BoundListener, type RepositoryServing } from './api/index.js';
export { AgentHub } from './agents/hub.js';
export { UpstreamTimestamps } from './agents/upstream.js';
export { createController } from './controller.js';
export { createLogger, LOG_FORMATS, logProcessWarnings, type LogFormat } from './logging.js';
export { createMetrics } from './metrics.js';
export { followerHandler } from './api/follower.js';
export { ApiClient } from './api/client.js';
export type { Controller, RunDetails } from './types.js';
export { storeReader } from './api/client.js';
export type { RunsReader } from './api/client.js';
