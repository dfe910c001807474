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

/** Throws 401 unless `header` is `Bearer <token>` for the configured token. Never says which part was wrong. */
export function requireBearer(header: string | undefined, token: string | undefined): void {
  if (!token) throw new ApiError('UNAUTHORIZED', `no API token is configured, so mutating calls are refused: ${HOW_TO_SET}`);
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  const given = match?.[1] ?? '';
  // Compare even when the header is missing, so both paths cost the same.
  const equal = timingSafeEqual(digest(given), digest(token));
  if (!match || !equal) throw new ApiError('UNAUTHORIZED', 'missing or wrong bearer token', { 'www-authenticate': 'Bearer realm="updops"' });
}

/**
 * The API token: `--token-file` wins over `UPDOPS_TOKEN`. A file's trailing newline is not part
 * of the token. An empty token is an error, never "no auth".
 */
export function resolveToken(options: { tokenFile?: string | undefined; env?: NodeJS.ProcessEnv } = {}): string | undefined {
  const env = options.env ?? process.env;
  if (options.tokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.tokenFile, 'utf8');
    } catch (error) {
      throw new UpdopsError('USAGE', `cannot read the token file ${options.tokenFile}: ${(error as Error).message}`, { cause: error });
    }
    const token = text.trim();
    if (!token) throw new UpdopsError('USAGE', `the token file ${options.tokenFile} is empty`);
    return token;
  }
  const fromEnv = env.UPDOPS_TOKEN?.trim();
  return fromEnv ? fromEnv : undefined;
}
