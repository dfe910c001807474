/**
 * The web console's HTTP edge (docs/architecture.md "Console"): the page routes, the login
 * session and the actions. Pages are rendered by src/console/; this file decides who may see and
 * do what, with the API's rules:
 *
 * - Reading needs nothing when the listener is on a loopback address (as `GET /api/...` does).
 *   On any other address, when a token is configured, pages need a session (log in first).
 * - Actions (run now, cancel, retry failed, resume a rollout) need the API token, either as `Authorization: Bearer`
 *   (scripts) or as a session made by logging in with it. The session is the cookie
 *   `updops_console=EXPIRY.MAC`, MAC = HMAC-SHA256(token, "session:" + EXPIRY): HttpOnly,
 *   SameSite=Strict, 8 hours; the token itself is never in the cookie, and changing the token
 *   ends every session. A cookie is sent by the browser on its own, so a cookie-authorized POST
 *   must also carry the form's CSRF field, HMAC(token, "csrf:" + cookie) (only a page of this
 *   origin can read it), and an `Origin` header, when present, must be this host.
 */
import { createHmac } from 'node:crypto';
import {
  CONSOLE_CSS,
  CONSOLE_JS,
  deviceData,
  EVENT_LIMITS,
  FRESHNESS_BUCKETS,
  groupsData,
  LAST_SEEN_FILTERS,
  lastPlan,
  overviewData,
  pageDevices,
  rolloutsData,
  renderDevice,
  renderDevices,
  renderError,
  renderEvents,
  renderGroups,
  renderLogin,
  renderOverview,
  renderPlanPage,
  renderRollouts,
  renderRun,
  renderRuns,
  renderTasks,
  runData,
  tasksData,
  type ConsoleSource,
  type DeviceFilter,
  type FreshnessBucket,
  type LastSeenFilter,
  type PageContext,
} from '../../console/index.js';
import { RUN_STATUSES } from '../../state/index.js';
import { requireBearer, sameSecret } from './auth.js';
import { ApiError, toApiError } from './http.js';
import type { Reply, Route, RouteContext } from './routes.js';

export interface ConsoleSettings {
  token: string | undefined;
  /** The listener is on a loopback address: reading needs no session. */
  loopback: boolean;
  /** The zone of schedules that name none. */
  timeZone: string;
  /** The overview reloads itself this often (seconds). */
  refreshSeconds: number;
  now: () => Date;
}

/** Only 'self': the console's CSS and script come from the controller, forms post to it, nothing else loads. */
export const CONSOLE_CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const COOKIE = 'updops_console';
export const SESSION_MS = 8 * 3_600_000;
const FORM_LIMIT = 16 * 1024;

const mac = (token: string, text: string): string => createHmac('sha256', token).update(text).digest('base64url');

export function makeSession(token: string, now: Date): string {
  const expires = now.getTime() + SESSION_MS;
  return `${expires}.${mac(token, `session:${expires}`)}`;
}

export function csrfFor(token: string, session: string): string {
  return mac(token, `csrf:${session}`);
}

