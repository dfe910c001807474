/**
 * What a replica that does not lead answers (docs/architecture.md "Replicas"): while it stands by
 * for the lease its listener is up, and every replica serves the same read-only view of the shared
 * store — `/healthz` (alive), `/readyz` (store reachable and migrations current), `/metrics`
 * (with `updops_controller_leader 0`), `GET /api/status` (which names the leader), `/api/runs`,
 * `/api/runs/:id` and `/api/events`. With the job queue (a PostgreSQL state) it serves the agents
 * too — register, heartbeat, work, progress, result — through the same routes (agents.ts) and the
 * same `AgentHub` as the leader: work is fetched from the queue, results are recorded in the store
 * and complete their jobs, and the leader reads presence from the store. Everything else (actions,
 * the console) is a 503 naming the leader, to be retried there.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { collectStatus } from '../../status/index.js';
import type { StateStore } from '../../state/index.js';
import type { AgentHub } from '../agents/hub.js';
import { requireBearer } from './auth.js';
import { AGENT_ROUTES, type AgentContext } from './agents.js';
import { parseJson, readBody, sendError, sendJson, sendText, toApiError } from './http.js';
import { decodeParam, filterParam, limitParam, queryOf, rawSegments, withoutResults } from './paths.js';
import { findRoute } from './routes.js';
import { DEFAULT_BODY_LIMIT } from './server.js';

export interface FollowerOptions {
  store: StateStore;
  registry: Registry;
  timeZone: string;
  now?: () => Date;
  /** Serve the agent routes with this hub (on the job queue only: without it a follower cannot hand out work). */
  agents?: { hub: AgentHub; token: string | undefined; bodyLimit?: number };
}

/** `/readyz` on any replica: 200 when the store answers with a current schema, else 503 with why. */
export async function readiness(store: StateStore): Promise<{ status: number; json: unknown }> {
  const ready = await store.ready();
  return ready.ready ? { status: 200, json: { status: 'ready', schemaVersion: ready.schemaVersion } } : { status: 503, json: { status: 'unavailable', reason: ready.reason, ...(ready.schemaVersion !== undefined ? { schemaVersion: ready.schemaVersion } : {}) } };
}

/** Resolves to false for a request it does not answer (the listener then says 503). */
export function followerHandler(options: FollowerOptions): (req: IncomingMessage, res: ServerResponse, message: string) => Promise<boolean> {
  const now = options.now ?? (() => new Date());
  return async (req, res, message) => {
    const raw = rawSegments(req.url);
    if (options.agents && raw[0] === 'api' && raw[1] === 'agents') {
      await agentRequest(req, res, raw, options.agents);
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const segments = raw.map(decodeParam);
    const path = segments.join('/');
    const query = queryOf(req.url);
    const reply = (status: number, json: unknown): true => {
      sendJson(res, status, json);
      return true;
    };
    if (path === 'healthz') return reply(200, { status: 'ok', leader: false, message });
    if (path === 'readyz') {
      const { status, json } = await readiness(options.store);
      return reply(status, json);
    }
    if (path === 'metrics') {
      sendText(res, 200, options.registry.contentType, await options.registry.metrics());
      return true;
    }
    if (path === 'api/status') return reply(200, await collectStatus(options.store, now(), options.timeZone));
    if (path === 'api/runs') {
      const task = filterParam(query, 'task');
      const device = filterParam(query, 'device');
      return reply(200, { runs: await options.store.listRuns({ ...(task ? { task } : {}), ...(device ? { device } : {}), limit: limitParam(query, 100) }) });
    }
    if (segments.length === 3 && segments[0] === 'api' && segments[1] === 'runs') {
      const id = segments[2]!;
      const run = /^[A-Za-z0-9_-]{1,128}$/.test(id) ? await options.store.getRun(id) : undefined;
      if (!run) return reply(404, { error: { code: 'NOT_FOUND', message: `no run with id ${id}` } });
      return reply(200, withoutResults(query) ? { run } : { run, results: await options.store.listDeviceResults(id) });
    }
    if (path === 'api/events') {
      const type = filterParam(query, 'type');
      return reply(200, { events: await options.store.listEvents({ ...(type ? { type } : {}), limit: limitParam(query, 100) }) });
    }
    return false;
  };
}

/** An agent's call on a follower: the leader's route table and checks (bearer token first, then the body). */
async function agentRequest(req: IncomingMessage, res: ServerResponse, raw: string[], agents: NonNullable<FollowerOptions['agents']>): Promise<void> {
  try {
    const { route, rawParams } = findRoute(req.method ?? 'GET', raw, AGENT_ROUTES);
    requireBearer(req.headers.authorization, agents.token);
    const ctx: AgentContext = {
      params: rawParams.map(decodeParam),
      query: queryOf(req.url),
      body: async () => parseJson(await readBody(req, agents.bodyLimit ?? DEFAULT_BODY_LIMIT)),
      agents: agents.hub,
    };
    const reply = await route.handle(ctx);
    if ('json' in reply) sendJson(res, reply.status, reply.json);
    else sendText(res, reply.status, reply.contentType, reply.text, reply.headers ?? {});
  } catch (error) {
    if (res.headersSent) res.destroy();
    else sendError(res, toApiError(error));
  }
}
