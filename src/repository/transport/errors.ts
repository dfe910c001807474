/**
 * Network failures → UpdopsError codes, shared by every transport and by the body readers
 * (a stalled body surfaces while streaming, long after `get` returned). docs/design.md 3: per-source
 * timeouts; the caller decides whether to retry (`isRetryable`).
 */
import { UpdopsError, isUpdopsError } from '../../errors.js';

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
  'ABORT_ERR_TIMEOUT',
]);
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

const DISK_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS']);

export function classifyNetworkError(error: unknown, where: string, viaProxy = false): UpdopsError {
  if (isUpdopsError(error)) return error;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const detail = code === '' ? undefined : viaProxy ? `proxy:${code}` : code;
  // A body is streamed into a local file, so a full or read-only disk surfaces here too: it is the
  // destination's fault, not the source's, and retrying the download cannot help.
  if (DISK_CODES.has(code)) {
    return new UpdopsError('DISK', `cannot write the destination while downloading ${where}: ${code} (${message})`, { cause: error });
  }
  if (TIMEOUT_CODES.has(code) || /timeout/i.test(message)) {
    return new UpdopsError('DOWNLOAD_TIMEOUT', `${where}: no data within the timeout (${message})`, { cause: error, ...(detail ? { detail } : {}) });
  }
  if (UNREACHABLE_CODES.has(code)) {
    return new UpdopsError('SOURCE_UNREACHABLE', `${where}: ${code} (${message})`, { cause: error, ...(detail ? { detail } : {}) });
  }
  return new UpdopsError('SOURCE_UNREACHABLE', `${where}: ${message}`, { cause: error, ...(detail ? { detail } : {}) });
}

function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const e = error as { code?: unknown; cause?: unknown };
  if (typeof e.code === 'string') return e.code;
  return e.cause === undefined ? '' : errorCode(e.cause);
}

/** Timeouts and dropped connections are worth another try; verification failures never are. */
export function isRetryable(error: unknown): boolean {
  return isUpdopsError(error) && (error.code === 'DOWNLOAD_TIMEOUT' || error.code === 'SOURCE_UNREACHABLE');
}
