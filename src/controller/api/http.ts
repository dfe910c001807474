/** Small node:http helpers: JSON/HTML replies, API errors, and bounded request bodies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isUpdopsError, type ErrorCode } from '../../errors.js';

export const API_ERROR_CODES = ['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'METHOD_NOT_ALLOWED', 'PAYLOAD_TOO_LARGE', 'CONFLICT', 'PRECONDITION_FAILED', 'UNAVAILABLE', 'INTERNAL'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

const STATUS_OF: Record<ApiErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** An error the API answers as `{error: {code, message}}` with the matching HTTP status. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(code: ApiErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = STATUS_OF[code];
    this.headers = headers;
  }
}

/** Core errors (docs/style.md 6) keep their meaning over HTTP; anything unknown is a 500 without details. */
const CORE_CODE_TO_API: Partial<Record<ErrorCode, ApiErrorCode>> = {
  NOT_FOUND: 'NOT_FOUND',
  UNKNOWN_TASK: 'NOT_FOUND',
  USAGE: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  LOCKED: 'CONFLICT',
  CONFLICT: 'CONFLICT',
};

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isUpdopsError(error)) {
    const code = CORE_CODE_TO_API[error.code];
    if (code) return new ApiError(code, error.message);
  }
  return new ApiError('INTERNAL', 'internal error; see the controller log');
}

/** Headers every reply carries: nothing is cached, sniffed or framed. */
const COMMON_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { ...COMMON_HEADERS, ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, contentType: string, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...COMMON_HEADERS, ...headers, 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** 304: the client's copy is current; only the validator and the common headers, no body. */
export function sendNotModified(res: ServerResponse, headers: Record<string, string>): void {
  res.writeHead(304, { ...COMMON_HEADERS, ...headers });
  res.end();
}

export function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, error.status, { error: { code: error.code, message: error.message } }, error.headers);
}

/**
 * Reads the whole body, refusing more than `limit` bytes (413) — by the declared length before
 * reading anything, or as soon as the stream passes the limit.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function tooLarge(limit: number): ApiError {
  // The rest of an oversized body is not read: the connection is closed after the reply.
  return new ApiError('PAYLOAD_TOO_LARGE', `request body is larger than ${limit} bytes`, { connection: 'close' });
}

export function parseJson(body: Buffer): unknown {
  if (body.length === 0) throw new ApiError('BAD_REQUEST', 'request body must be JSON');
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new ApiError('BAD_REQUEST', 'request body is not valid JSON');
  }
}
