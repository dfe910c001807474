/**
 * Security (docs/design.md 1 "credentials … never from the manifest text and never printed",
 * docs/design.md 2 "Secrets are always shown as (sensitive)", docs/design.md 3 "no path escapes the folder").
 *
 * 1. A `secretRef` value (env and file) used for real basic-auth syncs appears in no plan output
 *    (text, markdown, json), apply output, status/history/runs/events JSON, and not in the bytes
 *    of the SQLite state files (.db, -wal, -shm read raw), in plain or base64 (Authorization) form.
 * 2. `updops serve` as its own process, hit over raw sockets with traversal attempts: every one
 *    answers 4xx, and a sentinel file beside the served folder is never in a response.
 *
 * Controller API (401 without/with a wrong token, 127.0.0.1 by default, no secret in responses):
 * covered by test/controller/api-auth.test.ts in-process; `updops controller` has no CLI command
 * yet, so the out-of-process variant waits for it (docs/reliability.md).
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import t, { type Test } from 'tap';
import { serveStatic } from '../repository/helpers/static-server.js';
import { makeWorld, NOW } from '../reconcile/helpers/world.js';
import { STACK_FRAME, tempDir } from './helpers/common.js';
import { leakForms, leaks } from './helpers/leaks.js';
import { rawRequest, startServe } from './helpers/serve-process.js';

const SECRET = 'user:S3cr3t-Value-42';
const FILE_SECRET = 'filer:F1le-S3cret-99';

const authSource = (name: string, url: string, ref: string): string => `apiVersion: updops/v1
kind: UpdateSource
metadata: {name: ${name}}
spec:
  type: http
  url: ${url}
  secretRef: ${ref}
  trustRoot: keys/vendor-root.json
  timeoutSeconds: 5
`;

void t.test('a secretRef value is in no output and nowhere in the state files', async (t) => {
  const w = await makeWorld(t);
  // A vendor mirror that demands basic auth: the syncs only succeed if the credentials are really sent.
  const accepted = new Set([SECRET, FILE_SECRET].map((s) => `Basic ${Buffer.from(s).toString('base64')}`));
  const mirror = await serveStatic(w.vendor.repo, (req, res) => {
    if (accepted.has(req.headers.authorization ?? '')) return false;
    res.writeHead(401, { 'www-authenticate': 'Basic realm="updates"' }).end('unauthorized');
    return true;
  });
  t.teardown(() => mirror.close());
  const secretFile = path.join(w.dir, 'secrets', 'mirror-credentials');
  mkdirSync(path.dirname(secretFile), { recursive: true });
  writeFileSync(secretFile, `${FILE_SECRET}\n`, { mode: 0o600 });
  w.write('sources/mirror-env.yaml', authSource('mirror-env', mirror.url, '{env: MIRROR_CREDENTIALS}'));
  w.write('sources/mirror-file.yaml', authSource('mirror-file', mirror.url, `{file: ${secretFile}}`));
  const tasks = path.join(w.config, 'tasks/download.yaml');
  writeFileSync(
    tasks,
    readFileSync(tasks, 'utf8')
      .replace(/(name: Download branch-a}[\s\S]*?)sources: \[vendor\]/, '$1sources: [mirror-file]')
      .replace(/(name: Download branch-b}[\s\S]*?)sources: \[vendor\]/, '$1sources: [mirror-env]'),
  );
  w.commit('Branches download from the authenticated mirror');
  const env = { MIRROR_CREDENTIALS: SECRET };
  const outputs: Record<string, string> = {};
  const run = async (name: string, args: string[], runEnv: NodeJS.ProcessEnv = env): Promise<number> => {
    const res = await w.cli(args, { env: runEnv });
    outputs[`${name} stdout`] = res.stdout;
    outputs[`${name} stderr`] = res.stderr;
    t.notMatch(res.stderr, STACK_FRAME, `${name}: no stack trace`);
    return res.code;
  };

  for (const format of ['text', 'markdown', 'json']) t.equal(await run(`plan ${format}`, ['plan', ...w.common, '--now', NOW, '--format', format]), 0, `plan --format ${format}`);
  t.match(outputs['plan json stdout'], /"secretRef": ?"\(sensitive\)"/, 'the JSON plan shows the reference as (sensitive)');
  t.equal(await run('apply', ['apply', ...w.common, '--now', NOW, '--auto-approve']), 0, `apply: ${outputs['apply stderr']}`);
  t.match(outputs['apply stdout'], /from mirror-env/, 'dp-b synced through the env-authenticated mirror');
  t.match(outputs['apply stdout'], /from mirror-file/, 'dp-a synced through the file-authenticated mirror');
  t.same(await w.identicalToVendor('dp-b'), [], 'dp-b has the vendor files');
  // The wrong password (which contains the right one) makes the server refuse: the failure is reported without it.
  w.write('groups/extra.yaml', `apiVersion: updops/v1\nkind: Group\nmetadata: {name: extra}\nspec:\n  parent: hq\n  distributionPoints:\n    - {name: dp-x, os: windows, repository: ${path.join(w.dir, 'dps', 'x')}}\n`);
  w.write('tasks/extra.yaml', `apiVersion: updops/v1\nkind: Task\nmetadata: {name: Download extra}\nspec:\n  type: DownloadUpdatesToDistributionPoints\n  scope: {group: extra}\n  settings: {sources: [mirror-env]}\n  schedule: {kind: weekly, day: monday, time: "03:00"}\n`);
  w.commit('An extra DP on the env mirror');
  t.equal(await run('apply refused', ['apply', ...w.common, '--now', NOW, '--auto-approve'], { MIRROR_CREDENTIALS: `${SECRET}-wrong` }), 1, 'the sync with a wrong password fails');
  for (const [name, args] of [
    ['status json', ['status', '--state', w.state, '--format', 'json', '--now', NOW]],
    ['status text', ['status', '--state', w.state, '--now', NOW]],
    ['history json', ['history', '--state', w.state, '--format', 'json', '--plans']],
    ['runs json', ['runs', '--state', w.state, '--format', 'json']],
    ['events json', ['events', '--state', w.state, '--format', 'json']],
  ] as const) t.equal(await run(name, [...args]), 0, name);
  // An inline credential in a URL is refused without being echoed.
  w.write('sources/inline.yaml', authSource('inline', mirror.url.replace('http://', `http://${SECRET}@`), '{env: MIRROR_CREDENTIALS}'));
  t.equal(await run('validate inline', ['validate', w.config]), 1, 'a URL with credentials is refused');
  t.match(outputs['validate inline stderr'], /INLINE_SECRET/);
  w.remove('sources/inline.yaml');

  const files: Record<string, Buffer> = {};
  for (const suffix of ['', '-wal', '-shm', '-journal']) if (existsSync(`${w.state}${suffix}`)) files[`state${suffix || '.db'}`] = readFileSync(`${w.state}${suffix}`);
  files['store.dump()'] = Buffer.from(JSON.stringify(await w.dump()));
  t.ok(files['state.db'] && files['state.db'].length > 0, 'the state file was read raw');
  t.comment(`security: ${Object.keys(outputs).length} outputs and ${Object.keys(files).length} state files/dumps checked for ${leakForms(SECRET).length * 2} secret forms`);
  t.same(leaks({ ...outputs, ...files }, [SECRET, FILE_SECRET]), [], 'no output, state file or dump holds either secret');
  t.match(files['store.dump()']?.toString(), /MIRROR_CREDENTIALS/, 'the reference itself is recorded');
});

void t.test('the leak check can fail: every form is caught', async (t) => {
  const base64 = Buffer.from(SECRET).toString('base64');
  t.match(leaks({ header: `Authorization: Basic ${base64}` }, [SECRET]), [/header holds/], 'base64 in a header');
  t.match(leaks({ url: 'http://user:S3cr3t-Value-42@host' }, [SECRET]), [/url holds/, /url holds/], 'user:password in a URL');
  t.match(leaks({ db: Buffer.from('xx S3cr3t-Value-42 yy', 'utf16le') }, [SECRET]), [/db holds/], 'UTF-16 in a database page');
  t.same(leaks({ clean: '(sensitive)' }, [SECRET]), [], 'a redacted text is clean');
});

/** Request targets that try to leave the served folder; each must get a 4xx. */
export const TRAVERSALS = [
  '/../sentinel.txt',
  '/../../../../../../etc/passwd',
  '/%2e%2e/sentinel.txt',
  '/%2E%2E/sentinel.txt',
  '/%2e%2e%2fsentinel.txt',
  '/.%2e/sentinel.txt',
  '/%252e%252e/sentinel.txt',
  '/%252e%252e%252fsentinel.txt',
  '/..%5csentinel.txt',
  '/..\\sentinel.txt',
  '/%c0%ae%c0%ae/sentinel.txt',
  '/%uff0e%uff0e/sentinel.txt',
  '//etc/passwd',
  '/etc/passwd',
  '///sentinel.txt',
  '/sub/../../sentinel.txt',
  '/sub/%2e%2e/%2e%2e/sentinel.txt',
  '/escape-link/sentinel.txt',
  '/link-to-sentinel.txt',
  '/inside.txt%00../../sentinel.txt',
  '/C:/Windows/win.ini',
  '/.hidden',
  'http://127.0.0.1/../sentinel.txt',
  'http://evil.example/%2e%2e/sentinel.txt',
  'http://127.0.0.1//etc/passwd',
  '../sentinel.txt',
  '*',
];