function cookie(ctx: RouteContext, name: string): string | undefined {
  for (const part of (ctx.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** The request's valid session cookie, if any. */
function session(ctx: RouteContext, settings: ConsoleSettings): string | undefined {
  const value = cookie(ctx, COOKIE);
  if (!value || !settings.token) return undefined;
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return undefined;
  const good = sameSecret(match[2]!, mac(settings.token, `session:${match[1]}`));
  return good && Number(match[1]) > settings.now().getTime() ? value : undefined;
}

function pageContext(ctx: RouteContext, settings: ConsoleSettings): PageContext {
  const s = session(ctx, settings);
  return { now: settings.now(), path: ctx.path, tokenConfigured: Boolean(settings.token), ...(s && settings.token ? { csrf: csrfFor(settings.token, s) } : {}) };
}

const HTML_HEADERS = { 'content-security-policy': CONSOLE_CSP, 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin' };

function htmlReply(status: number, text: string, headers: Record<string, string> = {}): Reply {
  return { status, text, contentType: 'text/html; charset=utf-8', headers: { ...HTML_HEADERS, ...headers } };
}

function redirect(location: string, headers: Record<string, string> = {}): Reply {
  return { status: 303, text: '', contentType: 'text/plain; charset=utf-8', headers: { location, ...headers } };
}

function source(ctx: RouteContext, settings: ConsoleSettings): ConsoleSource {
  return { store: ctx.controller.store, status: ctx.status, now: settings.now, timeZone: settings.timeZone };
}

/** A safe place to go back to after logging in: a path on this origin. */
function localPath(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/';
}

/** A page: errors become an HTML page with their status; off loopback, a token-protected console asks to log in first. */
function page(render: (ctx: RouteContext, pc: PageContext, settings: ConsoleSettings) => Promise<string | Reply>): (ctx: RouteContext) => Promise<Reply> {
  return async (ctx) => {
    const settings = ctx.console;
    const pc = pageContext(ctx, settings);
    if (!settings.loopback && settings.token && !pc.csrf) return redirect(`/login?next=${encodeURIComponent(ctx.path)}`);
    try {
      const out = await render(ctx, pc, settings);
      return typeof out === 'string' ? htmlReply(200, out) : out;
    } catch (error) {
      const e = toApiError(error);
      return htmlReply(e.status, renderError(pc, e.status, e.message), e.headers);
    }
  };
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

function text(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name)?.trim();
  if (!value) return undefined;
  if (value.length > 200) throw new ApiError('BAD_REQUEST', `${name} must be at most 200 characters`);
  return value;
}

function pageNumber(query: URLSearchParams): number {
  const value = query.get('page');
  if (value === null || value === '') return 1;
  if (!/^\d{1,7}$/.test(value) || Number(value) < 1) throw new ApiError('BAD_REQUEST', 'page must be a whole number from 1');
  return Number(value);
}

const runId = (ctx: RouteContext): string => {
  const id = ctx.params[0] ?? '';
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(id)) throw new ApiError('NOT_FOUND', 'no such run');
  return id;
};

const DONE_NOTICES: Record<string, string> = { started: 'Run started.', cancelled: 'Run cancelled.', skipped: 'The task was already running, so this start was recorded as skipped.' };

/**
 * Who may act: the bearer token (no cookie, so no CSRF), or a session whose form carries its
 * CSRF field and whose Origin, when sent, is this host. Resolves with the form's fields.
 */
async function authorizeAction(ctx: RouteContext, settings: ConsoleSettings): Promise<URLSearchParams> {
  if (!settings.token) throw new ApiError('UNAUTHORIZED', 'no API token is configured, so actions are refused: set UPDOPS_TOKEN or pass --token-file to the controller');
  if (ctx.headers.authorization !== undefined) {
    requireBearer(ctx.headers.authorization, settings.token);
    return form(ctx);
  }
  const s = session(ctx, settings);
  if (!s) throw new ApiError('UNAUTHORIZED', 'actions need the API token: log in first');
  checkOrigin(ctx);
  const fields = await form(ctx);
  if (!sameSecret(fields.get('csrf') ?? '', csrfFor(settings.token, s))) throw new ApiError('FORBIDDEN', 'the form is stale or came from another site (CSRF check failed): reload the page and try again');
  return fields;
}

function checkOrigin(ctx: RouteContext): void {
  const origin = ctx.headers.origin;
  if (origin === undefined) return;
  if (origin !== `http://${ctx.headers.host ?? ''}` && origin !== `https://${ctx.headers.host ?? ''}`) throw new ApiError('FORBIDDEN', 'the request came from another site (Origin does not match)');
}

async function form(ctx: RouteContext): Promise<URLSearchParams> {
  const type = ctx.headers['content-type'] ?? '';
  const raw = await ctx.rawBody(FORM_LIMIT);
  if (raw.length === 0) return new URLSearchParams();
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) throw new ApiError('BAD_REQUEST', 'a console action takes a form (application/x-www-form-urlencoded)');
  return new URLSearchParams(raw.toString('utf8'));
}

/** An action: authorized, done, then back to the run page; a refusal is an HTML page with its status. */
function action(run: (ctx: RouteContext, fields: URLSearchParams) => Promise<string>): (ctx: RouteContext) => Promise<Reply> {
  return async (ctx) => {
    const settings = ctx.console;
    try {
      const fields = await authorizeAction(ctx, settings);
      return redirect(await run(ctx, fields));
    } catch (error) {
      const e = toApiError(error);
      return htmlReply(e.status, renderError(pageContext(ctx, settings), e.status, e.message), e.headers);
    }
  };
}

const SESSION_ATTRIBUTES = 'Path=/; HttpOnly; SameSite=Strict';

async function login(ctx: RouteContext): Promise<Reply> {
  const settings = ctx.console;
  const pc = pageContext(ctx, settings);
  let fields: URLSearchParams;
  try {
    checkOrigin(ctx);
    fields = await form(ctx);
  } catch (error) {
    const e = toApiError(error);
    return htmlReply(e.status, renderError(pc, e.status, e.message));
  }
  const next = localPath(fields.get('next'));
  if (!settings.token) return htmlReply(401, renderLogin(pc, next));
  const given = fields.get('token') ?? '';
  if (!sameSecret(given, settings.token)) return htmlReply(401, renderLogin(pc, next, 'That is not the controller’s API token.'));
  return redirect(next, { 'set-cookie': `${COOKIE}=${makeSession(settings.token, settings.now())}; ${SESSION_ATTRIBUTES}; Max-Age=${SESSION_MS / 1000}` });
}

const asset = (body: string, contentType: string) => async (): Promise<Reply> => ({ status: 200, text: body, contentType, headers: { 'content-security-policy': "default-src 'none'" } });

export const CONSOLE_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: ['console.css'], mutating: false, handle: asset(CONSOLE_CSS, 'text/css; charset=utf-8') },
  { method: 'GET', pattern: ['console.js'], mutating: false, handle: asset(CONSOLE_JS, 'text/javascript; charset=utf-8') },
  {
    method: 'GET',
    pattern: [''],
    mutating: false,
    handle: page(async (ctx, pc, settings) => renderOverview(pc, await overviewData(source(ctx, settings)), settings.refreshSeconds)),
  },
  {
    method: 'GET',
    pattern: ['devices'],
    mutating: false,
    handle: page(async (ctx, pc, settings) => {
      const q = ctx.query;
      const filter: DeviceFilter = {};
      const freshness = oneOf<FreshnessBucket>(q.get('freshness'), FRESHNESS_BUCKETS);
      const lastSeen = oneOf<LastSeenFilter>(q.get('lastSeen'), [...(Object.keys(LAST_SEEN_FILTERS) as (keyof typeof LAST_SEEN_FILTERS)[]), 'older', 'never']);
      const group = text(q, 'group');
      const os = text(q, 'os');
      const name = text(q, 'name');
      if (freshness) filter.freshness = freshness;
      if (lastSeen) filter.lastSeen = lastSeen;
      if (group) filter.group = group;
      if (os) filter.os = os;
      if (name) filter.name = name;
      const report = await ctx.status();
      return renderDevices(pc, pageDevices(report.devices ?? [], filter, pageNumber(q), settings.now()), filter);
    }),
  },
  {
    method: 'GET',
    pattern: ['devices', ':name'],
    mutating: false,
    handle: page(async (ctx, pc, settings) => {
      const name = ctx.params[0] ?? '';
      const data = await deviceData(source(ctx, settings), name);
      if (!data) throw new ApiError('NOT_FOUND', `no device named ${name} in the applied configuration`);
      const report = await ctx.status();
      return renderDevice(pc, data, new Set((report.devices ?? []).map((d) => d.name)));
    }),
  },
  { method: 'GET', pattern: ['groups'], mutating: false, handle: page(async (ctx, pc, settings) => renderGroups(pc, await groupsData(source(ctx, settings)))) },
  { method: 'GET', pattern: ['tasks'], mutating: false, handle: page(async (ctx, pc, settings) => renderTasks(pc, await tasksData(source(ctx, settings)))) },
  {
    method: 'GET',
    pattern: ['runs'],
    mutating: false,
    handle: page(async (ctx, pc) => {
      const task = text(ctx.query, 'task');
      const status = oneOf(ctx.query.get('status'), RUN_STATUSES);
      const report = await ctx.status();
      const runs = await ctx.controller.store.listRuns({ ...(task ? { task } : {}), limit: status ? 1000 : 100 });
      const shown = (status ? runs.filter((r) => r.status === status) : runs).slice(0, 100);
      return renderRuns(pc, shown, { ...(task ? { task } : {}), ...(status ? { status } : {}) }, report.tasks.map((t) => t.name), RUN_STATUSES);
    }),
  },
  {
    method: 'GET',
    pattern: ['runs', ':id'],
    mutating: false,
    handle: page(async (ctx, pc, settings) => {
      const id = runId(ctx);
      const data = await runData(source(ctx, settings), id);
      if (!data) throw new ApiError('NOT_FOUND', `no run with id ${id}`);
      return renderRun(pc, data, DONE_NOTICES[ctx.query.get('done') ?? '']);
    }),
  },
  {
    method: 'GET',
    pattern: ['events'],
    mutating: false,
    handle: page(async (ctx, pc) => {
      const type = text(ctx.query, 'type');
      const subject = text(ctx.query, 'subject');
      const limit = EVENT_LIMITS.find((n) => String(n) === ctx.query.get('limit')) ?? EVENT_LIMITS[0];
      const events = await ctx.controller.store.listEvents({ ...(type ? { type } : {}), ...(subject ? { subject } : {}), limit });
      return renderEvents(pc, events, { ...(type ? { type } : {}), ...(subject ? { subject } : {}), limit });
    }),
  },
  {
    method: 'GET',
    pattern: ['rollouts'],
    mutating: false,
    handle: page(async (ctx, pc, settings) => renderRollouts(pc, await rolloutsData(source(ctx, settings)), ctx.query.get('done') === 'resumed' ? 'Rollout resumed: its failed devices get another attempt.' : undefined)),
  },
  { method: 'GET', pattern: ['plan'], mutating: false, handle: page(async (ctx, pc, settings) => renderPlanPage(pc, await lastPlan(source(ctx, settings)))) },
  {
    method: 'GET',
    pattern: ['login'],
    mutating: false,
    handle: async (ctx) => htmlReply(200, renderLogin(pageContext(ctx, ctx.console), localPath(ctx.query.get('next')))),
  },
  { method: 'POST', pattern: ['login'], mutating: true, ownAuth: true, handle: login },
  {
    method: 'POST',
    pattern: ['logout'],
    mutating: true,
    ownAuth: true,
    handle: async () => redirect('/', { 'set-cookie': `${COOKIE}=; ${SESSION_ATTRIBUTES}; Max-Age=0` }),
  },
  {
    method: 'POST',
    pattern: ['tasks', ':name', 'run'],
    mutating: true,
    ownAuth: true,
    handle: action(async (ctx) => {
      const run = await ctx.controller.runTask(ctx.params[0] ?? '', 'manual');
      return `/runs/${encodeURIComponent(run.id)}?done=${run.status === 'skipped' ? 'skipped' : 'started'}`;
    }),
  },
  {
    method: 'POST',
    pattern: ['runs', ':id', 'cancel'],
    mutating: true,
    ownAuth: true,
    handle: action(async (ctx) => {
      const run = await ctx.controller.cancelRun(runId(ctx), 'the web console');
      return `/runs/${encodeURIComponent(run.id)}?done=cancelled`;
    }),
  },
  {
    method: 'POST',
    pattern: ['rollouts', ':name', 'resume'],
    mutating: true,
    ownAuth: true,
    handle: action(async (ctx) => {
      if (!ctx.controller.resumeRollout) throw new ApiError('NOT_FOUND', 'this controller drives no rollouts');
      const rollout = await ctx.controller.resumeRollout(ctx.params[0] ?? '', 'the web console');
      return `/rollouts?done=resumed#rollout-${encodeURIComponent(rollout.name)}`;
    }),
  },
  {
    method: 'POST',
    pattern: ['runs', ':id', 'retry'],
    mutating: true,
    ownAuth: true,
    handle: action(async (ctx) => {
      const id = runId(ctx);
      const old = await ctx.controller.store.getRun(id);
      if (!old) throw new ApiError('NOT_FOUND', `no run with id ${id}`);
      const run = await ctx.controller.runTask(old.task, 'manual', { retryFailed: id });
      return `/runs/${encodeURIComponent(run.id)}?done=${run.status === 'skipped' ? 'skipped' : 'started'}`;
    }),
  },
];
