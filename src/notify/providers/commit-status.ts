/**
 * Commit statuses on the config repository's forge (Flux's notification-controller providers for
 * GitHub, GitLab, Gitea): pending while a commit is tried, then success or failure, each linking
 * to the console. One state per forge's own vocabulary.
 */
import type { GitHubProvider, GitLabProvider, GiteaProvider } from '../../manifests/index.js';
import { readSecret, type SecretOptions } from '../../secrets/index.js';
import { postJson } from './http.js';

export type CommitState = 'pending' | 'success' | 'failure';
export type CommitStatusProvider = GitHubProvider | GitLabProvider | GiteaProvider;

export interface CommitStatus {
  sha: string;
  state: CommitState;
  description: string;
  consoleUrl?: string;
}

const DEFAULT_API: Readonly<Record<'github' | 'gitlab', string>> = { github: 'https://api.github.com', gitlab: 'https://gitlab.com/api/v4' };
/** GitHub refuses descriptions over 140 characters. */
const MAX_DESCRIPTION = 140;

function base(provider: CommitStatusProvider): string {
  return (provider.url ?? DEFAULT_API[provider.type as 'github' | 'gitlab']).replace(/\/+$/, '');
}

export async function sendCommitStatus(provider: CommitStatusProvider, status: CommitStatus, secrets: SecretOptions): Promise<void> {
  const token = readSecret(provider.secretRef, secrets);
  const context = provider.context ?? 'updops';
  const description = status.description.length > MAX_DESCRIPTION ? `${status.description.slice(0, MAX_DESCRIPTION - 1)}…` : status.description;
  const link = status.consoleUrl ? { target_url: status.consoleUrl } : {};
  const label = `${provider.type} commit status for ${provider.repository}`;
  switch (provider.type) {
    case 'github':
      return postJson(`${base(provider)}/repos/${provider.repository}/statuses/${status.sha}`, { state: status.state, description, context, ...link }, { label, headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json' } });
    case 'gitea':
      return postJson(`${base(provider)}/repos/${provider.repository}/statuses/${status.sha}`, { state: status.state, description, context, ...link }, { label, headers: { authorization: `token ${token}` } });
    case 'gitlab':
      // GitLab says `failed` where the others say `failure`, and names the context `name`.
      return postJson(`${base(provider)}/projects/${encodeURIComponent(provider.repository)}/statuses/${status.sha}`, { state: status.state === 'failure' ? 'failed' : status.state, description, name: context, ...link }, { label, headers: { 'private-token': token } });
  }
}