interface TraversalReport {
  escapes: string[];
  statuses: Record<string, number>;
}

async function attack(port: number, sentinel: string): Promise<TraversalReport> {
  const escapes: string[] = [];
  const statuses: Record<string, number> = {};
  const passwd = existsSync('/etc/passwd') ? readFileSync('/etc/passwd', 'utf8').split('\n')[0] ?? '\0' : '\0';
  for (const target of TRAVERSALS) {
    const res = await rawRequest(port, target).catch(() => ({ status: 0, body: Buffer.alloc(0), head: '' }));
    statuses[target] = res.status;
    const body = res.body.toString('latin1');
    if (res.status < 400 || res.status > 499) escapes.push(`${target} → ${res.status}`);
    if (body.includes(sentinel) || body.includes(passwd)) escapes.push(`${target} → read a file outside the folder`);
  }
  return { escapes, statuses };
}

function layout(t: Test): { root: string; sentinel: string } {
  const dir = tempDir(t, 'traversal');
  const root = path.join(dir, 'root');
  const sentinel = `SENTINEL-${process.pid}-outside-the-folder`;
  mkdirSync(path.join(root, 'sub'), { recursive: true });
  writeFileSync(path.join(root, 'inside.txt'), 'inside the folder\n');
  writeFileSync(path.join(root, 'sub', 'file.txt'), 'sub file\n');
  writeFileSync(path.join(root, '.hidden'), sentinel);
  writeFileSync(path.join(dir, 'sentinel.txt'), sentinel);
  symlinkSync(path.join(dir, 'sentinel.txt'), path.join(root, 'link-to-sentinel.txt'));
  symlinkSync(dir, path.join(root, 'escape-link'));
  return { root, sentinel };
}

