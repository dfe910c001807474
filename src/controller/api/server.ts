/**
 * The controller's HTTP API (docs/design.md 4) on node:http: bound to 127.0.0.1 unless told otherwise,
 * every POST needs the bearer token (checked before anything is read or started), bodies are
 * bounded, and each request is logged as one JSON line without its body or headers. Paths under
 * `/repository/` are a served repository (repository.ts), not API routes.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import type { Registry } from 'prom-client';
import type { AgentHub } from '../agents/hub.js';
import type { Logger } from '../logging.js';
import { createMetrics } from '../metrics.js';
import type { Controller } from '../types.js';
import { requireBearer } from './auth.js';
import { evaluatePreconditions } from '../../util/index.js';
import type { ConsoleSettings } from './console.js';
import { GitHooks } from './hooks.js';
import { defaultTimeZone } from '../../plan/index.js';
import { ApiError, parseJson, readBody, sendError, sendJson, sendNotModified, sendText, toApiError } from './http.js';
import { decodeParam, queryOf, rawSegments } from './paths.js';
import { RepositoryRoute, repositoryTarget, type RepositoryServing } from './repository.js';
import { findRoute, type Reply, type RouteContext } from './routes.js';
import { DEFAULT_STATUS_CACHE_MS, statusCache } from './status-cache.js';
import type { StatusReport } from '../../status/index.js';
import { isLoopbackHost, listenOn } from '../../util/index.js';

export const DEFAULT_API_HOST = '127.0.0.1';
export const DEFAULT_BODY_LIMIT = 64 * 1024;

export interface ApiServerOptions {
  /** Default 127.0.0.1: the API is not reachable from other machines unless asked for. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Bearer token for POST calls; absent → every POST is refused (401) saying how to set one. */
  token?: string;
  /** The secret forges sign `POST /hooks/git` with (hooks.ts); absent → forge webhooks are refused (401) saying how to set one. */
  webhookSecret?: string;
  /** A forge's webhook body larger than this is refused (413). Default DEFAULTS.webhookBodyLimit. */
  webhookBodyLimit?: number;
  logger?: Logger;
  /** Registry served on /metrics (from `createMetrics`); default a fresh one with default metrics. */
  registry?: Registry;
  bodyLimit?: number;
  dashboardRefreshSeconds?: number;
  /** How long one status report answers `/api/status` and the dashboard; default 1000 ms, 0: only coalesce concurrent requests. */
  statusCacheMs?: number;
  /** Accept agents (src/controller/api/agents.ts); the same hub the controller was created with. */
  agents?: AgentHub;
  /** A listener bound earlier (`bindApiListener`); `host` and `port` are then ignored. */
  listener?: BoundListener;
  /** Serve this repository read-only under `/repository/` (repository.ts); absent: those paths are 404. */
  repository?: RepositoryServing;
  /** The zone the console shows for schedules that name none; default the process's (as the controller's). */
  timeZone?: string;
  /** The console's clock; default the system's. */
  now?: () => Date;
}

/**
 * The API's listener, bound before anything else is done (a busy port fails at once, nothing
 * applied). Until `createApiServer` takes it over, every request gets 503 with `waiting`'s text
 * (starting, or standing by for the lease), `/healthz` 200: the process is alive.
 */
export interface BoundListener {
  server: Server;
  url: string;
  host: string;
  port: number;
  /** What a request is told while no controller is attached. */
  waiting(message: string): void;
  /** Meanwhile, answer the read-only requests a follower serves (follower.ts); the rest stay 503. */
  follow(handler: FollowHandler): void;
  /** Back to waiting (and following): the API attached by `createApiServer` no longer answers (a replica that lost its lease). */
  restore(): void;
  close(): Promise<void>;
}

export type FollowHandler = (req: IncomingMessage, res: ServerResponse, message: string) => Promise<boolean>;

export interface ApiServer {
  url: string;
  port: number;
  host: string;
  server: Server;
  close(): Promise<void>;
  /**
   * Hands the listener back to waiting/following without closing it (a replica that lost its
   * lease serves as a follower again); requests in progress finish.
   */
  detach(): void;
}

interface Settings {
  controller: Controller;
  status: () => Promise<StatusReport>;
  token: string | undefined;
  logger: Logger | undefined;
  registry: Registry;
  bodyLimit: number;
  dashboardRefreshSeconds: number;
  agents: AgentHub | undefined;
  hooks: GitHooks;
  repository: RepositoryRoute;
  console: ConsoleSettings;
}

/** A strong ETag from the bytes of the reply: the same answer twice has the same tag. */
function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/**
 * Every successful GET carries an ETag, and its conditional headers are answered as RFC 9110 13.2.2
 * says: If-None-Match → 304, If-Match that does not match → 412. (No resource has a modification
 * date, so If-Modified-Since and If-Unmodified-Since are ignored, as the RFC asks.)
 */
function send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  const [body, contentType, headers] = 'json' in reply ? [`${JSON.stringify(reply.json)}\n`, 'application/json; charset=utf-8', {}] : [reply.text, reply.contentType, reply.headers ?? {}];
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, reply.status, contentType, body, headers);
  if (reply.status < 200 || reply.status > 299) return sendText(res, reply.status, contentType, body, headers);
  const etag = etagOf(body);
  const outcome = evaluatePreconditions(req.method, req.headers, { etag });
  if (outcome === 'not-modified') return sendNotModified(res, { etag });
  if (outcome === 'precondition-failed') throw new ApiError('PRECONDITION_FAILED', `If-Match does not match the current ETag ${etag}`, { etag });
  sendText(res, reply.status, contentType, body, { ...headers, etag });
}

