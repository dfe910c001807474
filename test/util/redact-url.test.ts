/** One redaction for every URL updops prints (transport results, git errors): user info and credential query parameters. */
import t from 'tap';
import { redactUrl } from '../../src/util/redact-url.js';

const cases: [string, string, string][] = [
  ['a URL without credentials is unchanged', 'https://vendor.example/repo', 'https://vendor.example/repo'],
  ['a path is unchanged', '/srv/updates/berlin', '/srv/updates/berlin'],
  ['a trailing slash is kept', 'http://127.0.0.1:8080/', 'http://127.0.0.1:8080/'],
  ['user and password', 'https://user:T0K3N@h/x', 'https://***@h/x'],
  ['a token as the user name alone', 'https://ghp_token@h/x', 'https://***@h/x'],
  ['an unescaped @ in the password leaves no tail', 'https://u:p@ss@h/x', 'https://***@h/x'],
  ['ftp credentials', 'ftp://mirror:s3cret@127.0.0.1:2121/updates', 'ftp://***@127.0.0.1:2121/updates'],
  ['an ssh login name is kept', 'ssh://git@h/x', 'ssh://git@h/x'],
  ['git+ssh login name is kept', 'git+ssh://git@h/x', 'git+ssh://git@h/x'],
  ['an ssh password goes', 'ssh://u:pw@h/y', 'ssh://***@h/y'],
  ['?token=', 'https://h/repo?token=abc123', 'https://h/repo?token=***'],
  ['&access_token= among other parameters', 'https://h/r?ref=main&access_token=abc&x=1', 'https://h/r?ref=main&access_token=***&x=1'],
  ['parameter names in any case', 'https://h/r?Private_Token=abc', 'https://h/r?Private_Token=***'],
  ['a presigned S3 URL', 'https://b.s3/x?X-Amz-Credential=AK%2F1&X-Amz-Signature=ff00', 'https://b.s3/x?X-Amz-Credential=***&X-Amz-Signature=***'],
  ['a fragment after the token stays', 'https://h/r?token=abc#top', 'https://h/r?token=***#top'],
  ['an ordinary parameter stays', 'https://h/r?tokens=3&page=2', 'https://h/r?tokens=3&page=2'],
  ['both at once', 'https://u:p@h/r?token=t', 'https://***@h/r?token=***'],
  ['in free text, quoted', "fatal: unable to access 'https://user:T0K3N@h/x/': 403", "fatal: unable to access 'https://***@h/x/': 403"],
  ['several URLs in one text', 'ssh://git@h/x and ssh://u:pw@h/y', 'ssh://git@h/x and ssh://***@h/y'],
  ['a token in a quoted URL in text', 'GET "http://h/x?access_token=abc" failed', 'GET "http://h/x?access_token=***" failed'],
  ['an e-mail address in text is not a URL', 'contact admin@example.com', 'contact admin@example.com'],
  ['an @ in a path is not user info', 'https://h/users/@me', 'https://h/users/@me'],
];

for (const [name, input, expected] of cases) {
  void t.test(name, async (t) => {
    t.equal(redactUrl(input), expected);
  });
}

void t.test('no secret from the table survives', async (t) => {
  for (const secret of ['T0K3N', 'ghp_token', 's3cret', 'abc123', 'ff00', 'AK%2F1']) {
    for (const [, input] of cases) if (input.includes(secret)) t.notMatch(redactUrl(input), secret, `${secret} in ${input}`);
  }
});
