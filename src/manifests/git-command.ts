import { simpleGit } from 'simple-git';
import type { SimpleGit } from 'simple-git';
import { UpdopsError } from '../errors.js';
import { redactUrl } from '../util/index.js';

/**
 * How updops runs git (through simple-git): never prompts (a controller has no terminal), gives
 * up when git says nothing for a while, and turns failures into one-line `GIT` errors with any
 * credentials stripped from URLs.
 */

/** Kill a git process that has produced no output for this long (dead remote, stuck transfer). */
export const GIT_IDLE_TIMEOUT_MS = 60_000;

/**
 * Variables of the operator's environment that git may keep. simple-git removes every other
 * `GIT_*` variable (and a few like `PAGER`), because they can run commands; these only select
 * TLS roots and the ssh command, which operators set on purpose for `ssh://` config repos.
 */
const PASSED_THROUGH = ['GIT_SSL_CAINFO', 'GIT_SSL_CAPATH', 'GIT_SSH_COMMAND', 'GIT_SSH'];
/** Variables updops itself sets. */
const OWN = ['GIT_TERMINAL_PROMPT', 'GIT_OPTIONAL_LOCKS', 'GIT_INDEX_FILE', 'GIT_WORK_TREE'];
/** Non-`GIT_` names simple-git also guards. */
const GUARDED = new Set(['editor', 'pager', 'prefix', 'ssh_askpass', 'visual']);

export function makeGit(baseDir: string, extraEnv: Record<string, string> = {}): SimpleGit {
  const git = simpleGit({
    baseDir,
    timeout: { block: GIT_IDLE_TIMEOUT_MS },
    allowEnvironment: [...PASSED_THROUGH, ...OWN],
    unsafe: { allowUnsafeSshCommand: true },
  });
  return git.env(gitEnv(extraEnv));
}

function gitEnv(extraEnv: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    const lower = key.toLowerCase();
    const guarded = lower.startsWith('git_') || GUARDED.has(lower);
    if (!guarded || PASSED_THROUGH.includes(key.toUpperCase())) env[key] = value;
  }
  env.GIT_TERMINAL_PROMPT = '0';
  // Reading a user's work tree must not rewrite its index (`git status` refreshes it otherwise).
  env.GIT_OPTIONAL_LOCKS = '0';
  // ssh must fail instead of asking for a password or host-key confirmation.
  if (env.GIT_SSH_COMMAND === undefined && env.GIT_SSH === undefined) env.GIT_SSH_COMMAND = 'ssh -o BatchMode=yes';
  return { ...env, ...extraEnv };
}

/** True for `scheme://…` and scp-like `user@host:path`; a Windows drive (`C:\`) is a path. */
export function isGitUrl(config: string): boolean {
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(config) || /^[^/\\\s@]+@[^/\\\s:]+:/.test(config);
}

/** Runs a git command and returns its trimmed stdout, or throws `GIT` saying what failed. */
export async function runGit(git: SimpleGit, args: string[], doing: string): Promise<string> {
  try {
    return (await git.raw(args)).trim();
  } catch (error) {
    throw gitError(error, doing);
  }
}

/** Like `runGit`, but a failure means "no answer" (e.g. `rev-parse --verify` of a missing ref). */
export async function tryGit(git: SimpleGit, args: string[]): Promise<string | undefined> {
  try {
    const out = (await git.raw(args)).trim();
    return out.length > 0 ? out : undefined;
  } catch {
    return undefined;
  }
}

/** One line: `<doing>: <git's own reason>`, no stack, no credentials. */
export function gitError(error: unknown, doing: string): UpdopsError {
  return new UpdopsError('GIT', redactUrl(`${doing}: ${gitReason(error)}`));
}

function gitReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/timeout|timed out/i.test(text) && !/fatal:/.test(text)) {
    return `git gave no sign of progress for ${GIT_IDLE_TIMEOUT_MS / 1000} s; is the remote reachable?`;
  }
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
  let fatal = lines.find((line) => line.startsWith('fatal:')) ?? lines.find((line) => line.startsWith('error:'));
  // ssh prints the real cause (e.g. "connection refused") on the line before git's generic fatal.
  if (fatal?.includes('Could not read from remote repository') && lines[0] !== fatal) fatal = lines[0];
  const reason = (fatal ?? lines[0] ?? 'git failed').replace(/^(fatal|error):\s*/, '');
  return reason.replace(/\.$/, '');
}
