/**
 * The API's routes (docs/design.md 4), one table: method, path pattern, whether the call mutates (then
 * it needs the bearer token, checked before the handler runs), and the handler. Handlers only
 * translate HTTP to the `Controller` interface and back.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Registry } from 'prom-client';
import type { StatusReport } from '../../status/index.js';
import type { AgentHub } from '../agents/hub.js';
import type { Logger } from '../logging.js';
import { AGENT_ROUTES } from './agents.js';
import type { Controller, OutbreakApplicationType } from '../types.js';
import type { TargetSelection } from '../../runs/index.js';
import { CONSOLE_ROUTES, type ConsoleSettings } from './console.js';
import { DASHBOARD_CSP, renderDashboard } from './dashboard.js';
import type { GitHooks } from './hooks.js';
import { ApiError, parseJson } from './http.js';
import { readiness } from './follower.js';
import { filterParam, limitParam, withoutResults } from './paths.js';

export type Reply = { status: number; json: unknown } | { status: number; text: string; contentType: string; headers?: Record<string, string> };

export interface RouteContext {
  controller: Controller;
  /** The controller's status, shared by concurrent requests (src/controller/api/status-cache.ts). */
  status: () => Promise<StatusReport>;
  registry: Registry;
  logger: Logger | undefined;
  /** Decoded path parameters, in pattern order. */
  params: string[];
  query: URLSearchParams;
  /** The JSON body, read with the size limit. */
  body(): Promise<unknown>;
  /** The request's headers and its raw body (read with `limit`), for a webhook's signature. */
  headers: IncomingHttpHeaders;
  rawBody(limit: number): Promise<Buffer>;
  /** `POST /hooks/git`'s receiver (hooks.ts). */
  hooks: GitHooks;
  dashboardRefreshSeconds: number;
  /** The web console's settings (console.ts): token, loopback, zone, clock. */
  console: ConsoleSettings;
  /** The request's path and query as sent. */
  path: string;
  /** The controller's agents (src/controller/api/agents.ts); absent: agent calls are 404. */
  agents?: AgentHub;
}

export interface Route {
  method: 'GET' | 'POST';
  /** Segments; `:name` is a parameter. `[""]` is `/`. */
  pattern: string[];
  mutating: boolean;
  /** A mutating route that checks its caller itself (a forge's signature, or the bearer token), not before it runs. */
  ownAuth?: true;
  handle(ctx: RouteContext): Promise<Reply>;
}

export const OUTBREAK_TYPES: readonly OutbreakApplicationType[] = ['workstationsAndFileServers', 'perimeter', 'mail'];

const param = (ctx: RouteContext, i: number): string => ctx.params[i] ?? '';

function outbreakType(body: unknown): OutbreakApplicationType {
  const value = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).applicationType : undefined;
  const known = OUTBREAK_TYPES.find((t) => t === value);
  if (!known) throw new ApiError('BAD_REQUEST', `applicationType must be one of ${OUTBREAK_TYPES.join(', ')}`);
  return known;
}

/** A JSON body that may be left out (a bare POST keeps working): undefined when empty. */
async function optionalBody(ctx: RouteContext): Promise<unknown> {
  const raw = await ctx.rawBody(OPTIONAL_BODY_LIMIT);
  return raw.length === 0 ? undefined : parseJson(raw);
}

const OPTIONAL_BODY_LIMIT = 64 * 1024;

/** `{targets: [names]}` or `{retryFailed: RUN_ID}` (or nothing: the whole scope). */
function runSelection(body: unknown): TargetSelection | undefined {
  if (body === undefined) return undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError('BAD_REQUEST', 'the body must be a JSON object: {"targets": [...]} or {"retryFailed": "RUN_ID"}');
  const { targets, retryFailed } = body as Record<string, unknown>;
  if (targets !== undefined && (!Array.isArray(targets) || !targets.every((n) => typeof n === 'string' && n.length > 0))) throw new ApiError('BAD_REQUEST', 'targets must be a list of DP/device names');
  if (retryFailed !== undefined && (typeof retryFailed !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(retryFailed))) throw new ApiError('BAD_REQUEST', 'retryFailed must be a run id');
  if (targets === undefined && retryFailed === undefined) return undefined;
  return { ...(targets ? { devices: targets as string[] } : {}), ...(retryFailed ? { retryFailed } : {}) };
}

/** Who cancels (or resumes), as the caller names itself (`updops cancel` sends user@host); the API otherwise. */
function cancelledBy(body: unknown): string {
  const by = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).by : undefined;
  if (by === undefined) return 'an API call';
  if (typeof by !== 'string' || by.length === 0 || by.length > 200 || [...by].some((c) => c.charCodeAt(0) < 0x20)) throw new ApiError('BAD_REQUEST', 'by must be a short text naming who cancels');
  return by;
}

