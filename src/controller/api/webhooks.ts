/**
 * What forges send to `POST /hooks/git`, one receiver per forge: how a delivery is recognised by
 * its headers, which header carries its id and its signature, what that signature must be for a
 * body and a secret, and which ref a push moved. The comparison itself (constant time) and what
 * follows from a push are in hooks.ts.
 *
 * - GitHub: `X-GitHub-Event`, `X-GitHub-Delivery`, `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`.
 * - GitLab: `X-Gitlab-Event`, `X-Gitlab-Token` (the secret itself), `Idempotency-Key` (the same on
 *   retries, GitLab 17.4+) or else `X-Gitlab-Event-UUID` as the delivery id.
 * - Gitea, Forgejo and Gogs: `X-Gitea-Event` / `X-Forgejo-Event` / `X-Gogs-Event`, `…-Delivery`,
 *   `…-Signature: <hex HMAC-SHA256 of the body>`. They also send GitHub's event headers, so they
 *   are recognised before GitHub (as Argo CD does).
 */
import { createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export type ForgeName = 'GitHub' | 'GitLab' | 'Gitea';

/** What the headers of one delivery say, before its body is read. */
export interface Delivery {
  forge: ForgeName;
  event: string;
  /** The forge's id of this delivery; a replay carries the same. */
  id: string | undefined;
  /** The signature or token as sent; absent: the delivery is refused without reading its body. */
  signature: string | undefined;
}

/** What a delivery's payload asks for. */
export type Change =
  | { kind: 'ping' }
  | { kind: 'push'; ref: string; deleted: boolean; defaultBranch: string | undefined }
  | { kind: 'other' };

export interface ForgeReceiver {
  forge: ForgeName;
  /** The delivery these headers describe, or undefined when they are not this forge's. */
  recognise(headers: IncomingHttpHeaders): Delivery | undefined;
  /** What `Delivery.signature` must equal for this body and secret. */
  expectedSignature(body: Buffer, secret: string): string;
  change(event: string, payload: unknown): Change;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}

const hmacHex = (body: Buffer, secret: string): string => createHmac('sha256', secret).update(body).digest('hex');

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
  return current;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
const ZERO_SHA = /^0+$/;

/** A push's ref and whether it deleted it (GitHub `deleted`, or an all-zero `after` on every forge). */
function push(payload: unknown, defaultBranch: unknown): Change {
  const ref = text(field(payload, 'ref'));
  if (!ref) return { kind: 'other' };
  const after = text(field(payload, 'after'));
  const deleted = field(payload, 'deleted') === true || (after !== undefined && ZERO_SHA.test(after));
  return { kind: 'push', ref, deleted, defaultBranch: text(defaultBranch) };
}

export const GITHUB: ForgeReceiver = {
  forge: 'GitHub',
  recognise(headers) {
    const event = header(headers, 'x-github-event');
    return event ? { forge: 'GitHub', event, id: header(headers, 'x-github-delivery'), signature: header(headers, 'x-hub-signature-256')?.toLowerCase() } : undefined;
  },
  expectedSignature: (body, secret) => `sha256=${hmacHex(body, secret)}`,
  change(event, payload) {
    if (event === 'ping') return { kind: 'ping' };
    return event === 'push' ? push(payload, field(payload, 'repository', 'default_branch')) : { kind: 'other' };
  },
};

/** GitLab's event header names the hook ("Push Hook", "System Hook"); the payload's kind says what happened. */
export const GITLAB: ForgeReceiver = {
  forge: 'GitLab',
  recognise(headers) {
    const event = header(headers, 'x-gitlab-event');
    return event ? { forge: 'GitLab', event, id: header(headers, 'idempotency-key') ?? header(headers, 'x-gitlab-event-uuid'), signature: header(headers, 'x-gitlab-token') } : undefined;
  },
  expectedSignature: (_body, secret) => secret,
  change(_event, payload) {
    const kind = field(payload, 'object_kind') ?? field(payload, 'event_name');
    return kind === 'push' || kind === 'tag_push' ? push(payload, field(payload, 'project', 'default_branch')) : { kind: 'other' };
  },
};

/** Forgejo sends its own headers and Gitea's; Gogs, Gitea's ancestor, the same scheme under its name. */
const GITEA_FAMILY = ['forgejo', 'gitea', 'gogs'] as const;

export const GITEA: ForgeReceiver = {
  forge: 'Gitea',
  recognise(headers) {
    const prefix = GITEA_FAMILY.find((name) => header(headers, `x-${name}-event`));
    if (!prefix) return undefined;
    const pick = (suffix: string): string | undefined => GITEA_FAMILY.map((name) => header(headers, `x-${name}-${suffix}`)).find(Boolean);
    return { forge: 'Gitea', event: header(headers, `x-${prefix}-event`) ?? '', id: pick('delivery'), signature: pick('signature')?.toLowerCase() };
  },
  expectedSignature: (body, secret) => hmacHex(body, secret),
  change(event, payload) {
    return event === 'push' ? push(payload, field(payload, 'repository', 'default_branch')) : { kind: 'other' };
  },
};

/** In the order they are tried: Gitea's family first, since it also sends GitHub's headers. */
export const FORGES: readonly ForgeReceiver[] = [GITEA, GITLAB, GITHUB];

/** The receiver and delivery for these headers; undefined: no forge's (a script with the bearer token). */
export function recogniseDelivery(headers: IncomingHttpHeaders): { receiver: ForgeReceiver; delivery: Delivery } | undefined {
  for (const receiver of FORGES) {
    const delivery = receiver.recognise(headers);
    if (delivery) return { receiver, delivery };
  }
  return undefined;
}

/**
 * The payload: JSON, or (GitHub's and Gitea's other content type) a form whose `payload` field
 * is the JSON. Undefined when it is neither; the signature was checked over the raw bytes before.
 */
export function parsePayload(body: Buffer, contentType: string | undefined): unknown {
  let json = body.toString('utf8');
  if (/^application\/x-www-form-urlencoded\b/i.test(contentType ?? '')) json = new URLSearchParams(json).get('payload') ?? '';
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}
