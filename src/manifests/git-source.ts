import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SimpleGit } from 'simple-git';
import { UpdopsError } from '../errors.js';
import { redactUrl } from '../util/index.js';
import { isGitUrl, makeGit, runGit, tryGit } from './git-command.js';

/**
 * Where the desired state comes from (docs/design.md 2: "all manifests at one git commit (or a plain
 * directory)"). A git source is fetched into a cache that updops owns and the commit's tree is
 * materialised into its own folder, so no working tree the user owns is ever touched and the
 * same commit always reads the same files.
 */

export const DEFAULT_GIT_CACHE = '.updops/git-cache';

export interface ConfigSourceOptions {
  /** A directory, a local git repository path, or a git URL (`file://`, `https://`, `ssh://`, `user@host:path`). */
  config: string;
  /** Branch, tag or commit (full or short sha). */
  ref?: string;
  /** Default `.updops/git-cache` under the working directory. */
  cacheDir?: string;
}

export interface ConfigSource {
  /** A directory holding the manifests at `commit`. */
  dir: string;
  /** The commit read; undefined for a plain directory. */
  commit: string | undefined;
  /** True when `dir` may differ from `commit` (uncommitted changes, or no git at all). */
  dirty: boolean;
  source: 'directory' | 'git';
}

export async function resolveConfigSource(options: ConfigSourceOptions): Promise<ConfigSource> {
  const { config, ref } = options;
  if (ref !== undefined) checkRef(ref);
  const cacheDir = resolve(options.cacheDir ?? DEFAULT_GIT_CACHE);
  if (isGitUrl(config)) return fromRemote(config, '', ref, cacheDir);

  const dir = resolve(config);
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat) throw new UpdopsError('FILE_READ', `config folder ${config} does not exist`);
  if (!stat.isDirectory()) throw new UpdopsError('FILE_READ', `config ${config} is not a folder`);

  const git = makeGit(dir);
  const topLevel = await tryGit(git, ['rev-parse', '--show-toplevel']);
  // A bare repository has no files to read as-is: always read it at a ref (default: its HEAD).
  if (topLevel === undefined && (await tryGit(git, ['rev-parse', '--is-bare-repository'])) === 'true') {
    return fromRemote(dir, '', ref, cacheDir);
  }
  if (topLevel === undefined) {
    if (ref !== undefined) throw new UpdopsError('GIT', `${config} is not a git repository, so --ref ${ref} cannot be used`);
    return { dir: config, commit: undefined, dirty: true, source: 'directory' };
  }
  if (ref === undefined) return fromWorkTree(git, config);
  // A ref of a local repository: read it like a remote, never by checking out in the user's tree.
  const prefix = (await tryGit(git, ['rev-parse', '--show-prefix'])) ?? '';
  return fromRemote(topLevel, prefix, ref, cacheDir);
}

/**
 * The latest commit of `ref` (default: the remote's HEAD) without fetching anything — what a
 * controller polls to notice new commits on the branch it follows (docs/design.md intro, use 1).
 */
export async function headCommit(repoUrl: string, ref?: string): Promise<string> {
  if (ref !== undefined) checkRef(ref);
  if (ref !== undefined && /^[0-9a-f]{40}$/i.test(ref)) return ref.toLowerCase();
  const remote = isGitUrl(repoUrl) ? repoUrl : resolve(repoUrl);
  const output = await runGit(makeGit(tmpdir()), ['ls-remote', '--', remote], `cannot read ${redactUrl(repoUrl)}`);
  const refs = new Map<string, string>();
  for (const line of output.split('\n')) {
    const [sha, name] = line.split('\t');
    if (sha !== undefined && name !== undefined) refs.set(name, sha);
  }
  const wanted = ref ?? 'HEAD';
  const candidates = [`refs/heads/${wanted}`, `refs/tags/${wanted}^{}`, `refs/tags/${wanted}`, wanted];
  for (const candidate of candidates) {
    const sha = refs.get(candidate);
    if (sha !== undefined) return sha;
  }
  throw unknownRef(wanted, repoUrl);
}