export const ROUTES: readonly Route[] = [
  { method: 'GET', pattern: ['healthz'], mutating: false, handle: async (ctx) => ({ status: 200, json: { status: 'ok', leader: ctx.controller.leading ?? true } }) },
  { method: 'GET', pattern: ['readyz'], mutating: false, handle: (ctx) => readiness(ctx.controller.store) },
  { method: 'GET', pattern: ['api', 'status'], mutating: false, handle: async (ctx) => ({ status: 200, json: await ctx.status() }) },
  {
    method: 'GET',
    pattern: ['api', 'runs'],
    mutating: false,
    handle: async (ctx) => {
      const task = filterParam(ctx.query, 'task');
      const device = filterParam(ctx.query, 'device');
      const runs = await ctx.controller.listRuns({ ...(task ? { task } : {}), ...(device ? { device } : {}), limit: limitParam(ctx.query, 100) });
      return { status: 200, json: { runs } };
    },
  },
  {
    method: 'GET',
    pattern: ['api', 'runs', ':id'],
    mutating: false,
    handle: async (ctx) => {
      const id = param(ctx, 0);
      // Run ids are UUIDs (or similar tokens); anything else cannot name a run.
      if (!/^[A-Za-z0-9_-]{1,128}$/.test(id)) throw new ApiError('NOT_FOUND', 'no such run');
      if (withoutResults(ctx.query)) {
        // The run's status alone: a wait polling a run of 10,000 devices does not read every result each time.
        const run = await ctx.controller.store.getRun(id);
        if (!run) throw new ApiError('NOT_FOUND', `no run with id ${id}`);
        return { status: 200, json: { run } };
      }
      const details = await ctx.controller.getRun(id);
      if (!details) throw new ApiError('NOT_FOUND', `no run with id ${id}`);
      return { status: 200, json: details };
    },
  },
  {
    method: 'POST',
    pattern: ['api', 'runs', ':id', 'cancel'],
    mutating: true,
    handle: async (ctx) => {
      const id = param(ctx, 0);
      if (!/^[A-Za-z0-9_-]{1,128}$/.test(id)) throw new ApiError('NOT_FOUND', 'no such run');
      return { status: 200, json: { run: await ctx.controller.cancelRun(id, cancelledBy(await optionalBody(ctx))) } };
    },
  },
  {
    method: 'GET',
    pattern: ['api', 'events'],
    mutating: false,
    handle: async (ctx) => {
      const type = filterParam(ctx.query, 'type');
      const events = await ctx.controller.listEvents({ ...(type ? { type } : {}), limit: limitParam(ctx.query, 100) });
      return { status: 200, json: { events } };
    },
  },
  {
    method: 'GET',
    pattern: ['api', 'rollouts'],
    mutating: false,
    handle: async (ctx) => ({ status: 200, json: { rollouts: await (ctx.controller.listRollouts?.() ?? ctx.controller.store.listRollouts()) } }),
  },
  {
    method: 'GET',
    pattern: ['api', 'verifications'],
    mutating: false,
    handle: async (ctx) => ({ status: 200, json: { verifications: await ctx.controller.store.listVerifications() } }),
  },
  {
    method: 'POST',
    pattern: ['api', 'rollouts', ':name', 'resume'],
    mutating: true,
    handle: async (ctx) => {
      if (!ctx.controller.resumeRollout) throw new ApiError('NOT_FOUND', 'this controller drives no rollouts');
      return { status: 200, json: { rollout: await ctx.controller.resumeRollout(param(ctx, 0), cancelledBy(await optionalBody(ctx))) } };
    },
  },
  {
    method: 'POST',
    pattern: ['api', 'tasks', ':name', 'run'],
    mutating: true,
    handle: async (ctx) => {
      const selection = runSelection(await optionalBody(ctx));
      return { status: 202, json: { run: await ctx.controller.runTask(param(ctx, 0), 'manual', ...(selection ? [selection] : [])) } };
    },
  },
  {
    method: 'POST',
    pattern: ['api', 'events', 'outbreak'],
    mutating: true,
    handle: async (ctx) => {
      const type = outbreakType(await ctx.body());
      return { status: 202, json: { applicationType: type, runs: await ctx.controller.outbreak(type) } };
    },
  },
  {
    method: 'POST',
    pattern: ['hooks', 'git'],
    mutating: true,
    ownAuth: true,
    handle: (ctx) => ctx.hooks.receive(ctx, ctx.controller),
  },
  {
    method: 'GET',
    pattern: ['metrics'],
    mutating: false,
    handle: async (ctx) => ({ status: 200, text: await ctx.registry.metrics(), contentType: ctx.registry.contentType }),
  },
  {
    method: 'GET',
    pattern: ['dashboard'],
    mutating: false,
    handle: async (ctx) => {
      const [report, events] = await Promise.all([ctx.status(), ctx.controller.listEvents({ limit: 20 })]);
      const html = renderDashboard(report, events, { refreshSeconds: ctx.dashboardRefreshSeconds });
      return { status: 200, text: html, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': DASHBOARD_CSP, 'x-frame-options': 'DENY' } };
    },
  },
  ...AGENT_ROUTES,
  ...CONSOLE_ROUTES,
];

export interface RouteMatch<R = Route> {
  route: R;
  /** Raw (still encoded) parameter segments. */
  rawParams: string[];
}

function matches(pattern: string[], segments: string[]): string[] | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: string[] = [];
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i] ?? '';
    if (part.startsWith(':')) params.push(segment);
    else if (part !== segment) return undefined;
  }
  return params;
}

/** The route for (method, segments) in `table` (default all): 404 when no path matches, 405 (with `Allow`) when only the method differs. */
export function findRoute<R extends Pick<Route, 'method' | 'pattern'> = Route>(method: string, segments: string[], table: readonly R[] = ROUTES as unknown as readonly R[]): RouteMatch<R> {
  const byPath = table.flatMap((route) => {
    const rawParams = matches(route.pattern, segments);
    return rawParams ? [{ route, rawParams }] : [];
  });
  if (byPath.length === 0) throw new ApiError('NOT_FOUND', 'no such resource');
  const wanted = method === 'HEAD' ? 'GET' : method;
  const found = byPath.find((m) => m.route.method === wanted);
  if (!found) {
    const allow = [...new Set(byPath.map((m) => m.route.method))].join(', ');
    throw new ApiError('METHOD_NOT_ALLOWED', `method ${method} is not allowed here; use ${allow}`, { allow });
  }
  return found;
}
