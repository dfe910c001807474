/** Every fix the plan can name, from the error's code and detail tag (plan/source-fix.ts); the network paths are in test/e2e/plan-fixes-offsets.test.ts. */
import t from 'tap';
import { sourceFix, type SourceFacts } from '../../src/plan/source-fix.js';

const facts: SourceFacts = { name: 'mirror', hasCredentials: false, hasProxy: false, hasProxyCredentials: false, timeoutSeconds: 10 };
const fix = (code: string, detail?: string, more: Partial<SourceFacts> = {}): string | undefined => sourceFix({ code: code as never, detail }, { ...facts, ...more });

t.match(fix('LEGACY_SCHEME_REQUIRED'), /legacyScheme: true/);
t.match(fix('SOURCE_NOT_FOUND'), /check the url of UpdateSource "mirror"/);
t.match(fix('SECRET'), /secretRef names/);
t.match(fix('DOWNLOAD_TIMEOUT'), /raise timeoutSeconds on UpdateSource "mirror" \(now 10 s\)/);
t.match(fix('SOURCE_UNREACHABLE', 'http-401'), /give UpdateSource "mirror" a secretRef/);
t.match(fix('SOURCE_UNREACHABLE', 'http-401', { hasCredentials: true }), /refused the login: check the secret/);
t.match(fix('SOURCE_UNREACHABLE', 'http-407'), /set proxy\.secretRef on UpdateSource "mirror"/);
t.match(fix('SOURCE_UNREACHABLE', 'http-407', { hasProxy: true, hasProxyCredentials: true }), /the proxy refused the login/);
t.match(fix('SOURCE_UNREACHABLE', 'proxy:ECONNREFUSED'), /check HTTPS_PROXY \/ HTTP_PROXY/);
t.match(fix('SOURCE_UNREACHABLE', 'proxy:ENOTFOUND', { hasProxy: true }), /check proxy\.url on UpdateSource "mirror"/);
t.match(fix('SOURCE_UNREACHABLE', 'SELF_SIGNED_CERT_IN_CHAIN'), /set caFile on UpdateSource "mirror"/);
t.match(fix('SOURCE_UNREACHABLE', 'proxy:UNABLE_TO_VERIFY_LEAF_SIGNATURE'), /set caFile/, 'a TLS failure inside a proxy tunnel is still the source certificate');
t.match(fix('SOURCE_UNREACHABLE', 'CERT_HAS_EXPIRED'), /expired/);
t.match(fix('SOURCE_UNREACHABLE', 'ERR_TLS_CERT_ALTNAME_INVALID'), /does not name this host/);
t.match(fix('SOURCE_UNREACHABLE', 'ENOTFOUND'), /host name .* does not resolve/);
t.match(fix('SOURCE_UNREACHABLE', 'ECONNREFUSED'), /nothing listens/);
t.equal(fix('SOURCE_UNREACHABLE', 'http-500'), undefined, 'a server error has no fix to name');
t.equal(fix('TUF_SIGNATURE'), undefined, 'nor does a bad signature: that is not a setting');
