/**
 * One interface for every source kind (docs/style.md 1): the sync engine asks a transport for a file
 * by its path relative to the repository root and gets a stream. Kinds live in their own
 * modules and are registered in `index.ts` (docs/design.md 1, "Update sources").
 */
import type { Readable } from 'node:stream';

export interface GetOptions {
  /** Resume a partial download from this byte offset (HTTP `Range`, FTP `REST`). */
  offset?: number;
  /** HTTP `If-None-Match`: the ETag stored from the previous sync (docs/design.md 3, no-op sync). */
  ifNoneMatch?: string;
  signal?: AbortSignal;
}

export type GetResult =
  | {
      status: 'ok';
      body: Readable;
      /** Bytes the server says it will send (after `offset`), when it says. */
      length?: number;
      etag?: string;
      /** True when the body starts at `offset`; false when the server ignored the range and sends it all. */
      resumed: boolean;
    }
  | { status: 'not-modified' }
  | { status: 'not-found' };

export interface TransportOptions {
  /** Connection pool bound: as many parallel downloads as the sync runs. */
  concurrency: number;
  /** Connect and idle timeout (docs/design.md 1: `timeoutSeconds`, default 10). */
  timeoutMs: number;
  proxy?: string | undefined;
  credentials?: { username: string; password: string } | undefined;
  /** Sent as `Authorization: Bearer …` instead of basic auth (an `upstream` source: the primary controller's API token). */
  bearerToken?: string | undefined;
  caFile?: string | undefined;
  /** Proxy variables for HTTP(S) without `proxy` (proxy-env.ts); default `process.env`. */
  env?: NodeJS.ProcessEnv | undefined;
}

/** One attempt at a whole file straight into `part` (see `Transport.fetchToFile`). */
export interface FileFetchJob {
  /** Resume from this byte: the part's bytes before it are kept (and hashed). */
  offset: number;
  /** The declared length: one byte more and the attempt stops (`length-exceeded`). */
  limit: number;
  part: string;
  signal?: AbortSignal | undefined;
  onBytes: (n: number) => void;
}

export type FileFetchResult =
  | { status: 'ok'; resumed: boolean; received: number; size: number; sha256: string }
  | { status: 'not-found' }
  | { status: 'length-exceeded'; received: number };

export interface Transport {
  /** The source as it may be shown to people: never contains credentials. */
  readonly display: string;
  /** Requests sent to the server so far (the no-op sync must cost exactly one). */
  readonly requests: number;
  get(relPath: string, options?: GetOptions): Promise<GetResult>;
  /**
   * Optional: the whole attempt (request, append to `part`, sha256 of the whole part) off the
   * main thread. Network failures throw as `get` does; verification stays with the caller.
   */
  fetchToFile?(relPath: string, job: FileFetchJob): Promise<FileFetchResult>;
  close(): Promise<void>;
}

/** Joins a repository-relative path onto a base, refusing anything that could climb out of it. */
export function safeRelative(relPath: string): string[] {
  const parts = relPath.split('/');
  if (relPath.startsWith('/') || relPath.includes('\\') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new Error(`refusing unsafe repository path ${JSON.stringify(relPath)}`);
  }
  return parts;
}

/** A URL for messages: credentials never reach logs or results. */
export { redactUrl } from '../../util/index.js';
