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

/**
 * An `upstream` source is the primary controller's `/repository/` (docs/design.md 1, "Update
 * sources"): only ever HTTP(S). A folder or FTP URL there is a mistake the sync would only find
 * at run time, against the wrong kind of place; validate says where.
 */
export const upstreamOverHttp: Rule = {
  name: 'upstream-over-http',
  check({ model }) {
    const problems: Problem[] = [];
    for (const [name, source] of model.sources) {
      const { spec } = source.manifest;
      if (spec.type !== 'upstream' || PROXIED.test(spec.url)) continue;
      problems.push({
        code: 'UPSTREAM_NOT_HTTP',
        message: `update source "${name}" is of type upstream, the primary controller's repository, which is only served over HTTP(S); set spec.url to http(s)://PRIMARY:PORT/repository/, or use type folder, ftp or http for another kind of source`,
        location: source.locator.locate('/spec/url'),
      });
    }
    return problems;
  },
};
