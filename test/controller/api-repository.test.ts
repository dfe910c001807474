/**
 * `/repository/…` on the controller's listener (src/controller/api/repository.ts): the chosen DP's
 * repository (or a folder) served read-only by `updops serve`'s core — the files byte for byte,
 * ETag and Range, nothing outside the folder — with the API's auth rules: open on loopback, the
 * bearer token everywhere else, and a token that is sent is always checked.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import path from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { createApiServer, servedRepositoryOf, type RepositoryServing } from '../../src/controller/api/index.js';
import { createLogger, type Logger } from '../../src/controller/logging.js';
import { isLoopbackHost } from '../../src/util/index.js';
import { generateKeys } from '../../src/repository/keys.js';
import { publishRepository } from '../../src/repository/publish/index.js';
import { fakeController } from './api-fake-controller.js';
import { TOKEN, auth, raw } from './api-request.js';

const SECRET = 'OUTSIDE-THE-REPOSITORY-0042';

/** A published repository in `<dir>/dp-1/repo`, a secret file beside it, and the API serving `repository`. */
async function setup(t: Test, repository: RepositoryServing | undefined, options: { token?: string; logger?: Logger } = { token: TOKEN }) {
  const fake = await fakeController();
  const repo = path.join(fake.dir, 'dp-1', 'repo');
  const content = path.join(fake.dir, 'content');
  mkdirSync(path.join(content, 'databases', 'kes'), { recursive: true });
  writeFileSync(path.join(content, 'databases', 'kes', 'daily.avc'), 'daily 1\n'.repeat(5000));
  await generateKeys(path.join(fake.dir, 'keys'));
  await publishRepository({ contentDir: content, repoDir: repo, keysDir: path.join(fake.dir, 'keys') });
  writeFileSync(path.join(fake.dir, 'dp-1', 'secret.txt'), SECRET);
  writeFileSync(path.join(repo, '.lock'), SECRET);
  fake.controller.repositories.set('dp-1', repo);
  const api = await createApiServer(fake.controller, { ...options, ...(repository ? { repository } : {}) });
  t.teardown(async () => {
    await api.close();
    await fake.cleanup();
  });
  return { ...fake, api, repo };
}

const DP: RepositoryServing = { served: { dp: 'dp-1' }, requireToken: false };