/** A POST acts on a resource that has no representation here, so If-Match never holds (RFC 9110 13.1.1): nothing is started. */
function checkActionPreconditions(req: IncomingMessage): void {
  if (evaluatePreconditions(req.method, req.headers, undefined) === 'precondition-failed') {
    throw new ApiError('PRECONDITION_FAILED', 'If-Match cannot hold: this resource has no current representation; send the request without it');
  }
}

async function dispatch(req: IncomingMessage, res: ServerResponse, settings: Settings): Promise<void> {
  const { route, rawParams } = findRoute(req.method ?? 'GET', rawSegments(req.url));
  // Authorization comes first: an unauthenticated POST reads no body and starts nothing (a webhook
  // checks its caller itself, before it starts anything: a signature needs the body).
  if (route.mutating && !route.ownAuth) requireBearer(req.headers.authorization, settings.token);
  if (route.method === 'POST') checkActionPreconditions(req);
  const ctx: RouteContext = {
    controller: settings.controller,
    status: settings.status,
    registry: settings.registry,
    logger: settings.logger,
    params: rawParams.map(decodeParam),
    query: queryOf(req.url),
    body: async () => parseJson(await readBody(req, settings.bodyLimit)),
    headers: req.headers,
    rawBody: (limit) => readBody(req, limit),
    hooks: settings.hooks,
    dashboardRefreshSeconds: settings.dashboardRefreshSeconds,
    console: settings.console,
    path: req.url ?? '/',
    ...(settings.agents ? { agents: settings.agents } : {}),
  };
  send(req, res, await route.handle(ctx));
}

function handler(settings: Settings) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const path = (req.url ?? '/').split('?')[0];
    const target = repositoryTarget(req.url);
    res.on('finish', () => {
      const line = { method: req.method, path, status: res.statusCode, ms: Math.round((performance.now() - started) * 10) / 10 };
      // A secondary's sync reads hundreds of files: those lines are debug, the API's stay info.
      if (target === undefined) settings.logger?.info(line, 'request');
      else settings.logger?.debug(line, 'repository request');
    });
    const answer = target === undefined ? dispatch(req, res, settings) : settings.repository.serve(req, res, settings.controller, target);
    answer.catch((error: unknown) => {
      const apiError = toApiError(error);
      if (apiError.code === 'INTERNAL') settings.logger?.error({ method: req.method, path, error: error instanceof Error ? error.message : String(error) }, 'request failed');
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendError(res, apiError);
      // An oversized body is left unread: close rather than keep a connection with bytes pending.
      if (apiError.code === 'PAYLOAD_TOO_LARGE') res.on('finish', () => req.destroy());
    });
  };
}

const WAITING_HANDLER = Symbol('waiting');

/** `bound`: a socket server already listening on the port (bound before anything was loaded); the API takes its handle over. */
export async function bindApiListener(host: string = DEFAULT_API_HOST, port = 0, bound?: NetServer): Promise<BoundListener> {
  let message = 'the controller is starting';
  let follower: FollowHandler | undefined;
  const unavailable = (req: IncomingMessage, res: ServerResponse): void => {
    if ((req.url ?? '/').split('?')[0] === '/healthz') sendJson(res, 200, { status: 'ok', ready: false, message });
    else sendError(res, new ApiError('UNAVAILABLE', message, { 'retry-after': '5' }));
  };
  const waiting = Object.assign(
    (req: IncomingMessage, res: ServerResponse): void => {
      if (!follower) return unavailable(req, res);
      follower(req, res, message).then(
        (handled) => void (handled || unavailable(req, res)),
        (error: unknown) => (res.headersSent ? res.destroy() : sendError(res, toApiError(error))),
      );
    },
    { [WAITING_HANDLER]: true },
  );
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, waiting);
  if (bound) await new Promise<void>((resolve, reject) => server.once('error', reject).listen(bound, () => resolve()));
  else await listenOn(server, { host, port });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${urlHost}:${address.port}`,
    host: address.address,
    port: address.port,
    waiting: (text) => void (message = text),
    follow: (handler) => void (follower = handler),
    restore: () => {
      server.removeAllListeners('request');
      server.on('request', waiting);
    },
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING' ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}


export async function createApiServer(controller: Controller, options: ApiServerOptions = {}): Promise<ApiServer> {
  const listener = options.listener ?? (await bindApiListener(options.host ?? DEFAULT_API_HOST, options.port ?? 0));
  const token = options.token ? options.token : undefined;
  const dashboardRefreshSeconds = options.dashboardRefreshSeconds ?? 15;
  const settings: Settings = {
    controller,
    status: statusCache(controller, options.statusCacheMs ?? DEFAULT_STATUS_CACHE_MS),
    token: options.token ? options.token : undefined,
    logger: options.logger,
    registry: options.registry ?? createMetrics().registry,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    dashboardRefreshSeconds,
    agents: options.agents,
    repository: new RepositoryRoute(options.repository, options.token ? options.token : undefined, options.logger),
    hooks: new GitHooks({ token: options.token ? options.token : undefined, secret: options.webhookSecret ? options.webhookSecret : undefined, logger: options.logger, ...(options.webhookBodyLimit ? { bodyLimit: options.webhookBodyLimit } : {}) }),
    console: { token, loopback: isLoopbackHost(listener.host), timeZone: options.timeZone ?? defaultTimeZone(), refreshSeconds: dashboardRefreshSeconds, now: options.now ?? (() => new Date()) },
  };
  const { server } = listener;
  for (const waiting of server.listeners('request')) if (WAITING_HANDLER in (waiting as object)) server.off('request', waiting as () => void);
  server.on('request', handler(settings));
  return {
    url: listener.url,
    port: listener.port,
    host: listener.host,
    server,
    close: () => {
      settings.agents?.close();
      return closeServer(server);
    },
    detach: () => listener.restore(),
  };
}

export { ApiError };
