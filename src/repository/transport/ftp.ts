/**
 * FTP source (docs/design.md 1): basic-ftp, one control connection per parallel download from a
 * small pool. Replies 550/551 mean "no such file" (Smoke 5: ftp-srv answers 551).
 */
import { PassThrough } from 'node:stream';
import { Client, FTPError } from 'basic-ftp';
import { readFileSync } from 'node:fs';
import { classifyNetworkError } from './errors.js';
import { redactUrl, safeRelative } from './types.js';
import type { GetOptions, GetResult, Transport, TransportOptions } from './types.js';

export function openFtp(url: string, options: TransportOptions): Transport {
  const base = new URL(url);
  const display = redactUrl(url);
  const root = decodeURIComponent(base.pathname).replace(/\/$/, '');
  const idle: Client[] = [];
  const all = new Set<Client>();
  let requests = 0;

  async function acquire(): Promise<Client> {
    const ready = idle.pop();
    if (ready && !ready.closed) return ready;
    const client = new Client(options.timeoutMs);
    all.add(client);
    try {
      await client.access({
        host: base.hostname,
        port: base.port ? Number(base.port) : 21,
        user: options.credentials?.username ?? (decodeURIComponent(base.username) || 'anonymous'),
        password: options.credentials?.password ?? (decodeURIComponent(base.password) || 'updops@'),
        secure: base.protocol === 'ftps:',
        ...(options.caFile ? { secureOptions: { ca: readFileSync(options.caFile) } } : {}),
      });
    } catch (error) {
      discard(client);
      throw classifyNetworkError(error, display);
    }
    return client;
  }

  function discard(client: Client): void {
    all.delete(client);
    client.close();
  }

  async function get(relPath: string, opts: GetOptions = {}): Promise<GetResult> {
    const remote = `${root}/${safeRelative(relPath).join('/')}`;
    const client = await acquire();
    requests += 1;
    let size: number;
    try {
      size = await client.size(remote);
    } catch (error) {
      if (error instanceof FTPError && (error.code === 550 || error.code === 551)) {
        idle.push(client);
        return { status: 'not-found' };
      }
      discard(client);
      throw classifyNetworkError(error, `${display}/${relPath}`);
    }
    const offset = opts.offset ?? 0;
    const body = new PassThrough();
    // The body is handed out before the transfer ends; the client goes back to the pool only
    // when the transfer completed cleanly, otherwise its data connection state is unknown.
    client.downloadTo(body, remote, offset).then(
      () => idle.push(client),
      (error: unknown) => {
        discard(client);
        body.destroy(classifyNetworkError(error, `${display}/${relPath}`));
      },
    );
    opts.signal?.addEventListener('abort', () => {
      discard(client);
      body.destroy(opts.signal?.reason as Error);
    });
    return { status: 'ok', body, length: Math.max(0, size - offset), resumed: offset > 0 };
  }

  return {
    display,
    get requests() {
      return requests;
    },
    get,
    close: async () => {
      for (const client of all) client.close();
      all.clear();
      idle.length = 0;
    },
  };
}
