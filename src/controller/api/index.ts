/** The controller's HTTP edge (docs/design.md 4): API server, client, dashboard. */
export { bindApiListener, createApiServer, DEFAULT_API_HOST, DEFAULT_BODY_LIMIT, type ApiServer, type ApiServerOptions, type BoundListener } from './server.js';
export { ApiClient, ApiClientError, storeReader, type ApiClientOptions, type RunsReader } from './client.js';
export { resolveToken, resolveWebhookSecret } from './auth.js';
export { escapeHtml, renderDashboard } from './dashboard.js';
export { ApiError, type ApiErrorCode } from './http.js';
export { OUTBREAK_TYPES } from './routes.js';
export { servedRepositoryOf, type RepositoryServing, type ServedRepository } from './repository.js';
