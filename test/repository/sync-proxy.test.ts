/**
 * Proxies through the CLI a user runs (issue 16; docs/design.md 1 "Update sources"): with no
 * `proxy` on the source, `updops sync` and `updops apply` go through the proxy the standard
 * environment variables name — HTTP_PROXY for http:// (absolute-URI requests), HTTPS_PROXY for
 * https:// (CONNECT, the source's certificate checked against its `caFile`) — and not when
 * NO_PROXY names the host; `updops plan` probes the same way. A proxy on an FTP source is a
 * validate error. Everything on 127.0.0.1: a counting forward proxy (test/helpers/forward-proxy.ts),
 * the vendor repository on a static HTTP(S) server, a self-signed CA made with openssl.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { startForwardProxy } from '../helpers/forward-proxy.js';
import { initGitRepo } from '../helpers/git-repo.js';
import { groupYaml, sourceYaml, taskYaml } from '../helpers/manifests.js';
import { runCli } from '../helpers/processes.js';
import { FixtureRepo, blob, tempDir } from './helpers/sync-fixture.js';
import { serveStatic } from './helpers/static-server.js';
import { syncRepository } from '../../src/repository/sync/index.js';
import { filesUnder } from '../helpers/files.js';

/** No proxy variable of the test's own environment leaks in; each test names its own. */
const NO_PROXY_VARS = { HTTP_PROXY: undefined, http_proxy: undefined, HTTPS_PROXY: undefined, https_proxy: undefined, NO_PROXY: undefined, no_proxy: undefined };

/** Large enough for a download worker thread when direct (256 KiB): behind a proxy it must not go direct. */
const CONTENT = { 'databases/kes/big.avc': blob(600_000, 1), 'databases/kes/small.avc': blob(5000, 2), 'modules/kes/agent.bin': blob(40_000, 3) };


/** Every file the vendor serves is in the DP, byte for byte (the DP's own bookkeeping files aside). */
async function assertMirrors(t: Test, vendor: string, dp: string): Promise<void> {
  const want = await filesUnder(vendor);
  const differing: string[] = [];
  for (const rel of want) {
    const [a, b] = await Promise.all([readFile(path.join(vendor, rel)), readFile(path.join(dp, rel)).catch(() => undefined)]);
    if (!b?.equals(a)) differing.push(rel);
  }
  t.same(differing, [], `the DP holds the vendor's ${want.length} files, identical`);
}

async function vendorRepo(t: Test, work: string): Promise<FixtureRepo> {
  const repo = new FixtureRepo(path.join(work, 'vendor'));
  await repo.publish(CONTENT);
  return repo;
}

async function startProxy(t: Test): Promise<Awaited<ReturnType<typeof startForwardProxy>>> {
  const proxy = await startForwardProxy();
  t.teardown(() => proxy.close());
  return proxy;
}

void t.test('updops sync of an http:// vendor goes through HTTP_PROXY: every request, the large files too', async (t) => {
  const work = await tempDir(t);
  const repo = await vendorRepo(t, work);
  const vendor = await serveStatic(repo.dir);
  t.teardown(() => vendor.close());
  const proxy = await startProxy(t);
  const dp = path.join(work, 'dp');
  const res = await runCli(['sync', '--source', vendor.url, '--dest', dp, '--trust-root', repo.rootPath()], { t, env: { ...NO_PROXY_VARS, HTTP_PROXY: proxy.url, NO_PROXY: 'updates.example.com,.example.org' } });
  t.equal(res.code, 0, res.stderr);
  t.ok(proxy.stats.plain > 0, `the proxy forwarded ${proxy.stats.plain} requests`);
  t.equal(proxy.stats.plain, vendor.stats.requests, 'every request the vendor saw came through the proxy');
  t.equal(proxy.stats.connects, 0, 'plain HTTP is forwarded, not tunnelled');
  t.ok(vendor.stats.paths.some((p) => p.includes('big.avc')), 'the large file was fetched (through the proxy)');
  await assertMirrors(t, repo.dir, dp);
});

