/**
 * The one registry of source kinds (docs/style.md 1): adding a kind = adding a module and a line here.
 */
import { UpdopsError } from '../../errors.js';
import { openFolder } from './folder.js';
import { openHttp } from './http.js';
import { redactUrl as redact } from './types.js';
import type { GetOptions, Transport, TransportOptions } from './types.js';

export type { FileFetchJob, FileFetchResult, GetOptions, GetResult, Transport, TransportOptions } from './types.js';
export { BodyCheck } from './body-check.js';
export { classifyNetworkError, isRetryable } from './errors.js';
export { redactUrl } from './types.js';

type Opener = (location: string, options: TransportOptions) => Transport;

export const TRANSPORTS = {
  http: openHttp,
  ftp: openFtpLazily,
  folder: (location) => openFolder(location),
} as const satisfies Record<string, Opener>;

export type TransportKind = keyof typeof TRANSPORTS;

/** `http(s)://` → http, `ftp(s)://` → ftp, `file://` or a path → folder. */
export function transportKind(location: string): TransportKind {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1]?.toLowerCase();
  if (scheme === undefined || scheme === 'file') return 'folder';
  if (scheme === 'http' || scheme === 'https') return 'http';
  if (scheme === 'ftp' || scheme === 'ftps') return 'ftp';
  throw new UpdopsError('SOURCE_UNREACHABLE', `unsupported source URL scheme "${scheme}:" (use http, https, ftp, file or a folder path)`);
}

/** basic-ftp is loaded on the first FTP request only: HTTP and folder syncs never pay for it. */
function openFtpLazily(location: string, options: TransportOptions): Transport {
  const opened = import('./ftp.js').then((m) => m.openFtp(location, options));
  opened.catch(() => undefined); // surfaced by get/close
  let inner: Transport | undefined;
  void opened.then((t) => (inner = t), () => undefined);
  return {
    display: redact(location),
    get requests() {
      return inner?.requests ?? 0;
    },
    get: async (relPath: string, opts?: GetOptions) => (await opened).get(relPath, opts),
    close: async () => (await opened).close(),
  };
}

export function openTransport(location: string, options: TransportOptions): Transport {
  const kind = transportKind(location);
  // basic-ftp speaks no proxy: going direct instead would bypass what the proxy is there to enforce.
  if (kind === 'ftp' && options.proxy) {
    throw new UpdopsError('PROXY_NOT_HTTP', `${redact(location)}: updops uses a proxy for HTTP(S) sources only; an FTP source connects directly, so drop the proxy for it (HTTP_PROXY and friends never apply to FTP)`);
  }
  return TRANSPORTS[kind](location, options);
}
