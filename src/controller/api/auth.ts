/**
 * Bearer-token check for mutating calls (docs/design.md 4: "mutating calls need a bearer token").
 * Both sides are hashed to sha256 first so `timingSafeEqual` always compares equal-length
 * buffers and the comparison time says nothing about the token's length or content.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UpdopsError } from '../../errors.js';
import { ApiError } from './http.js';

const HOW_TO_SET = 'set UPDOPS_TOKEN or pass --token-file to the controller';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time equality of two secrets (tokens, signatures): sha256 of each, then `timingSafeEqual`. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** Throws 401 unless `header` is `Bearer <token>` for the configured token. Never says which part was wrong. */
export function requireBearer(header: string | undefined, token: string | undefined): void {
  if (!token) throw new ApiError('UNAUTHORIZED', `no API token is configured, so mutating calls are refused: ${HOW_TO_SET}`);
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  const given = match?.[1] ?? '';
  // Compare even when the header is missing, so both paths cost the same.
  const equal = sameSecret(given, token);
  if (!match || !equal) throw new ApiError('UNAUTHORIZED', 'missing or wrong bearer token', { 'www-authenticate': 'Bearer realm="updops"' });
}

/**
 * The API token: `--token-file` wins over `UPDOPS_TOKEN`. A file's trailing newline is not part
 * of the token. An empty token is an error, never "no auth".
 */
export function resolveToken(options: { tokenFile?: string | undefined; env?: NodeJS.ProcessEnv } = {}): string | undefined {
  return resolveSecret('token', options.tokenFile, (options.env ?? process.env).UPDOPS_TOKEN);
}

/**
 * The secret forges sign webhooks with (src/controller/api/webhooks.ts): `--webhook-secret-file`
 * wins over `UPDOPS_WEBHOOK_SECRET`. Separate from the API token: a forge holds it, and it can
 * only ask for a reconcile.
 */
export function resolveWebhookSecret(options: { webhookSecretFile?: string | undefined; env?: NodeJS.ProcessEnv } = {}): string | undefined {
  return resolveSecret('webhook secret', options.webhookSecretFile, (options.env ?? process.env).UPDOPS_WEBHOOK_SECRET);
}

function resolveSecret(what: string, file: string | undefined, fromEnv: string | undefined): string | undefined {
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UpdopsError('USAGE', `cannot read the ${what} file ${file}: ${(error as Error).message}`, { cause: error });
    }
    const secret = text.trim();
    if (!secret) throw new UpdopsError('USAGE', `the ${what} file ${file} is empty`);
    return secret;
  }
  const value = fromEnv?.trim();
  return value ? value : undefined;
}
