/**
 * Commit statuses in each forge's own dialect, against a local HTTP server standing in for the
 * forge's API: the path, the auth header, the state names (GitLab's `failed`), the context, and
 * the link; a forge's error answer is one NOTIFY error naming the repository, never the token.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import t from 'tap';
import { isUpdopsError } from '../../src/errors.js';
import { sendCommitStatus, type CommitStatusProvider } from '../../src/notify/providers/commit-status.js';
import { tempDirSync } from '../helpers/temp-dir.js';

const SHA = 'a'.repeat(40);
const TOKEN = 'forge-token-secret-123';

interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

void t.test('GitHub, GitLab and Gitea statuses', async (t) => {
  const seen: Seen[] = [];
  let answer = 201;
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8').on('data', (c: string) => (raw += c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: JSON.parse(raw) as Record<string, unknown> });
      res.writeHead(answer, { 'content-type': 'application/json' }).end(answer === 201 ? '{}' : '{"message":"Not Found"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const api = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const dir = tempDirSync(t);
  writeFileSync(path.join(dir, 'token'), `${TOKEN}\n`);
  const secretRef = { file: 'token' };
  const secrets = { baseDir: dir };
  const status = { sha: SHA, state: 'failure' as const, description: 'x'.repeat(200), consoleUrl: 'https://console.example/' };

  await sendCommitStatus({ type: 'github', repository: 'it/config', url: `${api}/api/v3/`, secretRef }, status, secrets);
  await sendCommitStatus({ type: 'gitlab', repository: 'it/infra/config', url: `${api}/api/v4`, context: 'updops/prod', secretRef }, status, secrets);
  await sendCommitStatus({ type: 'gitea', repository: 'it/config', url: `${api}/api/v1`, secretRef }, { ...status, state: 'success' }, secrets);

  const [github, gitlab, gitea] = seen;
  t.match(github, { method: 'POST', path: `/api/v3/repos/it/config/statuses/${SHA}`, headers: { authorization: `Bearer ${TOKEN}` }, body: { state: 'failure', context: 'updops', target_url: 'https://console.example/' } });
  t.equal(String(github!.body.description).length, 140, 'descriptions are cut to what GitHub accepts');
  t.match(gitlab, { path: `/api/v4/projects/it%2Finfra%2Fconfig/statuses/${SHA}`, headers: { 'private-token': TOKEN }, body: { state: 'failed', name: 'updops/prod' } });
  t.match(gitea, { path: `/api/v1/repos/it/config/statuses/${SHA}`, headers: { authorization: `token ${TOKEN}` }, body: { state: 'success', context: 'updops' } });

  answer = 404;
  const provider: CommitStatusProvider = { type: 'github', repository: 'it/gone', url: api, secretRef };
  try {
    await sendCommitStatus(provider, status, secrets);
    t.fail('a 404 is an error');
  } catch (error) {
    t.ok(isUpdopsError(error) && error.code === 'NOTIFY');
    t.match((error as Error).message, /^github commit status for it\/gone answered 404: \{"message":"Not Found"\}$/);
    t.notMatch((error as Error).message, TOKEN);
  }
});
