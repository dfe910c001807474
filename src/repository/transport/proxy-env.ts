/**
 * The standard proxy environment variables, for an HTTP(S) source that names no `proxy`
 * (docs/design.md 1, "Update sources"): `https_proxy`/`HTTPS_PROXY` for https:// sources,
 * `http_proxy`/`HTTP_PROXY` for http:// ones (lower case first, as curl and undici read them),
 * `no_proxy`/`NO_PROXY` for the hosts that bypass it. Matching NO_PROXY (host suffixes, `*`,
 * ports) is left to undici's EnvHttpProxyAgent; this only decides whether there is a proxy to
 * consider at all, so a process without one never loads undici. Never read for FTP or folders.
 */
import { UpdopsError } from '../../errors.js';
import { redactUrl } from '../../util/index.js';

/** What EnvHttpProxyAgent needs, pinned: it must not fall back to another variable or process.env. */
export interface EnvProxy {
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
}

/** The proxy a source's requests take, and how to name it in a message (never with its password). */
export interface EnvRoute {
  agent: EnvProxy;
  label: string;
}

const first = (env: NodeJS.ProcessEnv, names: string[]): { name: string; value: string } | undefined => {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
};

export function envProxyFor(target: URL, env: NodeJS.ProcessEnv): EnvRoute | undefined {
  const https = target.protocol === 'https:';
  const proxy = first(env, https ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY']);
  if (!proxy) return undefined;
  const noProxy = (env.no_proxy ?? env.NO_PROXY ?? '').trim();
  if (noProxy === '*') return undefined;
  if (!URL.canParse(proxy.value) || !/^https?:$/.test(new URL(proxy.value).protocol)) {
    throw new UpdopsError('SOURCE_UNREACHABLE', `${proxy.name}=${redactUrl(proxy.value)} is not an http(s):// proxy URL (write it as http://host:port), or unset it`);
  }
  const agent = https ? { httpProxy: '', httpsProxy: proxy.value, noProxy } : { httpProxy: proxy.value, httpsProxy: '', noProxy };
  return { agent, label: `proxy ${redactUrl(proxy.value)} from ${proxy.name}${noProxy ? ` unless NO_PROXY=${noProxy} matches` : ''}` };
}
