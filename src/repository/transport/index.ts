/**
 * The one registry of source kinds (STYLE.md 1): adding a kind = adding a module and a line here.
 */
import { UpdopsError } from '../../errors.js';
import { openFolder } from './folder.js';
import { openFtp } from './ftp.js';
import { openHttp } from './http.js';
import type { Transport, TransportOptions } from './types.js';

export type { GetOptions, GetResult, Transport, TransportOptions } from './types.js';
export { classifyNetworkError, isRetryable } from './errors.js';
export { redactUrl } from './types.js';

type Opener = (location: string, options: TransportOptions) => Transport;

export const TRANSPORTS = {
  http: openHttp,
  ftp: openFtp,
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

export function openTransport(location: string, options: TransportOptions): Transport {
  return TRANSPORTS[transportKind(location)](location, options);
}
