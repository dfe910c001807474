/**
 * The shared bind-first helper (src/util/listen.ts): a busy port is UpdopsError LISTEN with the
 * address in the message, a free one is listened on (port 0: the one the system picked), and
 * errors that are not about the address pass through unchanged.
 */
import { createServer } from 'node:net';
import t from 'tap';
import { isUpdopsError } from '../../src/errors.js';
import { checkListen, hostPort, listenError, listenOn } from '../../src/util/index.js';

void t.test('a busy port is LISTEN: HOST:PORT is in use; the free one is listened on', async (t) => {
  const holder = createServer();
  const port = await listenOn(holder, { host: '127.0.0.1', port: 0 });
  t.teardown(() => new Promise<void>((resolve) => holder.close(() => resolve())));
  t.ok(port > 0, 'port 0 answers the port the system picked');

  const second = createServer();
  const error: unknown = await listenOn(second, { host: '127.0.0.1', port }).then(() => undefined, (e: unknown) => e);
  t.ok(isUpdopsError(error), 'an UpdopsError');
  t.match(error, { code: 'LISTEN', message: `127.0.0.1:${port} is in use` });
  t.equal(second.listening, false);
  await t.rejects(checkListen({ host: '127.0.0.1', port }), { code: 'LISTEN' }, 'checkListen says the same');

  const free = await checkListen({ host: '127.0.0.1', port: 0 });
  t.ok(free > 0 && free !== port, 'a free port is checked and released');
  const again = createServer();
  t.equal(await listenOn(again, { host: '127.0.0.1', port: free }), free, 'and can be listened on right after');
  await new Promise<void>((resolve) => again.close(() => resolve()));
});

void t.test('EACCES and foreign addresses are LISTEN too; other errors pass through', async (t) => {
  t.match(listenError(Object.assign(new Error('x'), { code: 'EACCES' }), '0.0.0.0', 80), { code: 'LISTEN', message: '0.0.0.0:80 is not allowed for this user (ports below 1024 need privileges)' });
  t.match(listenError(Object.assign(new Error('x'), { code: 'EADDRNOTAVAIL' }), '192.0.2.1', 8080), { code: 'LISTEN', message: /192\.0\.2\.1:8080: 192\.0\.2\.1 is not an address of this machine/ });
  const other = new Error('something else');
  t.equal(listenError(other, '127.0.0.1', 1), other);
  t.equal(hostPort('::1', 8080), '[::1]:8080');
});
