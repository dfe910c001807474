import type { Problem } from '../../errors.js';
import type { Rule } from './types.js';

/** The URL schemes a proxy is used for (repository/transport/http.ts). */
const PROXIED = /^https?:\/\//i;

/**
 * `proxy` is spoken only by the HTTP(S) transport: on an FTP source or a folder it would be
 * silently ignored and the sync would go direct — exactly what a proxy is often set to forbid.
 * So it is an error, with where and what to do (docs/design.md 1, "Update sources").
 */
export const proxyOnHttpOnly: Rule = {
  name: 'proxy-on-http-only',
  check({ model }) {
    const problems: Problem[] = [];
    for (const [name, source] of model.sources) {
      const { spec } = source.manifest;
      if (!spec.proxy || PROXIED.test(spec.url)) continue;
      const kind = /^ftps?:\/\//i.test(spec.url) ? 'an FTP' : 'a folder';
      problems.push({
        code: 'PROXY_NOT_HTTP',
        message: `update source "${name}" is ${kind} source and updops uses a proxy for HTTP(S) sources only (it would connect directly); remove spec.proxy, or serve the repository over http(s):// to go through the proxy`,
        location: source.locator.locate('/spec/proxy'),
      });
    }
    return problems;
  },
};
