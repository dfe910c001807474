/** The generic JSON webhook (optionally HMAC-signed) and the Slack-compatible incoming webhook. */
import { createHmac } from 'node:crypto';
import type { SlackProvider, WebhookProvider } from '../../manifests/index.js';
import { readSecret, type SecretOptions } from '../../secrets/index.js';
import type { Delivery } from '../types.js';
import { postJson } from './http.js';

export const SIGNATURE_HEADER = 'x-updops-signature-256';

export async function sendWebhook(provider: WebhookProvider, delivery: Delivery, secrets: SecretOptions): Promise<void> {
  const { event, facts, text } = delivery;
  const body = { type: event.type, severity: facts.severity, message: event.message, subject: event.subject ?? null, time: event.time, data: event.data ?? null, text, ...(delivery.consoleUrl ? { consoleUrl: delivery.consoleUrl } : {}) };
  const headers: Record<string, string> = {};
  if (provider.secretRef) {
    // Signed as the forges sign their webhooks, so a receiver can check it came from us.
    const signature = createHmac('sha256', readSecret(provider.secretRef, secrets)).update(JSON.stringify(body)).digest('hex');
    headers[SIGNATURE_HEADER] = `sha256=${signature}`;
  }
  await postJson(provider.url, body, { headers });
}

export async function sendSlack(provider: SlackProvider, delivery: Delivery, secrets: SecretOptions): Promise<void> {
  await postJson(readSecret(provider.secretRef, secrets), { text: delivery.text }, { label: 'the Slack webhook (its URL is a secret)' });
}
