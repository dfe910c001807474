/**
 * HTTP(S) through a proxy: undici's ProxyAgent for a source's explicit `proxy`, its
 * EnvHttpProxyAgent (which also matches NO_PROXY) for the proxy environment variables
 * (proxy-env.ts). https:// sources tunnel through CONNECT; http:// ones send the classic
 * absolute-URI GET a forward proxy expects (and may cache). Loaded only when a source goes
 * through a proxy — undici costs ~0.2 s of start-up, a third of a no-op sync's time.
 */
import { EnvHttpProxyAgent, ProxyAgent, request } from 'undici';
import type { Dispatcher } from 'undici';
import { classifyNetworkError } from './errors.js';
import type { EnvProxy } from './proxy-env.js';

export interface ProxyRequest {
  target: URL;
  headers: Record<string, string>;
  signal?: AbortSignal | undefined;
  where: string;
}

export interface ProxyClient {
  request(req: ProxyRequest): Promise<Dispatcher.ResponseData>;
  close(): Promise<void>;
}

/** `proxy`: the explicit proxy URL, or what the environment says. */
export function openProxy(proxy: string | EnvProxy, connections: number, timeoutMs: number, ca: Buffer | undefined): ProxyClient {
  const common = {
    connections: Math.max(1, connections),
    keepAliveTimeout: 30_000,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    proxyTunnel: false,
    // requestTls: the source's TLS inside a CONNECT tunnel; connect: a NO_PROXY host reached directly.
    ...(ca ? { requestTls: { ca } } : {}),
    connect: { timeout: timeoutMs, ...(ca ? { ca } : {}) },
  };
  const dispatcher = typeof proxy === 'string' ? new ProxyAgent({ ...common, uri: proxy }) : new EnvHttpProxyAgent({ ...common, ...proxy });
  return {
    request: async ({ target, headers, signal, where }) => {
      try {
        return await request(target, { dispatcher, headers, signal, method: 'GET' });
      } catch (error) {
        throw classifyNetworkError(error, where, true);
      }
    },
    close: () => dispatcher.close(),
  };
}
