/**
 * Key rotation through the CLI a user runs (docs/repository-format.md "Keys"; TUF 5.3, 5.4):
 * publish v1, mirror it to a DP and from the DP to a device, rotate the timestamp key (the old
 * one revoked), publish v2 — both follow on their next sync — and a repository still signed by
 * the revoked key alone is refused, leaving what was mirrored before untouched.
 */
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { runCli, startCli } from '../helpers/processes.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeContent } from '../repository/publish-fixture.js';

const SERVING = /serving \S+ on (http:\/\/\S+)/;

async function serve(t: Parameters<typeof startCli>[0], dir: string): Promise<string> {
  const server = await startCli(t, ['serve', dir, '--listen', '127.0.0.1:0'], { line: SERVING });
  return server.ready[1]!;
}

async function timestampKeyIds(repo: string): Promise<string[]> {
  const doc = JSON.parse(await readFile(path.join(repo, 'metadata', 'timestamp.json'), 'utf8')) as { signatures: { keyid: string }[] };
  return doc.signatures.map((s) => s.keyid);
}

t.test('rotate the timestamp key: a DP and a device behind it follow; the revoked key alone is refused', async (t) => {
  const dir = await tempDir(t, 'updops-rotate-cli-');
  const [keys, repo, content, dp, device, oldKeys, oldRepo] = ['keys', 'repo', 'content', 'dp', 'device', 'keys-old', 'repo-old'].map((d) => path.join(dir, d)) as [string, string, string, string, string, string, string];
  const ok = async (args: string[]): Promise<string> => {
    const res = await runCli(args, { t });
    t.equal(res.code, 0, `${args.join(' ')}: ${res.stderr}`);
    return res.stdout;
  };
  await ok(['keys', 'generate', '--out', keys]);
  await writeContent(content, { 'databases/av/base.bin': 'v1' });
  await ok(['publish', content, '--repo', repo, '--keys', keys]);
  await cp(keys, oldKeys, { recursive: true });
  await cp(repo, oldRepo, { recursive: true });
  const trustRoot = path.join(dir, 'first-root.json');
  await cp(path.join(repo, 'metadata', '1.root.json'), trustRoot);

  const vendorUrl = await serve(t, repo);
  t.match(await ok(['sync', '--source', vendorUrl, '--dest', dp, '--trust-root', trustRoot]), /synced v1/);
  const dpUrl = await serve(t, dp);
  t.match(await ok(['sync', '--source', dpUrl, '--dest', device, '--trust-root', trustRoot]), /synced v1/);
  const revoked = await timestampKeyIds(device);

  t.match(await ok(['keys', 'rotate', '--role', 'timestamp', '--keys', keys, '--repo', repo]), /timestamp key [0-9a-f]{64} replaces [0-9a-f]{64} \(revoked\)/);
  await writeContent(content, { 'databases/av/base.bin': 'v2' });
  await ok(['publish', content, '--repo', repo, '--keys', keys]);
  await ok(['sync', '--source', vendorUrl, '--dest', dp, '--trust-root', trustRoot]);
  await ok(['sync', '--source', dpUrl, '--dest', device, '--trust-root', trustRoot]);
  for (const [name, mirror] of [['DP', dp], ['device', device]] as const) {
    t.equal(await readFile(path.join(mirror, 'metadata', 'timestamp.json'), 'utf8'), await readFile(path.join(repo, 'metadata', 'timestamp.json'), 'utf8'), `the ${name} holds the newest timestamp`);
    t.notSame(await timestampKeyIds(mirror), revoked, `the ${name}'s timestamp is signed by the new key`);
  }

  // An attacker who kept the revoked key publishes a newer version with it alone.
  await writeContent(content, { 'databases/av/base.bin': 'evil' });
  await ok(['publish', content, '--repo', oldRepo, '--keys', oldKeys]);
  await ok(['publish', content, '--repo', oldRepo, '--keys', oldKeys]);
  const attackerUrl = await serve(t, oldRepo);
  const before = await readFile(path.join(dp, 'metadata', 'timestamp.json'), 'utf8');
  const refused = await runCli(['sync', '--source', attackerUrl, '--dest', dp, '--trust-root', trustRoot], { t });
  t.equal(refused.code, 1, refused.stdout);
  t.match(refused.stderr, /TUF_SIGNATURE|TUF_ROLLBACK/);
  t.notMatch(refused.stderr, /\n\s+at /, 'one line, no stack');
  t.equal(await readFile(path.join(dp, 'metadata', 'timestamp.json'), 'utf8'), before, 'the DP keeps what it had');
});
