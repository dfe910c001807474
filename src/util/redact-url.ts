/**
 * Credentials out of URLs, in a bare URL and anywhere in a text (git's and fetch's error
 * messages quote the URL): user info and the values of credential-bearing query parameters.
 */

/**
 * `scheme://userinfo@`: a token is often the user name alone, so all user info goes. Greedy up to
 * the last `@` of the authority, so an unescaped `@` in a password does not leave its tail behind.
 */
const USER_INFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^/?#\s'"]+)@/gi;

/** Query parameters that carry a credential: OAuth, GitLab/GitHub tokens, API keys, presigned S3 URLs. */
const SECRET_PARAMS = [
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'private_token',
  'auth',
  'api_key',
  'apikey',
  'key',
  'password',
  'passwd',
  'secret',
  'client_secret',
  'sig',
  'signature',
  'x-amz-signature',
  'x-amz-credential',
  'x-amz-security-token',
];
const SECRET_QUERY = new RegExp(`([?&](?:${SECRET_PARAMS.join('|')})=)[^&#\\s'"]*`, 'gi');

export const REDACTED = '***';

/**
 * `https://user:token@host/x?access_token=t` → `https://***@host/x?access_token=***`. A plain
 * ssh login name (`ssh://git@host`) is kept: it is a user, not a secret, and tells which login failed.
 */
export function redactUrl(text: string): string {
  return text
    .replace(USER_INFO, (_match, scheme: string, userInfo: string) =>
      /^(git\+)?ssh:/i.test(scheme) && !userInfo.includes(':') ? `${scheme}${userInfo}@` : `${scheme}${REDACTED}@`,
    )
    .replace(SECRET_QUERY, `$1${REDACTED}`);
}
