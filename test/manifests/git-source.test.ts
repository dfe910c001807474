import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import t from 'tap';
import type { Test } from 'tap';
import { isUpdopsError } from '../../src/errors.js';
import type { ErrorCode } from '../../src/errors.js';
import { isGitUrl } from '../../src/manifests/git-command.js';
import { redactUrl } from '../../src/util/index.js';
import { headCommit, resolveConfigSource } from '../../src/manifests/git-source.js';
import { git, initGitRepo } from '../helpers/git-repo.js';
import { freeLoopbackPort as deadPort } from '../helpers/loopback.js';
import { tempDirSync } from '../helpers/temp-dir.js';

/** docs/design.md 2 "Desired state": manifests at one git commit, or a plain directory. Real git repos in temp dirs. */

const root = tempDirSync(t, 'updops-git-');
let count = 0;
const fresh = (name: string) => join(root, `${name}-${++count}`);

function write(dir: string, file: string, content: string): void {
  mkdirSync(join(dir, file, '..'), { recursive: true });
  writeFileSync(join(dir, file), content);
}

/** A work-tree repository on `main` with config/group.yaml, one commit. */
function makeRepo(): string {
  return initGitRepo(fresh('repo'), { files: { 'config/group.yaml': 'name: v1\n', 'README.md': 'readme\n' }, message: 'v1' }).dir;
}

