/**
 * What to change when a source cannot be used (issue 16: plan messages that name the fix): the
 * error's code and detail tag (errors.ts `detail`) mapped to the manifest field or variable that
 * fixes it, phrased with the source's name. Pure, so every case is tested without a network.
 */
import type { UpdopsError } from '../errors.js';

export interface SourceFacts {
  name: string;
  hasCredentials: boolean;
  hasProxy: boolean;
  hasProxyCredentials: boolean;
  timeoutSeconds: number;
}

const TLS_TRUST = new Set(['SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT']);
const PROXY_UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

export function sourceFix(error: Pick<UpdopsError, 'code' | 'detail'>, source: SourceFacts): string | undefined {
  const name = `UpdateSource "${source.name}"`;
  if (error.code === 'LEGACY_SCHEME_REQUIRED') return 'set `legacyScheme: true` in the settings of the tasks that use this source (or publish signed metadata at the source)';
  if (error.code === 'SOURCE_NOT_FOUND') return `check the url of ${name}: nothing there looks like an update repository`;
  if (error.code === 'SECRET') return `provide the secret that ${name}'s secretRef names to the process that plans and syncs`;
  if (error.code === 'DOWNLOAD_TIMEOUT') return `check the network path, or raise timeoutSeconds on ${name} (now ${source.timeoutSeconds} s)`;
  const detail = error.detail ?? '';
  if (detail === 'http-401') return source.hasCredentials ? `the source refused the login: check the secret that ${name}'s secretRef names` : `give ${name} a secretRef with the login ("user:password")`;
  if (detail === 'http-407') return source.hasProxyCredentials ? `the proxy refused the login: check the secret in ${name}'s proxy.secretRef` : `set proxy.secretRef on ${name} (or put user:password in the proxy variable's URL)`;
  if (detail.startsWith('proxy:') && PROXY_UNREACHABLE.has(detail.slice('proxy:'.length))) {
    return source.hasProxy ? `check proxy.url on ${name}: the proxy cannot be reached` : 'check HTTPS_PROXY / HTTP_PROXY: the proxy cannot be reached (or list the source in NO_PROXY to go direct)';
  }
  const code = detail.replace(/^proxy:/, '');
  if (TLS_TRUST.has(code)) return `set caFile on ${name} to a PEM bundle with the CA that signed the server's certificate`;
  if (code === 'CERT_HAS_EXPIRED') return "the server's certificate has expired: renew it on the server";
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `the server's certificate does not name this host: use the host name it was issued for in ${name}'s url`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `check the host name in ${name}'s url: it does not resolve`;
  if (code === 'ECONNREFUSED') return `nothing listens at ${name}'s url: check the port, or that the server is running`;
  return undefined;
}
