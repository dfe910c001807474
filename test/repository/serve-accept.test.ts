/**
 * serve takes a burst of new connections in one event-loop turn (listen-socket.ts): 200 clients
 * connecting at once to one server process are all answered on their keep-alive connections,
 * a second request on each too, and close() still ends every one of them (those accepted
 * beside libuv included) within its grace period.
 */
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import path from 'node:path';
import t from 'tap';
import { serveRepository } from '../../src/repository/index.js';
import { tempDir } from '../helpers/temp-dir.js';

const CLIENTS = 200;

/** Sends one GET on a kept-alive socket and resolves with the status line once the 5-byte body is in. */
function get(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('latin1');
      if (/\r\n\r\nhello$/.test(text)) {
        socket.off('data', onData);
        resolve(text.split('\r\n')[0]!);
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write('GET /f.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  });
}

void t.test(`${CLIENTS} clients at once: all answered twice, close() ends them all`, async (t) => {
  const dir = await tempDir(t);
  writeFileSync(path.join(dir, 'f.txt'), 'hello');
  const server = await serveRepository({ root: dir });
  const sockets = await Promise.all(
    Array.from({ length: CLIENTS }, () => new Promise<Socket>((resolve, reject) => {
      const s = connect(server.port, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    })),
  );
  t.teardown(() => sockets.forEach((s) => s.destroy()));
  const first = await Promise.all(sockets.map(get));
  t.same(new Set(first), new Set(['HTTP/1.1 200 OK']), 'every first request answered');
  const second = await Promise.all(sockets.map(get));
  t.same(new Set(second), new Set(['HTTP/1.1 200 OK']), 'and a second one on the same connection');
  t.equal(server.stats.requests, 2 * CLIENTS);
  const closedAll = Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.once('close', () => resolve()))));
  const started = Date.now();
  await server.close();
  await closedAll;
  t.ok(Date.now() - started < 4_000, `closed within the grace period (${Date.now() - started} ms)`);
});
