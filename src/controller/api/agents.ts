/**
 * The agents' API (docs/design.md 4 `updops agent`): register, heartbeat, long-poll for work, report
 * progress and results. Every call needs the bearer token (the routes are `mutating`, which is
 * what the token check keys on): assignments carry resolved source credentials.
 */
import type { AgentHub } from '../agents/hub.js';
import { decodeHeartbeat, isCount, type AgentEvent, type AgentResult, type HeartbeatAnswer, type ProgressAnswer } from '../../protocol/index.js';
import { AGENT_ROLES, type AgentRole } from '../../state/index.js';
import { ApiError } from './http.js';
import type { Reply, Route, RouteContext } from './routes.js';

/** What an agent route reads of a request: the same on the leader's API and on a follower (follower.ts). */
export type AgentContext = Pick<RouteContext, 'params' | 'query' | 'body' | 'agents'>;

export interface AgentRoute extends Omit<Route, 'handle'> {
  handle(ctx: AgentContext): Promise<Reply>;
}

/** A long-poll never outlives this (the agent asks again). */
export const MAX_WAIT_SECONDS = 30;

type Json = Record<string, unknown>;

function hub(ctx: AgentContext): AgentHub {
  if (!ctx.agents) throw new ApiError('NOT_FOUND', 'this controller does not accept agents');
  return ctx.agents;
}

async function object(ctx: AgentContext): Promise<Json> {
  const body = await ctx.body();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError('BAD_REQUEST', 'request body must be a JSON object');
  return body as Json;
}

function text(body: Json, field: string, required: boolean): string | undefined {
  const value = body[field];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 256) throw new ApiError('BAD_REQUEST', `${field} must be a non-empty string`);
  return value;
}

function count(body: Json, field: string): number {
  const value = body[field] ?? 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new ApiError('BAD_REQUEST', `${field} must be a number of at least 0`);
  return Math.round(value);
}

function events(body: Json): AgentEvent[] {
  const list = body.events ?? [];
  if (!Array.isArray(list) || list.length > 1000) throw new ApiError('BAD_REQUEST', 'events must be a list of at most 1000 events');
  return list.map((e: unknown) => {
    const event = (typeof e === 'object' && e !== null ? e : {}) as Json;
    const data = event.data;
    return {
      type: text(event, 'type', true) ?? '',
      message: typeof event.message === 'string' ? event.message.slice(0, 2000) : '',
      ...(typeof data === 'object' && data !== null && !Array.isArray(data) ? { data: data as Json } : {}),
    };
  });
}

export function parseResult(body: Json): AgentResult {
  const status = body.status;
  if (status !== 'completed' && status !== 'failed') throw new ApiError('BAD_REQUEST', 'status must be completed or failed');
  const reason = typeof body.reason === 'string' ? body.reason.slice(0, 4000) : undefined;
  const repo = typeof body.repository === 'object' && body.repository !== null ? (body.repository as Json) : undefined;
  const repository = repo ? { ...(typeof repo.version === 'string' ? { version: repo.version } : {}), ...(typeof repo.published === 'string' ? { published: repo.published } : {}) } : undefined;
  const unlicensed = body.unlicensedUpdates;
  if (unlicensed !== undefined && !isCount(unlicensed)) throw new ApiError('BAD_REQUEST', 'unlicensedUpdates must be a whole number of at least 0');
  const source = typeof body.source === 'string' && body.source.length > 0 ? body.source.slice(0, 256) : undefined;
  const fallbackReason = typeof body.fallbackReason === 'string' && body.fallbackReason.length > 0 ? body.fallbackReason.slice(0, 4000) : undefined;
  return {
    status,
    ...(reason ? { reason } : {}),
    files: count(body, 'files'),
    bytes: count(body, 'bytes'),
    durationMs: count(body, 'durationMs'),
    events: events(body),
    ...(repository ? { repository } : {}),
    ...(source ? { source } : {}),
    ...(fallbackReason ? { fallbackReason } : {}),
    ...(unlicensed !== undefined ? { unlicensedUpdates: unlicensed } : {}),
  };
}

