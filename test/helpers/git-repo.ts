/**
 * Temp git repositories for tests (docs/style.md 11): a real `git init`, files written and committed
 * with a fixed identity, whatever the machine's git config says.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Identity and signing off per command, so a user's or CI's git config changes nothing. */
const IDENTITY = ['-c', 'user.name=updops test', '-c', 'user.email=test@updops.invalid', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false'];

/** Runs git in `cwd`; returns trimmed stdout, throws (with git's stderr) when it fails. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...IDENTITY, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export interface GitRepo {
  dir: string;
  git: (...args: string[]) => string;
  /** Writes a file (folders made as needed), relative to the repository. */
  write: (rel: string, content: string | Buffer) => void;
  remove: (rel: string) => void;
  /** Stages everything and commits (empty commits too); returns the new HEAD sha. */
  commit: (message: string) => string;
  head: () => string;
}

export interface GitRepoOptions {
  branch?: string;
  /** Written and committed as the first commit (with `message`). */
  files?: Record<string, string | Buffer>;
  message?: string;
  /** `git init --bare` (no work tree: a remote to push to). */
  bare?: boolean;
}

/** `git init` in `dir` (made if missing) on `main`, with a first commit when `files` are given. */
export function initGitRepo(dir: string, options: GitRepoOptions = {}): GitRepo {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', ...(options.bare ? ['--bare'] : []), '-b', options.branch ?? 'main');
  const repo: GitRepo = {
    dir,
    git: (...args) => git(dir, ...args),
    write: (rel, content) => {
      const file = path.join(dir, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    },
    remove: (rel) => rmSync(path.join(dir, rel), { recursive: true, force: true }),
    commit: (message) => {
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '--allow-empty', '-m', message);
      return git(dir, 'rev-parse', 'HEAD');
    },
    head: () => git(dir, 'rev-parse', 'HEAD'),
  };
  if (options.files) {
    for (const [rel, content] of Object.entries(options.files)) repo.write(rel, content);
    repo.commit(options.message ?? 'Initial config');
  }
  return repo;
}
