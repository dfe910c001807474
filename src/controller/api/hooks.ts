/**
 * `POST /hooks/git`: a forge's webhook (GitHub, GitLab, Gitea/Forgejo, webhooks.ts) or a script with
 * the API's bearer token asks for a reconcile now. A forge's delivery must carry the right
 * signature (or GitLab token) for the webhook secret, compared in constant time over the exact
 * bytes received; a wrong or missing one is one 401 that does not say which part was wrong.
 * Only a push to the followed ref reconciles (202, at once, past the retry backoff); GitHub's
 * `ping` answers 200; anything else 202 `{ignored}`; a delivery id seen before 202 `{duplicate}`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { DEFAULTS } from '../../defaults.js';
import type { Logger } from '../logging.js';
import type { Controller } from '../types.js';
import { requireBearer, sameSecret } from './auth.js';
import { ApiError } from './http.js';
import type { Reply } from './routes.js';
import { parsePayload, recogniseDelivery, type Change, type Delivery, type ForgeName } from './webhooks.js';

type Push = Extract<Change, { kind: 'push' }>;

const HOW_TO_SET = 'set UPDOPS_WEBHOOK_SECRET or pass --webhook-secret-file to the controller, and give the forge the same secret';

export interface HookRequest {
  headers: IncomingHttpHeaders;
  /** The raw body, read with the webhook body limit. */
  rawBody(limit: number): Promise<Buffer>;
}

export interface GitHooksOptions {
  /** The API's bearer token, for scripts. */
  token: string | undefined;
  /** The secret forges sign with; absent: every forge delivery is refused saying how to set one. */
  secret: string | undefined;
  logger: Logger | undefined;
  bodyLimit?: number;
  /** How many delivery ids are remembered to answer replays. */
  recentDeliveries?: number;
}

/** The last `limit` delivery ids, oldest forgotten first (a Map keeps insertion order). */
export class RecentDeliveries {
  readonly #ids = new Map<string, true>();
  constructor(private readonly limit: number) {}

  /** Whether `id` was seen before; remembers it either way. */
  seen(id: string): boolean {
    if (this.#ids.has(id)) return true;
    this.#ids.set(id, true);
    if (this.#ids.size > this.limit) this.#ids.delete(this.#ids.keys().next().value as string);
    return false;
  }
}

/** Which ref a push must move for the controller to care: the followed one, by its full name or short. */
export function followsRef(followed: string | undefined, change: Push): boolean {
  // A controller without a ref follows the repository's HEAD: the default branch, as the forge names it.
  const wanted = followed ?? change.defaultBranch;
  if (wanted === undefined) return true;
  return change.ref === wanted || change.ref === `refs/heads/${wanted}` || change.ref === `refs/tags/${wanted}`;
}

export class GitHooks {
  readonly #o: GitHooksOptions;
  readonly #recent: RecentDeliveries;

  constructor(options: GitHooksOptions) {
    this.#o = options;
    this.#recent = new RecentDeliveries(options.recentDeliveries ?? DEFAULTS.webhookRecentDeliveries);
  }

  async receive(request: HookRequest, controller: Controller): Promise<Reply> {
    const found = recogniseDelivery(request.headers);
    if (!found) {
      // No forge's headers: a script, with the API's bearer token as before.
      requireBearer(request.headers.authorization, this.#o.token);
      this.#reconcile(controller, 'bearer');
      return { status: 202, json: { accepted: true } };
    }
    const { receiver, delivery } = found;
    const secret = this.#o.secret;
    if (!secret) throw new ApiError('UNAUTHORIZED', `a ${delivery.forge} webhook arrived but no webhook secret is configured: ${HOW_TO_SET}`);
    if (delivery.signature === undefined) throw wrongSignature();
    const body = await request.rawBody(this.#o.bodyLimit ?? DEFAULTS.webhookBodyLimit);
    if (!sameSecret(delivery.signature, receiver.expectedSignature(body, secret))) throw wrongSignature();

    const payload = parsePayload(body, header(request.headers['content-type']));
    if (payload === undefined) throw new ApiError('BAD_REQUEST', `the ${delivery.forge} webhook's body is not JSON`);
    const change = receiver.change(delivery.event, payload);
    if (change.kind === 'ping') {
      this.#log(delivery.forge, delivery.event, delivery.id, 'ping');
      return { status: 200, json: { ping: true, forge: delivery.forge } };
    }
    if (delivery.id !== undefined && this.#recent.seen(`${delivery.forge}:${delivery.id}`)) {
      this.#log(delivery.forge, delivery.event, delivery.id, 'duplicate');
      return { status: 202, json: { duplicate: true, delivery: delivery.id } };
    }
    if (change.kind !== 'push') return this.#ignore(delivery, `${delivery.forge} event "${delivery.event}" is not a push`);
    const why = whyIgnored(change, controller.ref);
    if (why !== undefined) return this.#ignore(delivery, why);
    this.#log(delivery.forge, delivery.event, delivery.id, 'reconcile', { ref: change.ref });
    this.#reconcile(controller, delivery.forge);
    return { status: 202, json: { accepted: true, forge: delivery.forge, ref: change.ref } };
  }

  #ignore(delivery: Delivery, why: string): Reply {
    this.#log(delivery.forge, delivery.event, delivery.id, 'ignored', { why });
    return { status: 202, json: { ignored: why } };
  }

  /** The reply goes out at once; the reconcile runs on, and its failure is logged (and recorded by the core). */
  #reconcile(controller: Controller, from: string): void {
    controller.reconcileNow('webhook').catch((error: unknown) => {
      this.#o.logger?.error({ from, error: error instanceof Error ? error.message : String(error) }, 'webhook reconcile failed');
    });
  }

  #log(forge: ForgeName, event: string, delivery: string | undefined, outcome: string, fields: Record<string, unknown> = {}): void {
    this.#o.logger?.info({ forge, event, ...(delivery !== undefined ? { delivery } : {}), outcome, ...fields }, 'webhook');
  }
}

/** Why a verified push asks for nothing; undefined: it moved the followed ref. */
function whyIgnored(change: Push, followed: string | undefined): string | undefined {
  if (!followsRef(followed, change)) return `a push to ${change.ref}; the controller follows ${followed ?? change.defaultBranch ?? 'HEAD'}`;
  if (change.deleted) return `a push deleting ${change.ref}`;
  return undefined;
}

function wrongSignature(): ApiError {
  return new ApiError('UNAUTHORIZED', 'missing or wrong webhook signature');
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