void t.test("the DP's files byte for byte, with ETag, If-None-Match and Range as updops serve answers them", async (t) => {
  const { api, repo } = await setup(t, DP);
  const file = path.join(repo, 'metadata', 'timestamp.json');
  const res = await raw(api.url, 'GET', '/repository/metadata/timestamp.json');
  t.equal(res.status, 200);
  t.equal(res.text, readFileSync(file, 'utf8'), 'the same bytes');
  t.equal(res.headers['content-type'], 'application/json');
  t.equal(res.headers['accept-ranges'], 'bytes');
  const etag = String(res.headers.etag);
  t.match(etag, /^"/);
  t.equal((await raw(api.url, 'GET', '/repository/metadata/timestamp.json', { headers: { 'if-none-match': etag } })).status, 304);
  const part = await raw(api.url, 'GET', '/repository/metadata/timestamp.json', { headers: { range: 'bytes=2-9' } });
  t.equal(part.status, 206);
  t.equal(part.text, readFileSync(file, 'utf8').slice(2, 10));
  t.equal(part.headers['content-range'], `bytes 2-9/${readFileSync(file).length}`);
  const head = await raw(api.url, 'HEAD', '/repository/metadata/1.root.json');
  t.equal(head.status, 200);
  t.equal(head.text, '');
  t.equal(Number(head.headers['content-length']), readFileSync(path.join(repo, 'metadata', '1.root.json')).length);
  t.equal((await raw(api.url, 'GET', '/repository/metadata/timestamp.json?cache=bust')).status, 200, 'a query string is ignored');
  t.equal((await raw(api.url, 'GET', '/repository/metadata/no-such.json')).status, 404);
  t.equal((await raw(api.url, 'POST', '/repository/metadata/timestamp.json', { headers: auth() })).status, 405, 'read-only');
  t.equal((await raw(api.url, 'GET', '/api/status')).status, 200, 'the API is still there beside it');
});

void t.test('nothing outside the folder, no dot-files, no listings', async (t) => {
  const { api } = await setup(t, DP);
  const attempts = [
    '/repository/../secret.txt',
    '/repository/%2e%2e/secret.txt',
    '/repository/metadata/..%2f..%2fsecret.txt',
    '/repository/metadata/%2e%2e/%2e%2e/secret.txt',
    '/repository/%252e%252e/secret.txt',
    '/repository/metadata\\..\\..\\secret.txt',
    '/repository/.lock',
    '/repository/',
    '/repository/metadata/',
    '/repository//secret.txt',
    '/repository/..',
  ];
  for (const attempt of attempts) {
    const res = await raw(api.url, 'GET', attempt);
    t.ok(res.status === 400 || res.status === 404, `${attempt} → ${res.status}`);
    t.notMatch(res.text, SECRET, `${attempt} shows nothing outside`);
  }
});

void t.test('not configured: 404 saying how; a DP not in the applied configuration: 503 naming it', async (t) => {
  const none = await setup(t, undefined);
  const res = await raw(none.api.url, 'GET', '/repository/metadata/timestamp.json');
  t.equal(res.status, 404);
  t.match(res.json, { error: { code: 'NOT_FOUND', message: /--serve-repository/ } });

  const missing = await setup(t, { served: { dp: 'dp-9' }, requireToken: false });
  const unknown = await raw(missing.api.url, 'GET', '/repository/metadata/timestamp.json');
  t.equal(unknown.status, 503);
  t.match(unknown.json, { error: { code: 'UNAVAILABLE', message: /no distribution point dp-9 in the applied configuration/ } });

  const folder = await setup(t, { served: { folder: path.join(missing.repo) }, requireToken: false });
  t.equal((await raw(folder.api.url, 'GET', '/repository/metadata/timestamp.json')).status, 200, 'a folder is served as is');
});

void t.test('a DP whose repository folder does not exist yet answers 404, and is served once its first sync made it', async (t) => {
  const fake = await setup(t, DP);
  const later = path.join(fake.dir, 'dp-2', 'repo');
  fake.controller.repositories.set('dp-1', later);
  t.equal((await raw(fake.api.url, 'GET', '/repository/metadata/timestamp.json')).status, 404);
  mkdirSync(path.dirname(later), { recursive: true });
  const { renameSync } = await import('node:fs');
  renameSync(fake.repo, later);
  await new Promise((resolve) => setImmediate(resolve));
  t.equal((await raw(fake.api.url, 'GET', '/repository/metadata/timestamp.json')).status, 200, 'looked up per request');
});

void t.test('auth: open on loopback, the bearer token when required; a token that is sent is always checked', async (t) => {
  const open = await setup(t, DP);
  t.equal((await raw(open.api.url, 'GET', '/repository/metadata/timestamp.json')).status, 200, 'loopback: no token needed');
  t.equal((await raw(open.api.url, 'GET', '/repository/metadata/timestamp.json', { headers: auth() })).status, 200, 'the right token is fine');
  const wrong = await raw(open.api.url, 'GET', '/repository/metadata/timestamp.json', { headers: auth('not-the-token') });
  t.equal(wrong.status, 401, 'a wrong token is refused even on loopback');
  t.notMatch(wrong.text, /"signed"/);

  const closed = await setup(t, { served: { dp: 'dp-1' }, requireToken: true });
  for (const headers of [{}, auth('not-the-token'), { authorization: `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}` }]) {
    const res = await raw(closed.api.url, 'GET', '/repository/metadata/timestamp.json', { headers });
    t.equal(res.status, 401, `refused: ${JSON.stringify(headers)}`);
    t.equal(res.json.error.code, 'UNAUTHORIZED');
    t.notMatch(res.text, /"signed"/, 'no metadata without the token');
  }
  t.equal((await raw(closed.api.url, 'GET', '/repository/metadata/timestamp.json', { headers: auth() })).status, 200, 'with the token');
  t.equal((await raw(closed.api.url, 'GET', '/repository/../secret.txt', { headers: {} })).status, 401, 'auth comes before the path is even looked at');

  const noToken = await setup(t, { served: { dp: 'dp-1' }, requireToken: true }, {});
  const refused = await raw(noToken.api.url, 'GET', '/repository/metadata/timestamp.json', { headers: auth() });
  t.equal(refused.status, 401);
  t.match(refused.json.error.message, /no API token is configured/);
});

void t.test('--serve-repository names a DP or a folder; which listeners are loopback', async (t) => {
  t.same(servedRepositoryOf('dp-berlin-1'), { dp: 'dp-berlin-1' });
  t.same(servedRepositoryOf('/srv/updates'), { folder: '/srv/updates' });
  t.same(servedRepositoryOf('./repo'), { folder: './repo' });
  t.same(servedRepositoryOf('.'), { folder: '.' });
  for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) t.ok(isLoopbackHost(host), `${host} is loopback`);
  for (const host of ['0.0.0.0', '::', '192.168.1.10', 'primary.example', '10.0.0.1', '128.0.0.1']) t.notOk(isLoopbackHost(host), `${host} is not`);
});

void t.test("a secondary's many file requests are logged at debug, the API's at info; never the token", async (t) => {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out += chunk.toString('utf8');
      done();
    },
  });
  const { api } = await setup(t, DP, { token: TOKEN, logger: createLogger({ level: 'debug', destination: stream }) });
  await raw(api.url, 'GET', '/repository/metadata/timestamp.json', { headers: auth() });
  await raw(api.url, 'GET', '/healthz');
  const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  t.match(lines, [{ level: 20, msg: 'repository request', method: 'GET', path: '/repository/metadata/timestamp.json', status: 200 }, { level: 30, msg: 'request', path: '/healthz' }]);
  t.notMatch(out, TOKEN);
});
