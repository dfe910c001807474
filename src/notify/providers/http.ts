/** One POST of a notification: bounded in time, and a non-2xx answer is an error that says what the receiver said. */
import { UpdopsError } from '../../errors.js';

export const DELIVERY_TIMEOUT_MS = 10_000;

export interface PostOptions {
  /** Named in errors instead of the URL, when the URL is itself a secret (a chat webhook). */
  label?: string;
  headers?: Record<string, string>;
}

export async function postJson(url: string, body: unknown, options: PostOptions = {}): Promise<void> {
  const where = options.label ?? url;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'updops', ...options.headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new UpdopsError('NOTIFY', `${where}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) throw new UpdopsError('NOTIFY', `${where} answered ${response.status}${text ? `: ${text.slice(0, 200).replace(/\s+/g, ' ')}` : ''}`);
}
