/** ftp-srv on loopback for the FTP source tests (DEPENDENCIES.md Smoke 5): quiet logger, passive mode on 127.0.0.1. */
import type { AddressInfo } from 'node:net';
import { FtpSrv } from 'ftp-srv';

const quiet = {
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
  fatal() {},
  child() {
    return quiet;
  },
};

export async function serveFtp(root: string, user?: { username: string; password: string }): Promise<{ url: string; close(): Promise<void> }> {
  const base = 41000 + Math.floor(Math.random() * 2000);
  const srv = new FtpSrv({
    url: 'ftp://127.0.0.1:0',
    pasv_url: '127.0.0.1',
    pasv_min: base,
    pasv_max: base + 200,
    anonymous: !user,
    greeting: 'test',
    log: quiet as never,
  });
  srv.on('login', ({ username, password }: { username: string; password: string }, resolve: (r: { root: string }) => void, reject: (e: Error) => void) => {
    if (user && (username !== user.username || password !== user.password)) reject(new Error('bad credentials'));
    else resolve({ root });
  });
  await srv.listen();
  const port = ((srv as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  return { url: `ftp://127.0.0.1:${port}`, close: () => srv.close() };
}