function commitAll(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

async function rejectsWith(t: Test, promise: Promise<unknown>, code: ErrorCode): Promise<string> {
  try {
    await promise;
  } catch (error) {
    t.equal(isUpdopsError(error) ? error.code : String(error), code, `error code is ${code}`);
    const message = error instanceof Error ? error.message : '';
    t.notMatch(message, /\n/, 'one line');
    return message;
  }
  t.fail(`expected a ${code} error`);
  return '';
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

void t.test('a plain folder is read as-is, dirty, with no commit', async (t) => {
  const dir = fresh('plain');
  write(dir, 'group.yaml', 'x\n');
  const source = await resolveConfigSource({ config: dir, cacheDir: fresh('cache') });
  t.same(source, { dir, commit: undefined, dirty: true, source: 'directory' });
  await rejectsWith(t, resolveConfigSource({ config: dir, ref: 'main', cacheDir: fresh('cache') }), 'GIT');
  await rejectsWith(t, resolveConfigSource({ config: join(dir, 'missing') }), 'FILE_READ');
});

void t.test('a folder in a work tree without ref: HEAD commit, dirty only for changes under it', async (t) => {
  const repo = makeRepo();
  const head = git(repo, 'rev-parse', 'HEAD');
  const config = join(repo, 'config');
  t.same(await resolveConfigSource({ config }), { dir: config, commit: head, dirty: false, source: 'git' });
  write(repo, 'README.md', 'changed outside the config folder\n');
  t.equal((await resolveConfigSource({ config })).dirty, false, 'changes elsewhere do not count');
  write(repo, 'config/new.yaml', 'untracked\n');
  t.equal((await resolveConfigSource({ config })).dirty, true, 'an untracked manifest counts');
  rmSync(join(repo, 'config/new.yaml'));
  write(repo, 'config/group.yaml', 'name: edited\n');
  t.same(await resolveConfigSource({ config }), { dir: config, commit: head, dirty: true, source: 'git' });
});

void t.test('a local repository at a branch, a tag and a sha, without touching its work tree', async (t) => {
  const repo = makeRepo();
  const v1 = git(repo, 'rev-parse', 'HEAD');
  git(repo, 'tag', '-a', 'release-1', '-m', 'release 1');
  git(repo, 'tag', 'light-1');
  write(repo, 'config/group.yaml', 'name: v2\n');
  const v2 = commitAll(repo, 'v2');
  git(repo, 'checkout', '--quiet', '-b', 'feature');
  write(repo, 'config/group.yaml', 'name: feature\n');
  const feature = commitAll(repo, 'feature');
  git(repo, 'checkout', '--quiet', 'main');
  // Uncommitted work in the user's tree must survive untouched.
  write(repo, 'config/group.yaml', 'name: local edit\n');
  write(repo, 'scratch.txt', 'untracked\n');
  const statusBefore = git(repo, 'status', '--porcelain');
  const indexBefore = readFileSync(join(repo, '.git', 'index'));
  const cacheDir = fresh('cache');

  const cases: [string, string, string][] = [
    ['main', v2, 'name: v2\n'],
    ['refs/heads/feature', feature, 'name: feature\n'],
    ['feature', feature, 'name: feature\n'],
    ['release-1', v1, 'name: v1\n'],
    ['light-1', v1, 'name: v1\n'],
    [v1, v1, 'name: v1\n'],
    [v2.slice(0, 10), v2, 'name: v2\n'],
  ];
  for (const [ref, commit, content] of cases) {
    const source = await resolveConfigSource({ config: repo, ref, cacheDir });
    t.match(source, { commit, dirty: false, source: 'git' }, `ref ${ref}`);
    t.equal(read(source.dir, 'config/group.yaml'), content, `files of ${ref}`);
    t.notOk(existsSync(join(source.dir, '.git')), 'a plain tree, not a checkout');
  }
  const sub = await resolveConfigSource({ config: join(repo, 'config'), ref: 'main', cacheDir });
  t.equal(read(sub.dir, 'group.yaml'), 'name: v2\n', 'a subfolder of the repository maps to the same subfolder');

  t.equal(git(repo, 'status', '--porcelain'), statusBefore, 'git status unchanged');
  t.equal(read(repo, 'config/group.yaml'), 'name: local edit\n', 'edited file unchanged');
  t.same(readFileSync(join(repo, '.git', 'index')), indexBefore, 'index unchanged');
  t.equal(git(repo, 'rev-parse', '--abbrev-ref', 'HEAD'), 'main', 'still on main');
});

void t.test('the same commit reuses its folder; a new commit is seen after fetch', async (t) => {
  const repo = makeRepo();
  const cacheDir = fresh('cache');
  const first = await resolveConfigSource({ config: repo, ref: 'main', cacheDir });
  write(first.dir, 'sentinel', 'kept');
  const again = await resolveConfigSource({ config: repo, ref: 'main', cacheDir });
  t.equal(again.dir, first.dir);
  t.ok(existsSync(join(again.dir, 'sentinel')), 'folder reused, not rewritten');

  write(repo, 'config/group.yaml', 'name: v2\n');
  const v2 = commitAll(repo, 'v2');
  const next = await resolveConfigSource({ config: repo, ref: 'main', cacheDir });
  t.equal(next.commit, v2);
  t.not(next.dir, first.dir);
  t.equal(read(next.dir, 'config/group.yaml'), 'name: v2\n');
});

void t.test('a git URL follows force-pushed and deleted branches', async (t) => {
  const work = makeRepo();
  const bare = fresh('remote.git');
  git(root, 'init', '--quiet', '--bare', '-b', 'main', bare);
  git(work, 'push', '--quiet', bare, 'main', 'main:doomed');
  const url = pathToFileURL(bare).href;
  const cacheDir = fresh('cache');
  const before = await resolveConfigSource({ config: url, cacheDir });
  t.equal(before.commit, git(work, 'rev-parse', 'HEAD'), 'no ref: the remote HEAD');
  t.equal(read(before.dir, 'config/group.yaml'), 'name: v1\n');

  write(work, 'config/group.yaml', 'name: rewritten\n');
  git(work, 'add', '-A');
  git(work, 'commit', '--quiet', '--amend', '-m', 'rewritten history');
  const rewritten = git(work, 'rev-parse', 'HEAD');
  git(work, 'push', '--quiet', '--force', bare, 'main');
  git(work, 'push', '--quiet', bare, ':doomed');
  const after = await resolveConfigSource({ config: url, ref: 'main', cacheDir });
  t.equal(after.commit, rewritten);
  t.equal(read(after.dir, 'config/group.yaml'), 'name: rewritten\n');
  const message = await rejectsWith(t, resolveConfigSource({ config: url, ref: 'doomed', cacheDir }), 'GIT');
  t.match(message, 'ref doomed not found');

  t.equal(await headCommit(url, 'main'), rewritten);
  t.equal(await headCommit(url), rewritten);
  t.equal(await headCommit(bare, 'main'), rewritten, 'a local path works too');
});

void t.test('headCommit resolves tags and refuses unknown refs', async (t) => {
  const repo = makeRepo();
  const v1 = git(repo, 'rev-parse', 'HEAD');
  git(repo, 'tag', '-a', 'v1', '-m', 'annotated');
  t.equal(await headCommit(repo, 'v1'), v1, 'annotated tag is peeled to its commit');
  t.equal(await headCommit(repo, v1.toUpperCase()), v1);
  await rejectsWith(t, headCommit(repo, 'nope'), 'GIT');
  await rejectsWith(t, headCommit(repo, '--upload-pack=touch /tmp/x'), 'USAGE');
});

void t.test('unknown refs and unreachable remotes are one-line GIT errors without credentials', async (t) => {
  const repo = makeRepo();
  const cacheDir = fresh('cache');
  t.match(await rejectsWith(t, resolveConfigSource({ config: repo, ref: 'no-such-branch', cacheDir }), 'GIT'), 'ref no-such-branch not found');
  t.match(await rejectsWith(t, resolveConfigSource({ config: repo, ref: 'f'.repeat(40), cacheDir }), 'GIT'), 'not found');
  t.match(await rejectsWith(t, resolveConfigSource({ config: 'file:///nonexistent', cacheDir }), 'GIT'), 'cannot fetch file:///nonexistent');
  const port = await deadPort();
  const url = `http://user:s3cret@127.0.0.1:${port}/config.git`;
  const message = await rejectsWith(t, resolveConfigSource({ config: url, ref: 'main', cacheDir }), 'GIT');
  t.match(message, `cannot fetch http://***@127.0.0.1:${port}/config.git`);
  t.notMatch(message, 's3cret');
  const head = await rejectsWith(t, headCommit(url, 'main'), 'GIT');
  t.notMatch(head, 's3cret');
  await rejectsWith(t, resolveConfigSource({ config: repo, ref: '-c', cacheDir }), 'USAGE');
});

void t.test('URLs are recognised and credentials redacted', async (t) => {
  for (const url of ['https://h/x.git', 'file:///srv/x', 'ssh://git@h/x', 'git@github.com:org/x.git', 'git+ssh://h/x']) {
    t.ok(isGitUrl(url), url);
  }
  for (const path of ['config', './config', '/srv/config', 'C:\\config', 'C:/config']) t.notOk(isGitUrl(path), path);
  t.equal(redactUrl("unable to access 'https://user:tok@h/x/'"), "unable to access 'https://***@h/x/'");
  t.equal(redactUrl('https://ghp_token@h/x'), 'https://***@h/x');
  t.equal(redactUrl('ssh://git@h/x and ssh://u:pw@h/y'), 'ssh://git@h/x and ssh://***@h/y');
});

void t.test('a bare repository path is read at a ref; without a default branch it asks for one', async (t) => {
  const work = makeRepo();
  const bare = fresh('headless.git');
  git(root, 'init', '--quiet', '--bare', '-b', 'trunk', bare);
  git(work, 'push', '--quiet', bare, 'main');
  const cacheDir = fresh('cache');
  t.match(await rejectsWith(t, resolveConfigSource({ config: bare, cacheDir }), 'GIT'), 'pass a ref', 'a bare repository path');
  const url = pathToFileURL(bare).href;
  t.match(await rejectsWith(t, resolveConfigSource({ config: url, cacheDir }), 'GIT'), 'pass a ref');
  t.equal((await resolveConfigSource({ config: url, ref: 'main', cacheDir })).commit, git(work, 'rev-parse', 'HEAD'));
  git(bare, 'symbolic-ref', 'HEAD', 'refs/heads/main');
  t.match(await resolveConfigSource({ config: bare, cacheDir }), { commit: git(work, 'rev-parse', 'HEAD'), dirty: false, source: 'git' });
});