async function fromWorkTree(git: SimpleGit, config: string): Promise<ConfigSource> {
  const commit = await tryGit(git, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  // Dirty = anything under this folder differs from HEAD, untracked files included: they would be loaded.
  const status = await runGit(git, ['status', '--porcelain', '--untracked-files=normal', '--', '.'], `cannot read git status of ${config}`);
  return { dir: config, commit, dirty: commit === undefined || status.length > 0, source: 'git' };
}

async function fromRemote(remote: string, prefix: string, ref: string | undefined, cacheDir: string): Promise<ConfigSource> {
  const repoDir = await withRepoLock(remote, cacheDir, async (repo) => {
    await fetchInto(repo, remote, ref === undefined || ref === 'HEAD');
    return repo;
  });
  const git = makeGit(repoDir);
  let commit = await resolveRef(git, ref);
  if (commit === undefined && ref !== undefined && /^[0-9a-f]{40}$/i.test(ref)) {
    // A commit no branch or tag points at (any more): servers that allow it send it by sha.
    await tryGit(git, ['fetch', '--quiet', '--no-write-fetch-head', '--', remote, ref]);
    commit = await verifyCommit(git, ref);
  }
  if (commit === undefined) throw unknownRef(ref ?? 'HEAD', remote);
  const tree = await materialise(repoDir, commit, join(cacheDir, 'trees'));
  const dir = prefix.length > 0 ? join(tree, prefix) : tree;
  if (!existsSync(dir)) {
    throw new UpdopsError('GIT', `folder ${prefix} does not exist at ${ref ?? 'HEAD'} (${commit.slice(0, 12)}) of ${redactUrl(remote)}`);
  }
  return { dir, commit, dirty: false, source: 'git' };
}

/** The bare cache repository for `remote`, keyed by a hash of the URL (which may hold credentials). */
function cacheRepoPath(remote: string, cacheDir: string): string {
  const key = createHash('sha256').update(remote).digest('hex').slice(0, 24);
  return join(cacheDir, 'repos', `${key}.git`);
}

/** Fetches run one at a time per cache repository within this process. */
const repoLocks = new Map<string, Promise<unknown>>();

async function withRepoLock<T>(remote: string, cacheDir: string, work: (repo: string) => Promise<T>): Promise<T> {
  const repo = cacheRepoPath(remote, cacheDir);
  const previous = repoLocks.get(repo) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(async () => work(await ensureBareRepo(repo)));
  repoLocks.set(repo, next);
  try {
    return await next;
  } finally {
    if (repoLocks.get(repo) === next) repoLocks.delete(repo);
  }
}

/** Created in a temp folder and renamed, so a half-initialised repository is never reused. */
async function ensureBareRepo(repo: string): Promise<string> {
  if (existsSync(join(repo, 'HEAD'))) return repo;
  const parent = resolve(repo, '..');
  mkdirSync(parent, { recursive: true });
  const temp = await mkdtemp(join(parent, '.init-'));
  await runGit(makeGit(temp), ['init', '--bare', '--quiet', temp], `cannot create git cache in ${parent}`);
  try {
    renameSync(temp, repo);
  } catch {
    rmSync(temp, { recursive: true, force: true }); // another process created it first
  }
  return repo;
}

/**
 * Fetches every branch and tag from the URL itself (no `origin` remote is configured, so the URL
 * and any credentials in it are never written to disk). `+` refspecs, `--force` and `--prune`
 * make force-pushed and deleted branches mirror the remote exactly.
 */
async function fetchInto(repo: string, remote: string, withHead: boolean): Promise<void> {
  const refspecs = ['+refs/heads/*:refs/remotes/origin/*'];
  if (withHead) refspecs.push('+HEAD:refs/updops/HEAD');
  const args = ['fetch', '--quiet', '--no-write-fetch-head', '--prune', '--prune-tags', '--force', '--tags', '--', remote, ...refspecs];
  try {
    await runGit(makeGit(repo), args, `cannot fetch ${remote}`);
  } catch (error) {
    // A bare remote whose HEAD names a branch that was never pushed has no default branch.
    if (withHead && error instanceof UpdopsError && /remote ref HEAD/.test(error.message)) {
      throw new UpdopsError('GIT', `${error.message}; the remote has no default branch, so pass a ref (branch, tag or commit)`);
    }
    throw error;
  }
}

/** Branch first (the usual meaning of a config ref), then tag, then a commit sha or other expression. */
async function resolveRef(git: SimpleGit, ref: string | undefined): Promise<string | undefined> {
  if (ref === undefined || ref === 'HEAD') return verifyCommit(git, 'refs/updops/HEAD');
  const branch = ref.replace(/^refs\/heads\//, '');
  const tag = ref.replace(/^refs\/tags\//, '');
  for (const candidate of [`refs/remotes/origin/${branch}`, `refs/tags/${tag}`, ref]) {
    const sha = await verifyCommit(git, candidate);
    if (sha !== undefined) return sha;
  }
  return undefined;
}

async function verifyCommit(git: SimpleGit, name: string): Promise<string | undefined> {
  const sha = await tryGit(git, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${name}^{commit}`]);
  return sha !== undefined && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
}

/**
 * Writes the commit's tree into `trees/<sha>` once; later calls for the same commit reuse it.
 * A private index file and a temp folder renamed into place mean a reader never sees a partial tree.
 */
async function materialise(repoDir: string, commit: string, treesDir: string): Promise<string> {
  const target = join(treesDir, commit);
  if (existsSync(target)) return target;
  mkdirSync(treesDir, { recursive: true });
  const temp = await mkdtemp(join(treesDir, `.${commit.slice(0, 12)}-`));
  const index = `${temp}.index`;
  try {
    const checkout = makeGit(repoDir, { GIT_INDEX_FILE: index, GIT_WORK_TREE: temp });
    await runGit(checkout, ['read-tree', '--reset', '-u', commit], `cannot check out ${commit}`);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    if (!existsSync(target)) throw error;
  } finally {
    rmSync(index, { force: true });
  }
  return target;
}

/** Refs come from flags and manifests: refuse option-like values before they reach git's argv. */
function checkRef(ref: string): void {
  if (ref.length === 0 || ref.startsWith('-') || /[\s\0]/.test(ref)) {
    throw new UpdopsError('USAGE', `"${ref}" is not a valid git ref`);
  }
}

function unknownRef(ref: string, remote: string): UpdopsError {
  return new UpdopsError('GIT', `ref ${ref} not found in ${redactUrl(remote)} (not a branch, tag or commit there)`);
}
