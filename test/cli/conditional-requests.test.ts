/**
 * Conditional requests as RFC 9110 section 13 says (issue 14), with real requests to real
 * `updops serve` and `updops controller` processes: If-Match and If-Unmodified-Since that fail
 * are 412 and nothing is sent or started; If-None-Match and If-Modified-Since still give 304;
 * a precondition on a missing file changes nothing (404 stays 404).
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { evaluatePreconditions } from '../../src/util/index.js';
import { startCli } from '../helpers/processes.js';
import { tempDirSync } from '../helpers/temp-dir.js';
import { groupYaml, makeFixture, sourceYaml, taskYaml } from '../controller/helpers/fixture.js';

const MTIME = new Date('2026-11-20T10:00:00Z');
const BEFORE = 'Thu, 19 Nov 2026 10:00:00 GMT';
const AFTER = 'Sat, 21 Nov 2026 10:00:00 GMT';

void t.test('the evaluation order of RFC 9110 13.2.2', async (t) => {
  const current = { etag: '"abc"', lastModifiedSeconds: MTIME.getTime() / 1000 };
  const cases: [string, string, Record<string, string>, ReturnType<typeof evaluatePreconditions>][] = [
    ['no preconditions', 'GET', {}, 'proceed'],
    ['If-Match of the current tag', 'GET', { 'if-match': '"x", "abc"' }, 'proceed'],
    ['If-Match of another tag', 'GET', { 'if-match': '"x"' }, 'precondition-failed'],
    ['If-Match compares strongly: a weak tag never matches', 'GET', { 'if-match': 'W/"abc"' }, 'precondition-failed'],
    ['If-Match: * with a representation', 'PUT', { 'if-match': '*' }, 'proceed'],
    ['If-Unmodified-Since before the change', 'GET', { 'if-unmodified-since': BEFORE }, 'precondition-failed'],
    ['If-Unmodified-Since after the change', 'GET', { 'if-unmodified-since': AFTER }, 'proceed'],
    ['If-Unmodified-Since is ignored when If-Match is present', 'GET', { 'if-match': '"abc"', 'if-unmodified-since': BEFORE }, 'proceed'],
    ['If-Unmodified-Since that is no date is ignored', 'GET', { 'if-unmodified-since': 'yesterday-ish' }, 'proceed'],
    ['If-None-Match compares weakly', 'GET', { 'if-none-match': 'W/"abc"' }, 'not-modified'],
    ['If-None-Match on an unsafe method fails', 'POST', { 'if-none-match': '"abc"' }, 'precondition-failed'],
    ['If-Match is checked before If-None-Match', 'GET', { 'if-match': '"x"', 'if-none-match': '"abc"' }, 'precondition-failed'],
    ['If-Modified-Since is ignored when If-None-Match is present', 'GET', { 'if-none-match': '"x"', 'if-modified-since': AFTER }, 'proceed'],
    ['If-Modified-Since after the change', 'HEAD', { 'if-modified-since': AFTER }, 'not-modified'],
    ['If-Modified-Since only applies to GET and HEAD', 'POST', { 'if-modified-since': AFTER }, 'proceed'],
  ];
  for (const [what, method, headers, expected] of cases) t.equal(evaluatePreconditions(method, headers, current), expected, what);
  t.equal(evaluatePreconditions('POST', { 'if-match': '*' }, undefined), 'precondition-failed', 'If-Match: * without a representation');
  t.equal(evaluatePreconditions('POST', { 'if-none-match': '*' }, undefined), 'proceed', 'If-None-Match: * without a representation');
});

void t.test('updops serve: 412 for a failed If-Match or If-Unmodified-Since, with no body', async (t) => {
  const root = tempDirSync(t);
  mkdirSync(path.join(root, 'metadata'));
  const file = path.join(root, 'metadata', 'timestamp.json');
  writeFileSync(file, '{"signed":{}}\n');
  utimesSync(file, MTIME, MTIME);
  const serve = await startCli(t, ['serve', root, '--listen', '127.0.0.1:0', '--workers', '1'], { line: /serving \S+ on (http:\/\/[^\s"]+)/ });
  t.teardown(() => serve.stop());
  const url = `${serve.ready[1]}/metadata/timestamp.json`;
  const first = await fetch(url);
  const etag = first.headers.get('etag')!;
  t.equal(first.status, 200);
  t.equal(first.headers.get('last-modified'), MTIME.toUTCString());

  const ask = async (headers: Record<string, string>, target = url): Promise<{ status: number; body: string }> => {
    const res = await fetch(target, { headers });
    return { status: res.status, body: await res.text() };
  };
  t.same(await ask({ 'If-Match': etag }), { status: 200, body: '{"signed":{}}\n' }, 'If-Match of the current ETag: the file');
  t.same(await ask({ 'If-Match': '*' }), { status: 200, body: '{"signed":{}}\n' });
  t.same(await ask({ 'If-Match': '"stale"' }), { status: 412, body: 'precondition failed\n' }, 'another ETag: 412, not the file');
  t.same(await ask({ 'If-Match': `W/${etag}` }), { status: 412, body: 'precondition failed\n' }, 'a weak tag never matches If-Match');
  t.same(await ask({ 'If-Unmodified-Since': BEFORE }), { status: 412, body: 'precondition failed\n' }, 'changed since: 412');
  t.equal((await ask({ 'If-Unmodified-Since': AFTER })).status, 200);
  t.equal((await ask({ 'If-Match': etag, 'If-Unmodified-Since': BEFORE })).status, 200, 'If-Unmodified-Since is ignored beside If-Match');
  t.equal((await ask({ 'If-None-Match': etag })).status, 304, 'If-None-Match still gives 304');
  t.equal((await ask({ 'If-Modified-Since': AFTER })).status, 304);
  t.equal((await ask({ 'If-Match': '"stale"', Range: 'bytes=0-3' })).status, 412, 'preconditions come before the range');
  t.equal((await ask({ 'If-Match': '"stale"' }, `${serve.ready[1]}/metadata/missing.json`)).status, 404, 'a missing file stays 404');
  const head = await fetch(url, { method: 'HEAD', headers: { 'If-Match': '"stale"' } });
  t.equal(head.status, 412);
});

void t.test('controller API: GETs carry an ETag; If-None-Match → 304, If-Match → 412; a POST with If-Match starts nothing', async (t) => {
  const f = await makeFixture(t);
  f.write('groups.yaml', groupYaml('hq', [{ name: 'dp-hq' }], f.repo));
  f.write('sources.yaml', sourceYaml('vendor', f.vendorUrl));
  f.write('tasks.yaml', taskYaml('Download hq', { scope: '{group: hq}', schedule: '{kind: weekly, day: monday, time: "03:00"}' }));
  f.commit('initial');
  const token = 'conditional-test-token';
  const controller = await startCli(t, ['controller', '--config', f.config, '--ref', 'main', '--state', path.join(f.dir, 'cond.db'), '--listen', '127.0.0.1:0', '--poll', '1h', '--log-level', 'warn'], {
    cwd: f.dir,
    env: { UPDOPS_TOKEN: token },
    line: /controller listening on (http:\/\/[^\s"]+)/,
  });
  t.teardown(() => controller.stop());
  const api = controller.ready[1]!;
  const runsUrl = `${api}/api/runs`;
  const first = await fetch(runsUrl);
  const etag = first.headers.get('etag');
  t.match(etag, /^"[\w-]{27}"$/, 'a strong ETag');
  const runsBefore = ((await first.json()) as { runs: unknown[] }).runs.length;

  const again = await fetch(runsUrl, { headers: { 'If-None-Match': etag! } });
  t.equal(again.status, 304, 'unchanged: 304');
  t.equal(await again.text(), '');
  t.equal((await fetch(runsUrl, { headers: { 'If-Match': etag! } })).status, 200, 'If-Match of the current ETag: 200');
  const stale = await fetch(runsUrl, { headers: { 'If-Match': '"stale"' } });
  t.equal(stale.status, 412);
  t.match(await stale.json(), { error: { code: 'PRECONDITION_FAILED' } });
  t.equal(stale.headers.get('etag'), etag, 'the 412 names the current ETag');
  t.equal((await fetch(`${api}/api/runs/no-such-run`, { headers: { 'If-Match': '"stale"' } })).status, 404, '404 stays 404');

  const post = await fetch(`${api}/api/tasks/${encodeURIComponent('Download hq')}/run`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'If-Match': '"anything"' } });
  t.equal(post.status, 412);
  t.match(await post.json(), { error: { code: 'PRECONDITION_FAILED' } });
  const after = (await (await fetch(runsUrl)).json()) as { runs: unknown[] };
  t.equal(after.runs.length, runsBefore, 'no run was started');
  const unconditional = await fetch(`${api}/api/tasks/${encodeURIComponent('Download hq')}/run`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  t.equal(unconditional.status, 202, 'without If-Match the same POST runs the task');
});