void t.test('NO_PROXY naming the host (or *) bypasses the proxy', async (t) => {
  const work = await tempDir(t);
  const repo = await vendorRepo(t, work);
  const vendor = await serveStatic(repo.dir);
  t.teardown(() => vendor.close());
  const proxy = await startProxy(t);
  const port = new URL(vendor.url).port;
  for (const noProxy of ['example.com,127.0.0.1', `127.0.0.1:${port}`, '*']) {
    const dp = path.join(work, `dp-${noProxy.replace(/[^a-z0-9]/gi, '_')}`);
    const before = vendor.stats.requests;
    const res = await runCli(['sync', '--source', vendor.url, '--dest', dp, '--trust-root', repo.rootPath()], { t, env: { ...NO_PROXY_VARS, http_proxy: proxy.url, no_proxy: noProxy } });
    t.equal(res.code, 0, res.stderr);
    t.ok(vendor.stats.requests > before, `NO_PROXY=${noProxy}: the vendor served ${vendor.stats.requests - before} requests directly`);
    await assertMirrors(t, repo.dir, dp);
  }
  t.equal(proxy.stats.plain + proxy.stats.connects, 0, 'the proxy saw nothing');
  // A port that is not the vendor's does not bypass it.
  const res = await runCli(['sync', '--source', vendor.url, '--dest', path.join(work, 'dp-other-port'), '--trust-root', repo.rootPath()], { t, env: { ...NO_PROXY_VARS, HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1:1' } });
  t.equal(res.code, 0, res.stderr);
  t.ok(proxy.stats.plain > 0, 'NO_PROXY=127.0.0.1:1 (another port): through the proxy');
});

void t.test('an explicit proxy wins over the variables; a proxy that fails is named in the error with its variable', async (t) => {
  const work = await tempDir(t);
  const repo = await vendorRepo(t, work);
  const vendor = await serveStatic(repo.dir);
  t.teardown(() => vendor.close());
  const proxy = await startProxy(t);
  const dead = 'http://127.0.0.1:1';
  const explicit = await runCli(['sync', '--proxy', proxy.url, '--source', vendor.url, '--dest', path.join(work, 'dp'), '--trust-root', repo.rootPath()], { t, env: { ...NO_PROXY_VARS, HTTP_PROXY: dead, NO_PROXY: '*' } });
  t.equal(explicit.code, 0, explicit.stderr);
  t.equal(proxy.stats.plain, vendor.stats.requests, '--proxy: every request through it, HTTP_PROXY and NO_PROXY ignored');
  await assertMirrors(t, repo.dir, path.join(work, 'dp'));

  const failed = await runCli(['sync', '--source', vendor.url, '--dest', path.join(work, 'dp-2'), '--trust-root', repo.rootPath(), '--timeout', '2'], { t, env: { ...NO_PROXY_VARS, http_proxy: 'http://user:hunter2@127.0.0.1:1' } });
  t.equal(failed.code, 1);
  t.match(failed.stderr, /^error: SOURCE_UNREACHABLE: .* through proxy http:\/\/\*\*\*@127\.0\.0\.1:1 from http_proxy: ECONNREFUSED/m);
  t.notMatch(failed.stderr, /hunter2/, 'the proxy password is never printed');
  const malformed = await runCli(['sync', '--source', vendor.url, '--dest', path.join(work, 'dp-3'), '--trust-root', repo.rootPath()], { t, env: { ...NO_PROXY_VARS, HTTP_PROXY: 'proxy.example.com:3128' } });
  t.equal(malformed.code, 1);
  t.match(malformed.stderr, /HTTP_PROXY=proxy\.example\.com:3128 is not an http\(s\):\/\/ proxy URL \(write it as http:\/\/host:port\)/);
});

void t.test('the environment a caller passes (the controller\'s `env`) is the one read, not process.env', async (t) => {
  const work = await tempDir(t);
  const repo = await vendorRepo(t, work);
  const vendor = await serveStatic(repo.dir);
  t.teardown(() => vendor.close());
  const proxy = await startProxy(t);
  const sync = (dest: string, env: NodeJS.ProcessEnv): ReturnType<typeof syncRepository> => syncRepository({ sources: [{ url: vendor.url }], dest: path.join(work, dest), trustRoot: repo.rootPath(), env });
  await sync('given', { HTTP_PROXY: proxy.url });
  t.equal(proxy.stats.plain, vendor.stats.requests, 'env given with HTTP_PROXY: through the proxy');
  const saved = process.env.HTTP_PROXY;
  process.env.HTTP_PROXY = 'http://127.0.0.1:1';
  try {
    const before = proxy.stats.plain;
    await sync('empty', {});
    t.equal(proxy.stats.plain, before, 'env given without one: direct, though process.env names a (dead) proxy');
  } finally {
    if (saved === undefined) delete process.env.HTTP_PROXY;
    else process.env.HTTP_PROXY = saved;
  }
  await assertMirrors(t, repo.dir, path.join(work, 'empty'));
});

/** A CA and a server certificate for 127.0.0.1 it signed, made with the openssl CLI. */
function makeCertificates(dir: string): { ca: string; key: string; cert: string } {
  const at = (f: string): string => path.join(dir, f);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const ssl = (...args: string[]): void => void execFileSync('openssl', args, { stdio: 'pipe' });
  ssl('req', '-x509', ...ec, '-keyout', at('ca.key'), '-out', at('ca.pem'), '-days', '2', '-subj', '/CN=updops test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  ssl('req', ...ec, '-keyout', at('server.key'), '-out', at('server.csr'), '-subj', '/CN=127.0.0.1');
  execFileSync('sh', ['-c', `printf 'subjectAltName=IP:127.0.0.1\\nbasicConstraints=CA:FALSE\\nextendedKeyUsage=serverAuth\\n' > "${at('server.ext')}"`]);
  ssl('x509', '-req', '-in', at('server.csr'), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial', '-out', at('server.pem'), '-days', '2', '-extfile', at('server.ext'));
  return { ca: at('ca.pem'), key: at('server.key'), cert: at('server.pem') };
}

void t.test('updops apply of an https:// vendor with a caFile tunnels through HTTPS_PROXY (CONNECT); plan probes the same way', async (t) => {
  const work = await tempDir(t);
  const repo = await vendorRepo(t, work);
  const certs = makeCertificates(work);
  const vendor = await serveStatic(repo.dir, undefined, { tls: { key: await readFile(certs.key), cert: await readFile(certs.cert) } });
  t.teardown(() => vendor.close());
  const proxy = await startProxy(t);
  const config = initGitRepo(path.join(work, 'config'));
  config.write('keys/vendor-root.json', await readFile(repo.rootPath()));
  config.write('keys/ca.pem', await readFile(certs.ca));
  const dp = path.join(work, 'dp');
  config.write('sources.yaml', sourceYaml('vendor', { url: vendor.url, timeoutSeconds: 5, caFile: 'keys/ca.pem' }));
  config.write('groups.yaml', groupYaml('office', { distributionPoints: [{ name: 'dp-1', repository: dp }] }));
  config.write('tasks.yaml', taskYaml('Download updates', { scope: { group: 'office' }, schedule: { kind: 'weekly', day: 'monday', time: '03:00' } }));
  config.commit('an HTTPS vendor with its CA');
  const common = ['--config', path.join(work, 'config'), '--state', path.join(work, 'state.db')];
  const env = { ...NO_PROXY_VARS, HTTPS_PROXY: proxy.url };

  const applied = await runCli(['apply', ...common, '--auto-approve'], { t, cwd: work, env });
  t.equal(applied.code, 0, `${applied.stdout}${applied.stderr}`);
  t.match(applied.stdout, /1 repositor(y|ies) synced, 0 failed/);
  t.ok(proxy.stats.connects > 0, `the proxy opened ${proxy.stats.connects} CONNECT tunnels`);
  t.equal(proxy.stats.plain, 0, 'https is tunnelled, never forwarded in clear');
  t.same([...new Set(proxy.stats.targets)], [new URL(vendor.url).host], 'every tunnel went to the vendor');
  await assertMirrors(t, repo.dir, dp);

  const tunnels = proxy.stats.connects;
  const plan = await runCli(['plan', ...common], { t, cwd: work, env });
  t.equal(plan.code, 0, `${plan.stdout}${plan.stderr}`);
  t.ok(proxy.stats.connects > tunnels, 'the plan probed the vendor through the proxy too');
  t.notMatch(plan.stdout, /unreachable/);

  // HTTP_PROXY is for http:// sources: an https source with only HTTP_PROXY set goes direct.
  const [seen, direct] = [proxy.stats.connects + proxy.stats.plain, vendor.stats.requests];
  const onlyHttp = await runCli(['plan', ...common], { t, cwd: work, env: { ...NO_PROXY_VARS, HTTP_PROXY: proxy.url } });
  t.equal(onlyHttp.code, 0, `${onlyHttp.stdout}${onlyHttp.stderr}`);
  t.equal(proxy.stats.connects + proxy.stats.plain, seen, 'HTTP_PROXY alone: the https vendor is probed directly');
  t.ok(vendor.stats.requests > direct, 'the vendor was probed');
});

void t.test('a proxy on an FTP source is rejected by updops validate: one line with file:line:col and the fix', async (t) => {
  const work = await tempDir(t);
  const config = initGitRepo(path.join(work, 'config'));
  config.write('keys/vendor-root.json', '{}');
  config.write('sources.yaml', sourceYaml('ftp-mirror', { type: 'ftp', url: 'ftp://127.0.0.1:2121/updates', proxy: { url: 'http://127.0.0.1:3128' } }));
  config.write('groups.yaml', groupYaml('office', { distributionPoints: [{ name: 'dp-1', repository: path.join(work, 'dp') }] }));
  config.write('tasks.yaml', taskYaml('Download updates', { scope: { group: 'office' }, settings: { sources: ['ftp-mirror'] } }));
  config.commit('ftp behind a proxy');
  const res = await runCli(['validate', path.join(work, 'config')], { t, cwd: work });
  t.equal(res.code, 1, res.stdout + res.stderr);
  // One error line (then validate's count of errors).
  const lines = `${res.stdout}${res.stderr}`.trim().split('\n').filter((l) => /:\d+:\d+: /.test(l));
  t.equal(lines.length, 1, `one error line: ${lines.join(' | ')}`);
  t.match(lines[0], /sources\.yaml:\d+:\d+: .*PROXY_NOT_HTTP.*"ftp-mirror" is an FTP source.*HTTP\(S\) sources only.*remove spec\.proxy/);
  t.notMatch(res.stderr, /\n\s+at /, 'no stack trace');

  // The command's --proxy on an FTP source: refused too, never a silent direct connection.
  const cli = await runCli(['sync', '--proxy', 'http://127.0.0.1:3128', '--source', 'ftp://127.0.0.1:2121/updates', '--dest', path.join(work, 'dp')], { t, cwd: work });
  t.equal(cli.code, 1);
  t.match(cli.stderr, /^error: PROXY_NOT_HTTP: ftp:\/\/127\.0\.0\.1:2121\/updates: updops uses a proxy for HTTP\(S\) sources only/);
});
