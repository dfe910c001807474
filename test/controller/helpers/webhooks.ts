/**
 * Forge deliveries for the webhook tests: the recorded payloads in test/controller/fixtures/webhooks/
 * and the headers GitHub, GitLab and Gitea/Forgejo send with them, the signature computed here over
 * the exact bytes sent (docs: GitHub "Validating webhook deliveries", GitLab "Webhooks", Gitea "Webhooks").
 */
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/webhooks');

/** A recorded payload's bytes as stored; `ref` replaced when given (the rest kept byte for byte). */
export function payload(name: 'github-push' | 'github-ping' | 'gitlab-push' | 'gitea-push', ref?: string): Buffer {
  const text = readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8');
  return Buffer.from(ref === undefined ? text : text.replace('"ref": "refs/heads/main"', `"ref": ${JSON.stringify(ref)}`));
}

const hmac = (secret: string, body: Buffer): string => createHmac('sha256', secret).update(body).digest('hex');

export interface DeliveryOptions {
  /** Default: a fresh UUID. */
  id?: string;
  /** The signing secret; `null`: no signature header at all. */
  secret: string | null;
}

const JSON_TYPE = { 'content-type': 'application/json' };

export function github(event: string, body: Buffer, o: DeliveryOptions): Record<string, string> {
  return {
    ...JSON_TYPE,
    'user-agent': 'GitHub-Hookshot/5f6b2a1',
    'x-github-event': event,
    'x-github-delivery': o.id ?? randomUUID(),
    'x-github-hook-id': '512345678',
    ...(o.secret === null ? {} : { 'x-hub-signature-256': `sha256=${hmac(o.secret, body)}` }),
  };
}

export function gitlab(body: Buffer, o: DeliveryOptions & { event?: string }): Record<string, string> {
  const id = o.id ?? randomUUID();
  return {
    ...JSON_TYPE,
    'user-agent': 'GitLab/17.6.1',
    'x-gitlab-event': o.event ?? 'Push Hook',
    'x-gitlab-instance': 'https://gitlab.example.org',
    'x-gitlab-webhook-uuid': '3c5c0404-c866-44bc-a5f6-452bb1bfc76e',
    'x-gitlab-event-uuid': randomUUID(),
    'idempotency-key': id,
    ...(o.secret === null ? {} : { 'x-gitlab-token': o.secret }),
  };
}

/** Gitea's headers (it also sends GitHub's and Gogs'); `forgejo`: Forgejo's, which add its own names. */
export function gitea(event: string, body: Buffer, o: DeliveryOptions & { forgejo?: boolean }): Record<string, string> {
  const id = o.id ?? randomUUID();
  const signature = o.secret === null ? undefined : hmac(o.secret, body);
  const names = o.forgejo ? ['forgejo', 'gitea', 'gogs'] : ['gitea', 'gogs'];
  const headers: Record<string, string> = { ...JSON_TYPE, 'user-agent': o.forgejo ? 'Go-http-client/1.1' : 'Go-http-client/2.0', 'x-github-event': event, 'x-github-delivery': id, 'x-github-event-type': event };
  for (const name of names) {
    headers[`x-${name}-event`] = event;
    headers[`x-${name}-event-type`] = event;
    headers[`x-${name}-delivery`] = id;
    if (signature !== undefined) headers[`x-${name}-signature`] = signature;
  }
  if (signature !== undefined) headers['x-hub-signature-256'] = `sha256=${signature}`;
  return headers;
}