/** A heartbeat's `runs`: the run ids the agent works on (at most a few; it runs one at a time). */
function runIds(body: Json): string[] {
  const list = body.runs ?? [];
  if (!Array.isArray(list) || list.length > 100 || !list.every((id) => typeof id === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(id))) {
    throw new ApiError('BAD_REQUEST', 'runs must be a list of at most 100 run ids');
  }
  return list as string[];
}

const name = (ctx: AgentContext): string => ctx.params[0] ?? '';
const runId = (ctx: AgentContext): string => {
  const id = ctx.params[1] ?? '';
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(id)) throw new ApiError('NOT_FOUND', 'no such run');
  return id;
};

async function register(ctx: AgentContext): Promise<Reply> {
  const body = await object(ctx);
  const role = text(body, 'role', false);
  if (role !== undefined && !AGENT_ROLES.includes(role as AgentRole)) throw new ApiError('BAD_REQUEST', `role must be one of ${AGENT_ROLES.join(', ')}`);
  const heartbeat = body.heartbeatSeconds;
  const heartbeatSeconds = typeof heartbeat === 'number' && heartbeat > 0 ? heartbeat : undefined;
  const os = text(body, 'os', false);
  const answer = await hub(ctx).register({
    name: text(body, 'name', true) ?? '',
    version: text(body, 'version', true) ?? '',
    ...(role ? { role: role as AgentRole } : {}),
    ...(os ? { os } : {}),
    ...(heartbeatSeconds ? { heartbeatSeconds } : {}),
  });
  return { status: 200, json: answer };
}

async function work(ctx: AgentContext): Promise<Reply> {
  const wait = Math.min(MAX_WAIT_SECONDS, Math.max(0, Number(ctx.query.get('waitSeconds') ?? 0) || 0));
  const assignment = await hub(ctx).nextWork(name(ctx), wait * 1000);
  return assignment ? { status: 200, json: { assignment } } : { status: 204, text: '', contentType: 'text/plain' };
}

export const AGENT_ROUTES: readonly AgentRoute[] = [
  { method: 'POST', pattern: ['api', 'agents', 'register'], mutating: true, handle: register },
  {
    method: 'POST',
    pattern: ['api', 'agents', ':name', 'heartbeat'],
    mutating: true,
    handle: async (ctx) => {
      const body = await object(ctx);
      const status = decodeHeartbeat(body.status);
      const beat = body.heartbeatSeconds;
      const runs = runIds(body);
      const agent = await hub(ctx).heartbeat(name(ctx), status, typeof beat === 'number' && beat > 0 ? beat : undefined, events(body));
      const answer: HeartbeatAnswer = { name: agent.name, lastSeen: agent.lastSeen, cancel: await hub(ctx).cancelNotices(agent.name, runs) };
      return { status: 200, json: answer };
    },
  },
  { method: 'GET', pattern: ['api', 'agents', ':name', 'work'], mutating: true, handle: work },
  {
    method: 'POST',
    pattern: ['api', 'agents', ':name', 'runs', ':runId', 'progress'],
    mutating: true,
    handle: async (ctx) => {
      const body = await object(ctx);
      const answer: ProgressAnswer = await hub(ctx).progress(name(ctx), runId(ctx), { files: count(body, 'files'), bytes: count(body, 'bytes') });
      return { status: 202, json: answer };
    },
  },
  {
    method: 'POST',
    pattern: ['api', 'agents', ':name', 'runs', ':runId', 'result'],
    mutating: true,
    handle: async (ctx) => {
      const result = parseResult(await object(ctx));
      const first = await hub(ctx).result(name(ctx), runId(ctx), result);
      return { status: 200, json: { accepted: true, duplicate: !first } };
    },
  },
];
