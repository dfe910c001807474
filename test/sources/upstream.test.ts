/**
 * An `upstream` source (docs/design.md 1, "Update sources") is the primary controller's
 * `/repository/`: its `secretRef` holds that controller's API token, resolved as a bearer token
 * (not the `user:password` of other sources), and the sync sends it as `Authorization: Bearer`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import t from 'tap';
import { syncRepository } from '../../src/repository/index.js';
import { sourceSpecOf } from '../../src/sources/index.js';
import type { UpdateSource } from '../../src/manifests/index.js';
import { tempDirSync } from '../helpers/temp-dir.js';

const source = (type: UpdateSource['spec']['type'], secretRef: UpdateSource['spec']['secretRef']): UpdateSource => ({
  apiVersion: 'updops/v1',
  kind: 'UpdateSource',
  metadata: { name: 'primary' },
  spec: { type, url: 'http://127.0.0.1:1/repository/', ...(secretRef ? { secretRef } : {}) },
});

void t.test("an upstream source's secretRef is a bearer token; other sources' stay user:password", async (t) => {
  const dir = tempDirSync(t, 'updops-upstream-');
  writeFileSync(path.join(dir, 'token'), 'file-token-0123\n');
  const env = { PRIMARY_TOKEN: 'env-token-4567' };
  t.match(sourceSpecOf('primary', source('upstream', { env: 'PRIMARY_TOKEN' }), dir, env).spec, { bearerToken: 'env-token-4567', credentials: undefined });
  t.match(sourceSpecOf('primary', source('upstream', { file: 'token' }), dir, env).spec, { bearerToken: 'file-token-0123', credentials: undefined }, 'a file: its first line');
  t.notOk('bearerToken' in sourceSpecOf('primary', source('upstream', undefined), dir, env).spec, 'no secretRef: no token (a loopback primary)');
  writeFileSync(path.join(dir, 'login'), 'mirror:pa55\n');
  t.match(sourceSpecOf('mirror', source('http', { file: 'login' }), dir, env).spec, { credentials: { username: 'mirror', password: 'pa55' }, bearerToken: undefined });
  t.throws(() => sourceSpecOf('primary', source('upstream', { env: 'UNSET_TOKEN' }), dir, {}), { code: 'SECRET', message: /UNSET_TOKEN/ });
});

void t.test('the sync sends the token as Authorization: Bearer on every request', async (t) => {
  const seen: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const dest = path.join(tempDirSync(t, 'updops-upstream-dest-'), 'dp');
  mkdirSync(dest);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/repository/`;
  await t.rejects(syncRepository({ sources: [{ url, name: 'primary', bearerToken: 'the-token-89ab' }], dest, retries: 0 }));
  t.ok(seen.length >= 1, 'the source was asked');
  t.same([...new Set(seen)], ['Bearer the-token-89ab'], 'every request carried the bearer token, nothing else');
});