void t.test('updops serve (own process): traversal attempts over raw sockets get 4xx and never a byte from outside', async (t) => {
  const { root, sentinel } = layout(t);
  const serve = await startServe(root);
  t.teardown(() => serve.stop());
  const ok = await rawRequest(serve.port, '/inside.txt');
  t.equal(ok.status, 200, 'a file inside is served');
  t.equal(ok.body.toString(), 'inside the folder\n');
  t.equal((await rawRequest(serve.port, '/sub/file.txt')).status, 200, 'a file in a subfolder is served');
  const report = await attack(serve.port, sentinel);
  t.comment(`traversal: ${TRAVERSALS.length} attempts, ${report.escapes.length} escapes; statuses ${[...new Set(Object.values(report.statuses))].sort().join('/')}`);
  t.same(report.escapes, [], 'every attempt answered 4xx without the sentinel');
});

void t.test('the traversal check can fail: a naive server that decodes and joins is caught', async (t) => {
  const { root, sentinel } = layout(t);
  const naive = http.createServer((req, res) => {
    // The classic bug: decode, then join without checking the result stays inside.
    try {
      const file = path.join(root, decodeURIComponent((req.url ?? '/').replace(/^https?:\/\/[^/]+/, '')));
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => naive.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => naive.close(() => resolve())));
  const report = await attack((naive.address() as AddressInfo).port, sentinel);
  t.ok(report.escapes.some((e) => e.includes('outside the folder')), `the naive server is caught: ${report.escapes.slice(0, 3).join('; ')}`);
});
