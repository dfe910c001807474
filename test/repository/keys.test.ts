/** `updops keys generate` (docs/design.md 3): owner-only private keys, TUF keyids, no overwrite. */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { canonicalize } from '@tufjs/canonical-json';
import t from 'tap';
import { ROLES, generateKeys, loadKeys } from '../../src/repository/keys.js';
import { tempDir } from './publish-fixture.js';

t.test('generate writes four ed25519 key pairs with owner-only private keys and TUF keyids', async (t) => {
  const dir = path.join(await tempDir(t), 'keys');
  await generateKeys(dir);
  const ids = new Set<string>();
  for (const role of ROLES) {
    const pem = await stat(path.join(dir, `${role}.key.pem`));
    t.equal(pem.mode & 0o777, 0o600, `${role} private key is 0600`);
    t.match(await readFile(path.join(dir, `${role}.key.pem`), 'utf8'), /^-----BEGIN PRIVATE KEY-----/);
    const pub = JSON.parse(await readFile(path.join(dir, `${role}.pub.json`), 'utf8'));
    t.match(pub.keyval.public, /^[0-9a-f]{64}$/, 'raw 32-byte public key as hex');
    const expected = createHash('sha256')
      .update(canonicalize({ keytype: 'ed25519', scheme: 'ed25519', keyval: { public: pub.keyval.public } }))
      .digest('hex');
    t.equal(pub.keyid, expected, 'keyid = sha256 of the canonical key');
    ids.add(pub.keyid);
  }
  t.equal(ids.size, 4, 'one distinct key per role');
  const keys = await loadKeys(dir);
  t.equal(keys.root.key.keyID, JSON.parse(await readFile(path.join(dir, 'root.pub.json'), 'utf8')).keyid);
  t.match(keys.timestamp.signer(Buffer.from('x')).sig, /^[0-9a-f]{128}$/, 'signer gives an ed25519 signature');
});

t.test('a second generate into the same folder refuses and keeps the keys', async (t) => {
  const dir = path.join(await tempDir(t), 'keys');
  await generateKeys(dir);
  const before = await readFile(path.join(dir, 'root.key.pem'), 'utf8');
  await t.rejects(generateKeys(dir), { code: 'KEYS' });
  t.equal(await readFile(path.join(dir, 'root.key.pem'), 'utf8'), before, 'root key untouched');
});

t.test('loadKeys names the missing key and refuses a public file that does not match', async (t) => {
  const base = await tempDir(t);
  await t.rejects(loadKeys(path.join(base, 'none')), { code: 'KEYS', message: /missing root key/ });
  const a = path.join(base, 'a');
  const b = path.join(base, 'b');
  await generateKeys(a);
  await generateKeys(b);
  const { writeFile } = await import('node:fs/promises');
  await writeFile(path.join(a, 'snapshot.pub.json'), await readFile(path.join(b, 'snapshot.pub.json')));
  await t.rejects(loadKeys(a), { code: 'KEYS', message: /does not match/ });
});
